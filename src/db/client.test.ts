import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, migrationVersion, openDatabase } from './client.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'yw-data-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('embedded database folder', () => {
  it('refuses a data folder that another live process holds', async () => {
    const dir = tempDir();
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(path.join(dir, 'yiwang.lock'), String(other.pid));
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by process/);
    } finally {
      other.kill();
    }
  });

  it('takes over a stale lock, migrates, keeps data across restarts and releases the lock on close', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'yiwang.lock'), '999999999');
    const first = await openDatabase({ dataDir: dir });
    await migrateDatabase(first);
    await first.query('CREATE TABLE kept (v text)');
    await first.query("INSERT INTO kept VALUES ('still here')");
    await first.close();
    expect(existsSync(path.join(dir, 'yiwang.lock'))).toBe(false);

    const second = await openDatabase({ dataDir: dir });
    await migrateDatabase(second); // already applied: a no-op
    expect(await migrationVersion(second)).toMatch(/^\d{4}_/);
    expect(await second.query('SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    await second.close();
  });
});
