import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
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

describe('embedded database folder', { timeout: 120_000 }, () => {
  it('refuses a data folder that another live Yiwang process holds, and says what to do', async () => {
    const dir = tempDir();
    // A real second holder: another Node process that opened the folder and keeps it.
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `const m = await import(${JSON.stringify(path.resolve('src/db/client.ts'))}); await m.openDatabase({ dataDir: process.argv[1] }); console.log('held'); setInterval(() => {}, 1000);`, dir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on('data', (c: Buffer) => c.toString().includes('held') && resolve());
        holder.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
      });
      const err = await openDatabase({ dataDir: dir }).then(
        () => null,
        (e: Error) => e,
      );
      expect(err?.message).toContain(`in use by process ${holder.pid}`);
      expect(err?.message).toContain(`delete ${path.join(dir, 'yiwang.lock')}`);
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock naming the pid of an unrelated live process (pid reused after a crash)', async () => {
    const unrelated = spawn('sleep', ['30']);
    try {
      // As the previous release wrote it: the bare pid.
      const legacy = tempDir();
      writeFileSync(path.join(legacy, 'yiwang.lock'), String(unrelated.pid));
      const a = await openDatabase({ dataDir: legacy });
      await a.close();

      // As this release writes it: the pid is alive, but it started later than the lock's holder.
      const current = tempDir();
      const lock = { pid: unrelated.pid, host: hostname(), bootId: null, startTicks: '1', instance: 'crashed', since: '2026-12-01T00:00:00Z' };
      writeFileSync(path.join(current, 'yiwang.lock'), JSON.stringify(lock));
      const b = await openDatabase({ dataDir: current });
      expect(JSON.parse(readFileSync(path.join(current, 'yiwang.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
      await b.close();
    } finally {
      unrelated.kill();
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
