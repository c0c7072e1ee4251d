/**
 * The server side of the benchmark, run as a child process (`fork`) so the load generator
 * in bench/run.ts does not share the server's event loop. It opens a fresh database,
 * migrates and seeds it, serves the real app on 127.0.0.1 (port 0), and measures the floors'
 * parts (the submission transaction, the select by code, signature verification) and the
 * peers (sm-crypto, plain oidc-provider) in this same process, on the database object the app
 * uses. Commands arrive over IPC (see `Command`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { installKeyring, newKeyringSpec, parseKeyring } from '../src/lib/secretbox.js';
import { verify, type SigningAlg } from '../src/lib/signing.js';
import { uuidv7 } from '../src/lib/uuid.js';
import { licenceSignedPayload, verifyByCode } from '../src/modules/licences/service.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { runFor, sequentialFor, spinFor } from './timing.js';
import { oidcPeerInteractions, startOidcPeer, stopOidcPeer } from './oidcPeer.js';
import { countStatements, statementCount } from './statements.js';
import { auditChainPrefix } from '../src/modules/supervision/audit.js';
import smCrypto from 'sm-crypto';
import { verifyPassword } from '../src/modules/identity/passwords.js';
import { findAccountBySignInName } from '../src/modules/identity/service.js';

export type Rate = { ops: number; seconds: number; errors?: number };

export type Command =
  | { cmd: 'rawVerify'; alg: SigningAlg; warmupMs: number; ms: number }
  | { cmd: 'serviceVerify'; code: string; cache: boolean; warmupMs: number; ms: number }
  | { cmd: 'rawPasswordVerify'; username: string; password: string; concurrency: number; warmupMs: number; ms: number }
  | { cmd: 'rawIndexedSelect'; warmupMs: number; ms: number }
  | { cmd: 'rawSelectByCode'; code: string; concurrency: number; warmupMs: number; ms: number }
  | { cmd: 'submissionFloor'; applicantAccountId: string; itemId: string; concurrency: number; warmupMs: number; ms: number }
  | { cmd: 'smCryptoVerify'; warmupMs: number; ms: number }
  | { cmd: 'statements' }
  | { cmd: 'startOidcPeer' }
  | { cmd: 'oidcPeerInteractions' }
  | { cmd: 'stop' };

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
export type Ready = { ready: true; port: number; kind: Database['kind'] } | { ready: false; error: string };

const send = (m: Reply | Ready) => process.send!(m);

let tmpDir: string | undefined;
let database: Database | undefined;
let app: FastifyInstance | undefined;

async function start(): Promise<Ready> {
  const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
  if (!databaseUrl) tmpDir = mkdtempSync(path.join(os.tmpdir(), 'yw-bench-'));
  // A reused database (bench:scale) brings its own master keys: its sealed rows and blind indexes need them.
  installKeyring(parseKeyring(process.env.BENCH_MASTER_KEYS || newKeyringSpec('bench')));
  database = await openDatabase({ databaseUrl, dataDir: tmpDir ?? '' });
  await migrateDatabase(database);
  await seedDemo(database, '620100');
  countStatements(database);
  // The benchmark pre-uploads a pool of files from one account: the per-account upload limits would stop it.
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_REGION_CODE: '620100', UPLOAD_RATE_MAX: '1000000000', UPLOAD_QUOTA_BYTES: String(2 ** 50) });
  app = await buildApp({ database, config, rateLimit: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no TCP address');
  return { ready: true, port: addr.port, kind: database.kind };
}

/** `verify()` on a real issued licence of this algorithm: same key, payload and signature the API checks. */
async function rawVerify(alg: SigningAlg, warmupMs: number, ms: number): Promise<Rate & { payloadBytes: number }> {
  const row = await issuedLicence(alg);
  const data = Buffer.from(licenceSignedPayload(row.id, row.signed_payload));
  const op = () => verify(alg, row.public_key, data, row.signature);
  if (!op()) throw new Error(`${alg} licence signature does not verify`);
  spinFor(warmupMs, op, alg === 'SM2' ? 1 : 16);
  return { ...spinFor(ms, op, alg === 'SM2' ? 1 : 16), payloadBytes: data.length };
}

/** The verification service without HTTP (DB lookup + optional cached signature check), sequential. */
async function serviceVerify(code: string, cache: boolean, warmupMs: number, ms: number): Promise<Rate> {
  let errors = 0;
  const op = async () => {
    const r = await verifyByCode(database!.db, code, { cache });
    if (!r.valid) errors++;
  };
  await sequentialFor(warmupMs, op);
  errors = 0;
  return { ...(await sequentialFor(ms, op)), errors };
}

/**
 * The raw rate of the sign-in's hash check: `verifyPassword` (Argon2id) on the account's own
 * stored hash, with as many in flight as the HTTP test sends (the hash runs on the thread pool).
 */
async function rawPasswordVerify(username: string, password: string, concurrency: number, warmupMs: number, ms: number): Promise<Rate> {
  const account = await findAccountBySignInName(database!.db, username);
  if (!account) throw new Error(`no account ${username}`);
  let errors = 0;
  const op = async () => {
    if (!(await verifyPassword(account.passwordHash, password))) errors++;
    return true;
  };
  await runFor(warmupMs, concurrency, op);
  errors = 0;
  const r = await runFor(ms, concurrency, op);
  return { ops: r.ops, seconds: r.seconds, errors };
}

/**
 * The floor for list latencies: one indexed single-row SELECT by primary key on the cases table,
 * sequential, through the app's own pool. Returns the rate and per-query latencies.
 */
async function rawIndexedSelect(warmupMs: number, ms: number): Promise<Rate & { latencies: number[] }> {
  const [row] = await database!.query<{ id: string }>(`SELECT id FROM cases ORDER BY submitted_at DESC LIMIT 1`);
  if (!row) throw new Error('no cases to select');
  const op = () => database!.query('SELECT id, status, submitted_at FROM cases WHERE id = $1', [row.id]);
  await sequentialFor(warmupMs, op);
  const latencies: number[] = [];
  const timedOp = async () => {
    const t0 = performance.now();
    await op();
    latencies.push(performance.now() - t0);
  };
  const r = await sequentialFor(ms, timedOp);
  return { ...r, latencies };
}

/** A row of a real licence of this algorithm: the floor's select, signature and sm-crypto's input. */
async function issuedLicence(alg: SigningAlg) {
  const [row] = await database!.query<{ id: string; verify_code: string; signed_payload: string; signature: string; public_key: string }>(
    `SELECT l.id, l.verify_code, l.signed_payload, l.signature, k.public_key FROM licences l JOIN signing_keys k ON k.id = l.key_id WHERE k.alg = $1 LIMIT 1`,
    [alg],
  );
  if (!row) throw new Error(`no ${alg} licence issued yet`);
  return row;
}

/**
 * The verification floor's database part: one select of the licence row by its verify code over
 * the unique index, through the app's own driver, with as many in flight as the HTTP test sends.
 */
async function rawSelectByCode(code: string, concurrency: number, warmupMs: number, ms: number): Promise<Rate> {
  let errors = 0;
  const op = async () => {
    const rows = await database!.query('SELECT * FROM licences WHERE verify_code = $1', [code]);
    if (rows.length !== 1) errors++;
    return true;
  };
  await runFor(warmupMs, concurrency, op);
  errors = 0;
  const r = await runFor(ms, concurrency, op);
  return { ops: r.ops, seconds: r.seconds, errors };
}

/** SM2 verify/s with sm-crypto (what most npm users pick) on the same licence, key and signature as `rawVerify`. */
async function smCryptoVerify(warmupMs: number, ms: number): Promise<Rate> {
  const row = await issuedLicence('SM2');
  const data = Array.from(Buffer.from(licenceSignedPayload(row.id, row.signed_payload)));
  const sigHex = Buffer.from(row.signature, 'base64url').toString('hex');
  const op = () => smCrypto.sm2.doVerifySignature(data, sigHex, row.public_key, { hash: true });
  if (!op()) throw new Error('sm-crypto does not verify the SM2 licence signature');
  spinFor(warmupMs, op, 1);
  return spinFor(ms, op, 1);
}

/**
 * The submission floor: one transaction with the writes a submission makes — the day's case number
 * (the counter row), the case row, its material row, its first history row and the chained audit
 * row (audit_append, as every audited write) — after the session lookup, each as its own plain
 * statement of raw SQL on the app's own driver, with the same concurrency as the HTTP test. Not in
 * it: reading the item's rules and checking the uploads are the caller's (the request does both).
 * Each transaction attaches a fresh upload row, made beforehand in bulk, as the HTTP test uses
 * pre-uploaded files.
 */
async function submissionFloor(applicantAccountId: string, itemId: string, concurrency: number, warmupMs: number, ms: number): Promise<Rate> {
  const db = database!;
  const [session] = await db.query<{ id: string }>('SELECT id FROM sessions WHERE account_id = $1 AND expires_at > now() ORDER BY created_at DESC LIMIT 1', [applicantAccountId]);
  const [item] = await db.query<{ department_id: string; current_version_id: string }>('SELECT department_id, current_version_id FROM service_items WHERE id = $1', [itemId]);
  if (!session || !item) throw new Error('submission floor: no live session of the applicant or no such item');
  const uploadIds = (
    await db.query<{ id: string }>(
      `INSERT INTO uploads (id, owner_account_id, file_name, mime, size, sha256, storage)
       SELECT gen_random_uuid(), $1, 'floor.pdf', 'application/pdf', 100, repeat('0', 64), 'db' FROM generate_series(1, $2) RETURNING id`,
      [applicantAccountId, 30_000],
    )
  ).map((r) => r.id);
  const region = `F${process.pid}`;
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const statements = (q: (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>) => async () => {
    const found = await q(
      'SELECT s.csrf, a.id, a.kind, a.level FROM sessions s JOIN accounts a ON a.id = s.account_id AND a.active WHERE s.id = $1 AND s.expires_at > $2',
      [session.id, new Date().toISOString()],
    );
    if (found.rows.length !== 1) throw new Error('submission floor: session not found');
    const uploadId = uploadIds.pop();
    if (!uploadId) throw new Error('submission floor: upload pool exhausted');
    const id = uuidv7();
    const now = new Date().toISOString();
    const counter = await q(
      `INSERT INTO case_counters (region_code, day, seq) VALUES ($1, $2, 1) ON CONFLICT (region_code, day) DO UPDATE SET seq = case_counters.seq + 1 RETURNING seq`,
      [region, day],
    );
    const caseNo = `${region}-${day}-${String((counter.rows[0] as { seq: number }).seq).padStart(6, '0')}`;
    await q(
      `INSERT INTO cases (id, case_no, item_id, item_version_id, department_id, applicant_account_id, status, channel, form, round, submitted_at, updated_at)
       VALUES ($1, $2, $3, $8, $4, $5, 'submitted', 'online', $6::jsonb, 1, $7, $7)`,
      [id, caseNo, itemId, item.department_id, applicantAccountId, JSON.stringify({ purpose: '就业' }), now, item.current_version_id],
    );
    // The upload's claim: one case (or bundle) per file, as submitCase writes it.
    await q(`INSERT INTO upload_claims (upload_id, claim_id) VALUES ($1, $2)`, [uploadId, id]);
    await q(`INSERT INTO case_materials (id, case_id, material_code, upload_id, claim_id, round) VALUES ($1, $2, 'M01', $3, $2, 1)`, [uuidv7(), id, uploadId]);
    await q(
      `INSERT INTO case_events (id, case_id, actor_account_id, action, from_status, to_status, detail) VALUES ($1, $2, $3, 'submit', NULL, 'submitted', $4::jsonb)`,
      [uuidv7(), id, applicantAccountId, JSON.stringify({ itemCode: '000120005000', channel: 'online' })],
    );
    const audit = { actorAccountId: applicantAccountId, action: 'case.submit', entityType: 'case', entityId: id, detail: { caseNo, from: null, to: 'submitted', itemCode: '000120005000', channel: 'online' } };
    await q('SELECT audit_append($1, $2::timestamptz, $3::uuid, $4, $5, $6, $7::jsonb)', [
      auditChainPrefix(audit, now),
      now,
      audit.actorAccountId,
      audit.action,
      audit.entityType,
      audit.entityId,
      JSON.stringify(audit.detail),
    ]);
  };
  let op: () => Promise<boolean>;
  if (db.kind === 'postgres') {
    const pool = (db.db as unknown as { $client: pg.Pool }).$client;
    op = async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await statements((t, p) => client.query(t, p))();
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      } finally {
        client.release();
      }
      return true;
    };
  } else {
    const lite = (db.db as unknown as { $client: PGlite }).$client;
    op = async () => {
      await lite.transaction((tx) => statements((t, p) => tx.query(t, p))());
      return true;
    };
  }
  await runFor(warmupMs, concurrency, op);
  const r = await runFor(ms, concurrency, op);
  if (r.errors) throw new Error(`submission floor: ${r.errors} transactions failed (${r.firstError})`);
  return { ops: r.ops, seconds: r.seconds };
}

let stopping: Promise<void> | undefined;
function stop(): Promise<void> {
  stopping ??= (async () => {
    await stopOidcPeer();
    await app?.close();
    await database?.close();
    if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  })();
  return stopping;
}

process.on('message', (m: Command & { id: number }) => {
  void (async () => {
    try {
      let result: unknown;
      if (m.cmd === 'rawVerify') result = await rawVerify(m.alg, m.warmupMs, m.ms);
      else if (m.cmd === 'serviceVerify') result = await serviceVerify(m.code, m.cache, m.warmupMs, m.ms);
      else if (m.cmd === 'rawPasswordVerify') result = await rawPasswordVerify(m.username, m.password, m.concurrency, m.warmupMs, m.ms);
      else if (m.cmd === 'rawIndexedSelect') result = await rawIndexedSelect(m.warmupMs, m.ms);
      else if (m.cmd === 'rawSelectByCode') result = await rawSelectByCode(m.code, m.concurrency, m.warmupMs, m.ms);
      else if (m.cmd === 'submissionFloor') result = await submissionFloor(m.applicantAccountId, m.itemId, m.concurrency, m.warmupMs, m.ms);
      else if (m.cmd === 'smCryptoVerify') result = await smCryptoVerify(m.warmupMs, m.ms);
      else if (m.cmd === 'statements') result = statementCount();
      else if (m.cmd === 'startOidcPeer') result = await startOidcPeer();
      else if (m.cmd === 'oidcPeerInteractions') result = oidcPeerInteractions();
      else if (m.cmd === 'stop') {
        await stop();
        send({ id: m.id, ok: true, result: null });
        process.disconnect();
        return;
      }
      send({ id: m.id, ok: true, result });
    } catch (e) {
      send({ id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  })();
});

// Ctrl-C reaches the whole process group; the parent also sends SIGTERM. Remove the temp folder either way.
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void stop().finally(() => process.exit(0)));

process.on('disconnect', () => {
  // Parent went away without `stop`: clean up what we can and leave.
  void stop().finally(() => process.exit(0));
});

start().then(send, async (e: unknown) => {
  send({ ready: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  await stop().catch(() => undefined);
  process.exit(1);
});
