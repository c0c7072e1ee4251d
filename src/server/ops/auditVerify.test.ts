import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { appendAudit } from '../../modules/supervision/audit.js';
import { pgliteDataDirFromTemplate, repoRoot } from '../../test/dataDir.js';
import { createTestDatabase } from '../../test/db.js';
import { startOpsSocket } from './socket.js';

const onPostgres = Boolean(inject('pgTemplate'));

/** Runs `npm run audit:verify` as an operator would (same script, own process). */
function auditVerify(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const { DATABASE_URL: _drop, ...base } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { cwd: repoRoot, env: { ...base, ...env } });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

async function appendSome(database: Database, n: number) {
  for (let i = 0; i < n; i++) {
    await database.db.transaction((tx) => appendAudit(tx, { actorAccountId: null, action: 'test.step', entityType: 'thing', entityId: 'V', detail: { i } }));
  }
}

async function deleteNewest(database: Database, n: number) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`DELETE FROM audit_events WHERE seq > (SELECT seq FROM audit_head) - ${n}`);
  });
}

describe.runIf(onPostgres)('npm run audit:verify on PostgreSQL', { timeout: 120_000 }, () => {
  let database: Database;
  let url: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    const [{ name }] = (await database.query<{ name: string }>('SELECT current_database() AS name')) as [{ name: string }];
    const u = new URL(inject('pgUrl'));
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(() => database.close());

  it('exits 0 on an intact chain and 1 with the first break after the newest events are deleted', async () => {
    await appendSome(database, 4);
    const ok = await auditVerify({ DATABASE_URL: url });
    expect(ok.out).toContain('The audit chain is intact');
    expect(ok.code).toBe(0);

    const [{ seq }] = (await database.query<{ seq: number }>('SELECT seq::int AS seq FROM audit_head')) as [{ seq: number }];
    await deleteNewest(database, 2);
    const broken = await auditVerify({ DATABASE_URL: url });
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`broken at event ${seq - 1}`);
    expect(broken.out).toContain('the newest events were deleted');
  });
});

describe.skipIf(onPostgres)('npm run audit:verify on PGlite', { timeout: 120_000 }, () => {
  const cleanup: (() => void)[] = [];
  afterAll(() => cleanup.forEach((f) => f()));

  it('exits 0 on an intact chain and 1 with the first break after the newest events are deleted', async () => {
    const { dir, remove } = await pgliteDataDirFromTemplate();
    cleanup.push(remove);
    let database = await openDatabase({ dataDir: dir });
    await appendSome(database, 4);
    await database.close();
    const ok = await auditVerify({ DATA_DIR: dir });
    expect(ok.out).toContain('The audit chain is intact');
    expect(ok.code).toBe(0);

    database = await openDatabase({ dataDir: dir });
    const [{ seq }] = (await database.query<{ seq: number }>('SELECT seq::int AS seq FROM audit_head')) as [{ seq: number }];
    await deleteNewest(database, 2);
    await database.close();
    const broken = await auditVerify({ DATA_DIR: dir });
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`broken at event ${seq - 1}`);
  });

  it('asks the running server when it holds the data folder', async () => {
    const { dir, remove } = await pgliteDataDirFromTemplate();
    cleanup.push(remove);
    const database = await openDatabase({ dataDir: dir });
    const ops = await startOpsSocket(database, dir, () => {});
    try {
      await appendSome(database, 2);
      const ok = await auditVerify({ DATA_DIR: dir });
      expect(ok.out).toContain('asked the running server');
      expect(ok.code).toBe(0);
    } finally {
      await ops?.close();
      await database.close();
    }
  });

  it('exits 2 and says so when DATA_DIR holds no database (never creates one)', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'yw-empty-'));
    cleanup.push(() => rmSync(empty, { recursive: true, force: true }));
    const r = await auditVerify({ DATA_DIR: empty });
    expect(r.code).toBe(2);
    expect(r.out).toContain('There is no database');
  });
});
