/**
 * `npm run bench`: HTTP throughput against raw baselines measured in the same run.
 *
 *  (a) case submissions/s over HTTP vs sequential single-row INSERTs/s on the same database
 *      (PGlite, then PostgreSQL when reachable) — target ≥ 25 %;
 *  (b) GET /api/verify/:code/s over HTTP vs raw signature verifications/s of the same
 *      algorithm on the same payload (Ed25519 and SM2) — target ≥ 50 %;
 *  (c) OIDC code flows/s over HTTP (authorize → SSO → remembered consent → code → token), and
 *      ID-token verifications/s (jose) vs raw RS256 verify of the same token.
 *
 * The server runs in a child process (bench/server.ts) so the load generator does not share
 * its event loop; raw baselines are measured inside that child on the app's own database.
 * Prints a table and writes bench/results/latest.json. Knobs (env): BENCH_BACKENDS
 * (default "pglite,postgres"), BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test),
 * BENCH_SECONDS (timed section length, default 4), BENCH_CONCURRENCY (submissions, default 4),
 * BENCH_VERIFY_CONCURRENCY (default 8), BENCH_SERVER_EXEC_ARGV (extra node flags for the server
 * process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/yw-prof" to profile it).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEMO_PASSWORD, demoCitizens } from '../src/server/demo/seed.js';
import { benchSignIns } from './signins.js';
import { HttpClient } from './http.js';
import type { Rate } from './server.js';
import { children, ServerProcess } from './serverProcess.js';
import { benchSubmissions, itemIdsByCode, NO_CRIMINAL_RECORD } from './submissions.js';
import { latencySummary, type TimedResult } from './timing.js';
import { benchHttpFloor, benchVerify, ISSUERS, issueLicences } from './verify.js';
import { benchIdTokenVerify, benchOidcFlows } from './oidc.js';

process.env.LOG_LEVEL = 'silent';
const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const MS = SECONDS * 1000;
const WARMUP_MS = 700;
const SUBMIT_CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const VERIFY_CONCURRENCY = Number(process.env.BENCH_VERIFY_CONCURRENCY ?? 8);
const LICENCES_PER_ALG = 4;
const SIGN_IN_CONCURRENCY = 4;
const SIGN_IN_MS = 3000;
const OIDC_MS = Math.min(MS, 3000);
const OIDC_CONCURRENCY = 4;
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',').map((s) => s.trim());

type Figure = { name: string; value: number; unit: string; baseline: number | null; ratio: number | null; target?: number; note?: string };
const figures: Figure[] = [];
const notes: string[] = [];

function figure(name: string, value: number, unit: string, baseline: number | null = null, target?: number, note?: string) {
  const ratio = baseline ? value / baseline : null;
  figures.push({ name, value, unit, baseline, ratio, ...(target !== undefined ? { target } : {}), ...(note ? { note } : {}) });
}
const rate = (r: { ops: number; seconds: number }) => r.ops / r.seconds;
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

function describe(name: string, r: TimedResult) {
  const { p50, p99 } = latencySummary(r.latencies);
  notes.push(
    `${name}: ${r.ops} ops in ${r.seconds.toFixed(2)} s, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms` +
      (r.errors ? `, ${r.errors} errors (first: ${r.firstError ?? 'response not valid'})` : '') +
      (r.exhausted ? ' (stopped early: upload pool exhausted)' : ''),
  );
}


async function benchBackend(kind: 'pglite' | 'postgres', databaseUrl?: string) {
  log(`${kind}: starting server (fresh database, migrate, seed)…`);
  const server = await ServerProcess.start(databaseUrl);
  try {
    const base = `http://127.0.0.1:${server.port}`;

    log(`${kind}: raw single-row INSERTs (sequential, ${SECONDS} s)…`);
    const raw = await server.call<Rate>({ cmd: 'rawInsert', warmupMs: WARMUP_MS, ms: MS });
    const rawRate = rate(raw);
    figure(`${kind}.raw_insert_per_s`, rawRate, 'ops/s');

    const citizen = new HttpClient(base);
    await citizen.login(demoCitizens[0]!.phone);
    const items = await itemIdsByCode(citizen);
    const itemId = items.get(NO_CRIMINAL_RECORD);
    if (!itemId) throw new Error(`item ${NO_CRIMINAL_RECORD} not in the catalogue`);

    log(`${kind}: case submissions over HTTP (concurrency ${SUBMIT_CONCURRENCY}, ${SECONDS} s)…`);
    const sub = await benchSubmissions(citizen, itemId, { warmupMs: 1000, ms: MS, uploadAndSubmitMs: Math.min(MS, 3000), concurrency: SUBMIT_CONCURRENCY });
    figure(`${kind}.case_submissions_per_s`, rate(sub.submit), 'ops/s', rawRate, 0.25);
    figure(`${kind}.case_upload_and_submit_per_s`, rate(sub.uploadAndSubmit), 'ops/s', rawRate);
    figure(`${kind}.uploads_per_s`, sub.preUploaded / sub.preUploadSeconds, 'ops/s', rawRate);
    describe(`${kind}.case_submissions`, sub.submit);
    describe(`${kind}.case_upload_and_submit`, sub.uploadAndSubmit);

    let rawEd25519: number | null = null;
    for (const issuer of ISSUERS) {
      const alg = issuer.alg.toLowerCase();
      const id = items.get(issuer.itemCode);
      if (!id) throw new Error(`item ${issuer.itemCode} not in the catalogue`);
      log(`${kind}: issuing ${LICENCES_PER_ALG} ${issuer.alg} licences (${issuer.dept})…`);
      const codes = await issueLicences(base, citizen, issuer, id, LICENCES_PER_ALG);

      log(`${kind}: ${issuer.alg} raw verify() and GET /api/verify (concurrency ${VERIFY_CONCURRENCY}, ${SECONDS} s)…`);
      const rawV = await server.call<Rate & { payloadBytes: number }>({ cmd: 'rawVerify', alg: issuer.alg, warmupMs: 300, ms: Math.min(MS, 3000) });
      const rawVRate = rate(rawV);
      if (issuer.alg === 'Ed25519') rawEd25519 = rawVRate;
      figure(`${kind}.raw_verify_${alg}_per_s`, rawVRate, 'ops/s', null, undefined, `verify() on a ${rawV.payloadBytes}-byte licence payload`);
      const http = await benchVerify(base, codes, { warmupMs: WARMUP_MS, ms: MS, concurrency: VERIFY_CONCURRENCY });
      figure(`${kind}.verify_http_${alg}_per_s`, rate(http), 'ops/s', rawVRate, 0.5);
      describe(`${kind}.verify_http_${alg}`, http);

      // Diagnostics: the service without HTTP, sequential, with and without the server's verified-result cache.
      for (const cache of [true, false]) {
        const s = await server.call<Rate>({ cmd: 'serviceVerify', code: codes[0]!, cache, warmupMs: 200, ms: 1500 });
        if (s.errors) notes.push(`${kind}.verify_service_${alg}: ${s.errors} results not valid`);
        figure(`${kind}.verify_service_${cache ? 'cached' : 'uncached'}_${alg}_per_s`, rate(s), 'ops/s', rawVRate);
      }
    }

    log(`${kind}: OIDC code flows over HTTP (concurrency ${OIDC_CONCURRENCY}, ${OIDC_MS / 1000} s)…`);
    const flows = await benchOidcFlows(base, { warmupMs: 500, ms: OIDC_MS, concurrency: OIDC_CONCURRENCY });
    figure(`${kind}.oidc_code_flows_per_s`, rate(flows.result), 'ops/s', rawRate, undefined, 'authorize (SSO session and consent remembered) → code → token exchange with PKCE and client_secret_basic, openid-client as RP; baseline = raw single-row INSERT');
    describe(`${kind}.oidc_code_flows`, flows.result);
    if (kind === 'pglite') {
      log(`${kind}: ID-token verification (jose) vs raw RS256 verify (sequential, ${OIDC_MS / 1000} s each)…`);
      const v = await benchIdTokenVerify(`${base}/oidc`, flows.rp.clientId, flows.idToken, OIDC_MS);
      const rawRs = rate(v.raw);
      figure('oidc.raw_rs256_verify_per_s', rawRs, 'ops/s', null, undefined, 'node:crypto verify() of the ID token signature (RSA 2048, SHA-256)');
      figure('oidc.id_token_verify_jose_per_s', rate(v.viaJose), 'ops/s', rawRs, undefined, 'jose.jwtVerify: parse, signature from the JWKS, iss/aud/exp checks');
    }

    {
      log(`${kind}: password sign-ins over HTTP vs raw Argon2id verify (concurrency ${SIGN_IN_CONCURRENCY}, ${SIGN_IN_MS / 1000} s each)…`);
      const rawHash = await server.call<Rate>({ cmd: 'rawPasswordVerify', username: demoCitizens[1]!.phone, password: DEMO_PASSWORD, concurrency: SIGN_IN_CONCURRENCY, warmupMs: 300, ms: SIGN_IN_MS });
      if (rawHash.errors) throw new Error('raw password verify: the demo password did not verify');
      figure(`${kind}.raw_password_verify_per_s`, rate(rawHash), 'ops/s', null, undefined, `verifyPassword (Argon2id, 19 MiB, t=2) on the account's stored hash, ${SIGN_IN_CONCURRENCY} in flight`);
      const signIns = await benchSignIns(base, demoCitizens[1]!.phone, DEMO_PASSWORD, { warmupMs: 300, ms: SIGN_IN_MS, concurrency: SIGN_IN_CONCURRENCY });
      figure(`${kind}.password_sign_ins_per_s`, rate(signIns), 'ops/s', rate(rawHash), undefined, 'POST /api/auth/login (lockout check, lookup by blind index, Argon2id, new session + audit event)');
      describe(`${kind}.password_sign_ins`, signIns);
    }

    // Diagnostic: the same HTTP path with no database work at all (an upper bound for /api/verify).
    const floor = await benchHttpFloor(base, { warmupMs: 300, ms: Math.min(MS, 2000), concurrency: VERIFY_CONCURRENCY });
    figure(`${kind}.http_floor_csrf_per_s`, rate(floor), 'ops/s', rawEd25519, undefined, 'anonymous GET /api/auth/csrf (no DB): HTTP-stack ceiling; baseline = raw Ed25519 verify');
    describe(`${kind}.http_floor_csrf`, floor);
  } finally {
    log(`${kind}: stopping server…`);
    await server.stop();
  }
}

async function withPostgres(run: (url: string) => Promise<void>): Promise<boolean> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    const msg = `PostgreSQL part skipped: cannot reach ${PG_URL.replace(/:[^:@/]*@/, ':***@')} (${e instanceof Error ? e.message : String(e)})`;
    notes.push(msg);
    log(msg);
    await admin.end().catch(() => undefined);
    return false;
  }
  const name = `yw_bench_${randomBytes(5).toString('hex')}`;
  const dropIt = async () => {
    const a = new pg.Client({ connectionString: PG_URL });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  };
  cleanups.push(dropIt);
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const settings = await admin.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'server_version')`,
    );
    notes.push(`postgres: ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')}; database ${name} (dropped at the end)`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    await run(u.toString());
  } finally {
    await dropIt().catch((e: unknown) => log(`could not drop ${name}: ${String(e)}`));
    cleanups.splice(cleanups.indexOf(dropIt), 1);
  }
  return true;
}
const cleanups: (() => Promise<void>)[] = [];

function fmt(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(digits);
}

function printTable() {
  const rows = figures.map((f) => [
    f.name,
    fmt(f.value),
    f.unit,
    fmt(f.baseline),
    f.ratio === null ? '—' : `${(f.ratio * 100).toFixed(1)} %`,
    f.target === undefined ? '' : `≥ ${f.target * 100} %`,
    f.target === undefined || f.ratio === null ? '' : f.ratio >= f.target ? 'yes' : 'NO',
  ]);
  const head = ['name', 'value', 'unit', 'baseline', 'ratio', 'target', 'met?'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set([1, 3, 4]);
  const line = (r: string[]) => r.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log('');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('');
  console.log('baseline: submissions/uploads → raw single-row INSERT rate on the same database; HTTP/service verify → raw verify() rate, same algorithm and payload.');
  for (const n of notes) console.log(`- ${n}`);
  for (const f of figures) if (f.note) console.log(`- ${f.name}: ${f.note}`);
}

async function main() {
  const started = performance.now();
  console.log(`Yiwang bench: node ${process.version}, ${(await import('node:os')).cpus().length} CPUs, ${SECONDS} s per timed section`);
  let failed = false;
  // One backend failing (e.g. the server not starting) still reports the other's figures.
  const guarded = async (kind: string, f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (e) {
      failed = true;
      const msg = e instanceof Error ? e.message : String(e);
      notes.push(`${kind} part FAILED: ${msg.split('\n')[0]}`);
      console.error(e);
    }
  };
  if (BACKENDS.includes('pglite')) await guarded('pglite', () => benchBackend('pglite'));
  if (BACKENDS.includes('postgres')) await guarded('postgres', () => withPostgres((url) => benchBackend('postgres', url)));
  if (failed) process.exitCode = 1;
  printTable();
  const outDir = path.join(here, 'results');
  mkdirSync(outDir, { recursive: true });
  const out = figures.map(({ name, value, unit, baseline, ratio }) => ({ name, value, unit, baseline, ratio }));
  writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), path.join(outDir, 'latest.json'))} (${out.length} figures) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  log('interrupted: stopping server and dropping the bench database…');
  for (const c of children) c.kill();
  void Promise.allSettled(cleanups.map((f) => f())).finally(() => process.exit(130));
});

main().catch(async (e: unknown) => {
  console.error(e);
  for (const c of children) c.kill();
  await Promise.allSettled(cleanups.map((f) => f()));
  process.exit(1);
});
