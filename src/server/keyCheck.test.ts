import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { installKeyring, parseKeyring } from '../lib/secretbox.js';
import { pgliteDataDirFromTemplate, repoRoot } from '../test/dataDir.js';
import { TEST_MASTER_KEYS } from '../test/global-setup.js';
import { createTestApp, type TestContext } from '../test/app.js';
import { ensureMasterKeys } from './keyCheck.js';

const onPostgres = Boolean(inject('pgTemplate'));
const right = parseKeyring(TEST_MASTER_KEYS);
/** Same key id as the test key, other bytes: a typo in MASTER_KEYS, or another node's key. */
const WRONG_SAME_ID = `test:${Buffer.alloc(32, 9).toString('base64')}`;
/** A new key under a new name, as when master.key was not restored with a backup. */
const NEW_KEY_ONLY = `k20261201:${Buffer.alloc(32, 3).toString('base64')}`;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  installKeyring(right);
  await ctx.close();
});

describe('the master key matches the database', () => {
  it('/healthz answers 503 with the problem when the configured master key cannot open what the database holds', async () => {
    expect((await ctx.app.inject({ url: '/healthz' })).json()).toMatchObject({ status: 'ok' });

    // A database from before canaries: checked on an issuer's sealed signing key.
    installKeyring(parseKeyring(WRONG_SAME_ID));
    let res = await ctx.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'error', problem: 'master_key_wrong' });

    installKeyring(right);
    expect((await ensureMasterKeys(ctx.database.db, right)).ok).toBe(true);
    installKeyring(parseKeyring(NEW_KEY_ONLY));
    res = await ctx.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ problem: 'master_key_missing' });
    expect(res.json().message).toContain('master key "test"');

    installKeyring(parseKeyring(WRONG_SAME_ID));
    expect((await ctx.app.inject({ url: '/healthz' })).json()).toMatchObject({ problem: 'master_key_wrong' });

    installKeyring(right);
    expect((await ctx.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('a rotation keeps working: the new key first, the old one after it', async () => {
    const rotated = parseKeyring(`k2:${Buffer.alloc(32, 5).toString('base64')},${TEST_MASTER_KEYS}`);
    expect((await ensureMasterKeys(ctx.database.db, rotated)).ok).toBe(true);
    installKeyring(rotated);
    expect((await ctx.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    installKeyring(right);
    // k2 now has a canary: a node that was not given k2 is caught.
    expect((await ctx.app.inject({ url: '/healthz' })).json()).toMatchObject({ problem: 'master_key_missing' });
    await ctx.database.query(`DELETE FROM master_key_canaries WHERE key_id = 'k2'`);
  });
});

describe('start-up with the wrong master key', { timeout: 180_000 }, () => {
  it('the server refuses to start and says which key is wrong and what to do', async () => {
    let env: Record<string, string>;
    let cleanup = () => {};
    if (onPostgres) {
      const [{ name }] = (await ctx.database.query<{ name: string }>('SELECT current_database() AS name')) as [{ name: string }];
      const u = new URL(inject('pgUrl'));
      u.pathname = `/${name}`;
      env = { DATABASE_URL: u.toString() };
    } else {
      const d = await pgliteDataDirFromTemplate();
      env = { DATA_DIR: d.dir };
      cleanup = d.remove;
    }
    try {
      const { DATABASE_URL: _drop, ...base } = process.env;
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        cwd: repoRoot,
        env: { ...base, ...env, MASTER_KEYS: WRONG_SAME_ID, PORT: '0', JOBS: 'false', SEED_DEMO: 'false', LOG_LEVEL: 'silent' },
      });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      const code = await new Promise<number | null>((resolve) => {
        child.on('exit', (c) => resolve(c));
        // Without the check it would start serving: stop it once it says so.
        child.stdout.on('data', () => out.includes('is running') && child.kill());
      });
      expect(out).not.toContain('is running');
      expect(out).toContain('Cannot start: Master key "test" is configured but is not the key this database was sealed with');
      expect(code).toBe(1);
    } finally {
      cleanup();
    }
  });
});
