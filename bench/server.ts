/**
 * The server side of the benchmark, run as a child process (`fork`) so the load generator
 * in bench/run.ts does not share the server's event loop. It opens a fresh database,
 * migrates and seeds it, serves the real app on 127.0.0.1 (port 0), and measures the raw
 * baselines (single-row INSERTs, signature verification) in this same process, on the
 * same database object the app uses. Commands arrive over IPC (see `Command`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { installKeyring, newKeyringSpec, parseKeyring } from '../src/lib/secretbox.js';
import { verify, type SigningAlg } from '../src/lib/signing.js';
import { uuidv7 } from '../src/lib/uuid.js';
import { licenceSignedPayload, verifyByCode } from '../src/modules/licences/service.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { runFor, sequentialFor, spinFor } from './timing.js';
import { verifyPassword } from '../src/modules/identity/passwords.js';
import { findAccountBySignInName } from '../src/modules/identity/service.js';

export type Rate = { ops: number; seconds: number; errors?: number };

export type Command =
  | { cmd: 'rawInsert'; warmupMs: number; ms: number }
  | { cmd: 'rawVerify'; alg: SigningAlg; warmupMs: number; ms: number }
  | { cmd: 'serviceVerify'; code: string; cache: boolean; warmupMs: number; ms: number }
  | { cmd: 'rawPasswordVerify'; username: string; password: string; concurrency: number; warmupMs: number; ms: number }
  | { cmd: 'rawIndexedSelect'; warmupMs: number; ms: number }
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
  // The benchmark pre-uploads a pool of files from one account: the per-account upload limits would stop it.
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_REGION_CODE: '620100', UPLOAD_RATE_MAX: '1000000000', UPLOAD_QUOTA_BYTES: String(2 ** 50) });
  app = await buildApp({ database, config, rateLimit: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no TCP address');
  return { ready: true, port: addr.port, kind: database.kind };
}

/** A row comparable to a case: uuid key, a small jsonb document, a timestamp. */
const rawPayload = {
  itemCode: '000120005000',
  caseNo: '620100-20260101-000001',
  status: 'submitted',
  form: { purpose: '就业' },
  materials: [{ code: 'M01', uploadId: '0190f6a0-0000-7000-8000-000000000000' }],
};

async function rawInsert(warmupMs: number, ms: number): Promise<Rate> {
  const db = database!;
  await db.query('CREATE TABLE IF NOT EXISTS bench_raw (id uuid PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL)');
  const insert = () => db.query('INSERT INTO bench_raw (id, payload, created_at) VALUES ($1, $2, $3)', [uuidv7(), rawPayload, new Date()]);
  await sequentialFor(warmupMs, insert);
  const r = await sequentialFor(ms, insert);
  const [check] = await db.query<{ payload: unknown }>('SELECT payload FROM bench_raw LIMIT 1');
  if (typeof check?.payload !== 'object') throw new Error('bench_raw.payload did not round-trip as jsonb');
  return r;
}

/** `verify()` on a real issued licence of this algorithm: same key, payload and signature the API checks. */
async function rawVerify(alg: SigningAlg, warmupMs: number, ms: number): Promise<Rate & { payloadBytes: number }> {
  const [row] = await database!.query<{ id: string; signed_payload: string; signature: string; public_key: string }>(
    `SELECT l.id, l.signed_payload, l.signature, k.public_key FROM licences l JOIN signing_keys k ON k.id = l.key_id WHERE k.alg = $1 LIMIT 1`,
    [alg],
  );
  if (!row) throw new Error(`no ${alg} licence issued yet`);
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

let stopping: Promise<void> | undefined;
function stop(): Promise<void> {
  stopping ??= (async () => {
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
      if (m.cmd === 'rawInsert') result = await rawInsert(m.warmupMs, m.ms);
      else if (m.cmd === 'rawVerify') result = await rawVerify(m.alg, m.warmupMs, m.ms);
      else if (m.cmd === 'serviceVerify') result = await serviceVerify(m.code, m.cache, m.warmupMs, m.ms);
      else if (m.cmd === 'rawPasswordVerify') result = await rawPasswordVerify(m.username, m.password, m.concurrency, m.warmupMs, m.ms);
      else if (m.cmd === 'rawIndexedSelect') result = await rawIndexedSelect(m.warmupMs, m.ms);
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
