import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { open, seal } from '../lib/secretbox.js';
import { loadKeyring } from './keyring.js';

const dir = mkdtempSync(path.join(tmpdir(), 'yw-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('master keyring', () => {
  it('creates an owner-only key file for the embedded database and reuses it', () => {
    const first = loadKeyring({ DATA_DIR: dir });
    expect(statSync(path.join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    const sealed = seal(first, 'x', 'y');
    expect(open(loadKeyring({ DATA_DIR: dir }), sealed, 'y')).toBe('x');
  });

  it('refuses to invent a key for a PostgreSQL deployment', () => {
    expect(() => loadKeyring({ DATA_DIR: dir, DATABASE_URL: 'postgres://x@127.0.0.1/y' })).toThrow(/MASTER_KEYS is required/);
  });
});
