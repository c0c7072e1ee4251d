import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { openDatabase, openPostgres, type Database } from '../../db/client.js';
import { installKeyring, parseKeyring } from '../../lib/secretbox.js';
import { verifyAuditChain } from '../../modules/supervision/audit.js';
import { Client, createAppOn, type TestContext } from '../../test/app.js';
import { issueNoCriminalRecordLicence } from '../../test/factories.js';
import { pgliteDataDirFromTemplate, repoRoot } from '../../test/dataDir.js';
import { createTestDatabase } from '../../test/db.js';
import { TEST_MASTER_KEYS } from '../../test/global-setup.js';
import { startOpsSocket } from './socket.js';

const onPostgres = Boolean(inject('pgTemplate'));
const work = mkdtempSync(path.join(tmpdir(), 'yw-bk-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs one of the operator commands (npm run backup / restore) in its own process. */
function npmScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const { DATABASE_URL: _a, MASTER_KEYS: _b, ...base } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { cwd: repoRoot, env: { ...base, ...env } });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** What must survive a backup: a citizen's signed-in session and a certificate issued to them. */
async function livePlatformState(ctx: TestContext) {
  const { citizen, code } = await issueNoCriminalRecordLicence(ctx.app);
  const me = (await citizen.get('/api/auth/me')).json();
  return { cookies: new Map(citizen.cookies), userId: me.id as string, code };
}

/** On the restored database: the same session still signs the citizen in, the certificate verifies, the chain holds. */
async function expectRestored(restored: TestContext, state: Awaited<ReturnType<typeof livePlatformState>>) {
  const citizen = new Client(restored.app);
  citizen.cookies = new Map(state.cookies);
  const me = await citizen.get('/api/auth/me');
  expect(me.statusCode).toBe(200);
  expect(me.json().id).toBe(state.userId);
  const verified = (await new Client(restored.app).get(`/api/verify/${state.code}`)).json();
  expect(verified).toMatchObject({ valid: true, licence: { status: 'valid', holderName: '李*' } });
  expect(await verifyAuditChain(restored.database.db)).toMatchObject({ ok: true });
  expect((await restored.app.inject({ url: '/healthz' })).statusCode).toBe(200);
}

describe.skipIf(onPostgres)('backup and restore on PGlite', { timeout: 300_000 }, () => {
  it('backs up the running server, restores into a new folder, and sessions, certificates and the audit chain still work', async () => {
    installKeyring(parseKeyring(TEST_MASTER_KEYS));
    const { dir, remove } = await pgliteDataDirFromTemplate();
    let running: TestContext | null = null;
    const restoredDir = path.join(work, 'restored');
    try {
      // The server as npm start runs it: it holds the folder (lock) and answers on its socket.
      const database = await openDatabase({ dataDir: dir });
      const ops = await startOpsSocket(database, dir, () => {});
      running = await createAppOn(database);
      const state = await livePlatformState(running);

      const file = path.join(work, 'yiwang.pglite.tar.gz');
      const backup = await npmScript('backup', [file], { DATA_DIR: dir });
      expect(backup.out).toContain('taken by the running server');
      expect(backup.out).toContain('Not included: the master key');
      expect(backup.code).toBe(0);
      expect(statSync(file).mode & 0o077).toBe(0); // readable by the operator only
      // The copy holds the database only: no lock of the running server, no socket, no key.
      const listing = spawnSync('tar', ['-tzf', file], { encoding: 'utf8' }).stdout;
      expect(listing).toContain('PG_VERSION');
      expect(listing).not.toMatch(/yiwang\.lock|ops\.sock|master\.key|postmaster\.pid/);
      // The server kept serving while and after it was taken.
      expect((await running.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      await running.app.close();
      await ops?.close();
      await database.close();
      running = null;

      // Without the key the restore refuses before touching anything, and says where the key goes.
      const noKey = await npmScript('restore', [file], { DATA_DIR: restoredDir });
      expect(noKey.code).toBe(1);
      expect(noKey.out).toContain(`put the master.key kept with your backups at ${path.join(restoredDir, 'master.key')}`);

      // The operator puts the key kept apart from the backups where the server looks for it.
      mkdirSync(restoredDir, { recursive: true });
      writeFileSync(path.join(restoredDir, 'master.key'), `${TEST_MASTER_KEYS}\n`, { mode: 0o600 });
      const restore = await npmScript('restore', [file], { DATA_DIR: restoredDir });
      expect(restore.out).toContain('The master key opens the restored data.');
      expect(restore.out).toContain('The audit chain is intact');
      expect(restore.code).toBe(0);

      const restored = await createAppOn(await openDatabase({ dataDir: restoredDir }));
      try {
        await expectRestored(restored, state);
      } finally {
        await restored.close();
      }
    } finally {
      if (running) await running.close();
      remove();
    }
  });
});

describe.runIf(onPostgres)('backup and restore on PostgreSQL (pg_dump / pg_restore)', { timeout: 300_000 }, () => {
  it('pg_dump while the platform runs, pg_restore into a new database, and sessions, certificates and the audit chain still work', async () => {
    installKeyring(parseKeyring(TEST_MASTER_KEYS));
    const running = await createAppOn(await createTestDatabase());
    const urlOf = async (database: Database) => {
      const [{ name }] = (await database.query<{ name: string }>('SELECT current_database() AS name')) as [{ name: string }];
      const u = new URL(inject('pgUrl'));
      u.pathname = `/${name}`;
      return u.toString();
    };
    const target = `yw_t_restore_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: inject('pgUrl') });
    await admin.connect();
    try {
      const state = await livePlatformState(running);
      const file = path.join(work, 'yiwang.dump');
      const backup = await npmScript('backup', [file], { DATABASE_URL: await urlOf(running.database), MASTER_KEYS: TEST_MASTER_KEYS });
      expect(backup.out).toContain('Not included: the master key');
      expect(backup.code).toBe(0);

      await admin.query(`CREATE DATABASE ${target}`);
      const targetUrl = new URL(inject('pgUrl'));
      targetUrl.pathname = `/${target}`;
      const restore = await npmScript('restore', [file], { DATABASE_URL: targetUrl.toString(), MASTER_KEYS: TEST_MASTER_KEYS });
      expect(restore.out).toContain('The master key opens the restored data.');
      expect(restore.out).toContain('The audit chain is intact');
      expect(restore.code).toBe(0);

      // Restoring over data is refused: a restore never mixes two databases.
      const again = await npmScript('restore', [file], { DATABASE_URL: targetUrl.toString(), MASTER_KEYS: TEST_MASTER_KEYS });
      expect(again.code).toBe(1);
      expect(again.out).toContain('not empty');

      const restored = await createAppOn(await openPostgres(targetUrl.toString(), 2));
      try {
        await expectRestored(restored, state);
      } finally {
        await restored.close();
      }
    } finally {
      await running.close();
      await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
      await admin.end();
    }
  });
});
