/**
 * `npm run bench`: each HTTP figure against a floor measured in the same run from the parts the
 * request cannot avoid, on PGlite and then PostgreSQL when reachable:
 *
 *  (a) case submissions/s over HTTP vs the submission floor — one raw transaction with the same
 *      writes (after the session lookup: counter, case, material, history and audit rows), same
 *      concurrency, same driver —
 *      target ≥ 60 %; and the statements (round trips) each submission sends;
 *  (b) GET /api/verify/:code/s vs the verification floor 1/(1/http + 1/select + 1/verify): the
 *      HTTP stack with no database, one indexed select by code, the raw signature check — target
 *      ≥ 80 %, Ed25519 and SM2; sm-crypto's SM2 verify/s beside ours;
 *  (c) OIDC code flows/s over HTTP vs plain oidc-provider in memory (bench/oidcPeer.ts), and
 *      ID-token verifications/s (jose) vs raw RS256 verify of the same token;
 *  (d) password sign-ins/s vs raw Argon2id verify;
 *  (e) catalogue search p50/p99 over 100 000 items vs MiniSearch over the same documents
 *      (bench/search.ts, in a process of its own; BENCH_SEARCH=0 skips it);
 *  (f) 受理通知书 PDFs/s vs plain pdfkit writing the same text in the same font (bench/documents.ts).
 *
 * The server runs in a child process (bench/server.ts) so the load generator does not share
 * its event loop; floors' database and crypto parts are measured inside that child on the app's
 * own database. Prints a table and writes bench/results/latest.json. Knobs (env): BENCH_BACKENDS
 * (default "pglite,postgres"), BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test),
 * BENCH_SECONDS (timed section length, default 4), BENCH_CONCURRENCY (submissions, default 4),
 * BENCH_VERIFY_CONCURRENCY (default 8), BENCH_SERVER_EXEC_ARGV (extra node flags for the server
 * process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/yw-prof" to profile it).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEMO_PASSWORD, demoCitizens } from '../src/server/demo/seed.js';
import { benchSignIns } from './signins.js';
import { HttpClient, samplePdf } from './http.js';
import type { Rate } from './server.js';
import { children, ServerProcess } from './serverProcess.js';
import { benchSubmissions, itemIdsByCode, NO_CRIMINAL_RECORD } from './submissions.js';
import { latencySummary, type TimedResult } from './timing.js';
import { benchDocuments } from './documents.js';
import { benchHttpFloor, benchVerify, ISSUERS, issueLicences } from './verify.js';
import { benchIdTokenVerify, benchOidcFlows, benchPeerFlows } from './oidc.js';
import type { OidcPeer } from './oidcPeer.js';

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
/** Requests run one after another to count the statements each sends. */
const ROUND_TRIP_SAMPLE = 40;
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


/** Serial composition of the parts a request cannot avoid: the rate if nothing else cost a thing. */
const serialFloor = (...rates: number[]) => 1 / rates.reduce((sum, r) => sum + 1 / r, 0);

/** Statements the server sends per operation, over `n` operations run one after another. */
async function statementsPer(server: ServerProcess, n: number, op: (i: number) => Promise<void>): Promise<number> {
  const before = await server.call<number>({ cmd: 'statements' });
  for (let i = 0; i < n; i++) await op(i);
  const after = await server.call<number>({ cmd: 'statements' });
  return (after - before) / n;
}

async function benchBackend(kind: 'pglite' | 'postgres', databaseUrl?: string) {
  log(`${kind}: starting server (fresh database, migrate, seed)…`);
  const server = await ServerProcess.start(databaseUrl);
  try {
    const base = `http://127.0.0.1:${server.port}`;

    // The HTTP stack alone: anonymous GET /api/auth/csrf touches no database.
    log(`${kind}: HTTP floor (GET /api/auth/csrf, no database, concurrency ${VERIFY_CONCURRENCY})…`);
    const httpFloorRun = await benchHttpFloor(base, { warmupMs: 500, ms: Math.min(MS, 3000), concurrency: VERIFY_CONCURRENCY });
    const httpFloor = rate(httpFloorRun);
    figure(`${kind}.http_floor_per_s`, httpFloor, 'ops/s', null, undefined, 'anonymous GET /api/auth/csrf: no session cookie, no database — the HTTP stack of this process (fastify, hooks, headers, JSON)');
    describe(`${kind}.http_floor`, httpFloorRun);

    const citizen = new HttpClient(base);
    await citizen.login(demoCitizens[0]!.phone);
    const me = await citizen.get<{ user: { id: string } }>('/api/auth/me');
    const items = await itemIdsByCode(citizen);
    const itemId = items.get(NO_CRIMINAL_RECORD);
    if (!itemId) throw new Error(`item ${NO_CRIMINAL_RECORD} not in the catalogue`);

    log(`${kind}: submission floor (one raw transaction: session, case number, case, material, history, audit; concurrency ${SUBMIT_CONCURRENCY}, ${SECONDS} s)…`);
    const subFloor = rate(await server.call<Rate>({ cmd: 'submissionFloor', applicantAccountId: me.user.id, itemId, concurrency: SUBMIT_CONCURRENCY, warmupMs: WARMUP_MS, ms: MS }));
    figure(`${kind}.submission_floor_per_s`, subFloor, 'ops/s', null, undefined, `one transaction of raw SQL on the app's driver, one statement per write: session lookup, counter row (case number), case row, the upload's claim, material row, history row, audit_append; ${SUBMIT_CONCURRENCY} in flight; 9 statements with BEGIN and COMMIT`);

    log(`${kind}: case submissions over HTTP (concurrency ${SUBMIT_CONCURRENCY}, ${SECONDS} s)…`);
    const sub = await benchSubmissions(citizen, itemId, { warmupMs: 1000, ms: MS, uploadAndSubmitMs: Math.min(MS, 3000), concurrency: SUBMIT_CONCURRENCY });
    figure(`${kind}.case_submissions_per_s`, rate(sub.submit), 'ops/s', subFloor, 0.6);
    figure(`${kind}.case_upload_and_submit_per_s`, rate(sub.uploadAndSubmit), 'ops/s', subFloor);
    figure(`${kind}.uploads_per_s`, sub.preUploaded / sub.preUploadSeconds, 'ops/s', subFloor);
    describe(`${kind}.case_submissions`, sub.submit);
    describe(`${kind}.case_upload_and_submit`, sub.uploadAndSubmit);
    {
      const pdf = samplePdf('count');
      const uploads: string[] = [];
      for (let i = 0; i < ROUND_TRIP_SAMPLE; i++) uploads.push(await citizen.upload('id.pdf', pdf, 'application/pdf'));
      const per = await statementsPer(server, ROUND_TRIP_SAMPLE, async (i) => {
        await citizen.post('/api/cases', { itemId, form: { purpose: '就业' }, materials: [{ code: 'M01', uploadId: uploads[i]! }] }, 201);
      });
      figure(`${kind}.statements_per_submission`, per, 'statements', 9, undefined, `POST /api/cases, ${ROUND_TRIP_SAMPLE} in a row: statements the server sent per submission (session lookup and BEGIN/COMMIT included; on PostgreSQL each is a round trip); baseline = the floor transaction's 9`);
    }

    let rawEd25519: number | null = null;
    for (const issuer of ISSUERS) {
      const alg = issuer.alg.toLowerCase();
      const id = items.get(issuer.itemCode);
      if (!id) throw new Error(`item ${issuer.itemCode} not in the catalogue`);
      log(`${kind}: issuing ${LICENCES_PER_ALG} ${issuer.alg} licences (${issuer.dept})…`);
      const codes = await issueLicences(base, citizen, issuer, id, LICENCES_PER_ALG);

      log(`${kind}: ${issuer.alg} floor parts (raw verify(), select by code) and GET /api/verify (concurrency ${VERIFY_CONCURRENCY}, ${SECONDS} s)…`);
      const rawV = await server.call<Rate & { payloadBytes: number }>({ cmd: 'rawVerify', alg: issuer.alg, warmupMs: 300, ms: Math.min(MS, 3000) });
      const rawVRate = rate(rawV);
      if (issuer.alg === 'Ed25519') rawEd25519 = rawVRate;
      let smCrypto: number | null = null;
      if (issuer.alg === 'SM2') {
        smCrypto = rate(await server.call<Rate>({ cmd: 'smCryptoVerify', warmupMs: 300, ms: Math.min(MS, 3000) }));
        figure(`${kind}.sm_crypto_verify_sm2_per_s`, smCrypto, 'ops/s', null, undefined, 'sm-crypto doVerifySignature (hash: true, default user ID) on the same licence, key and signature: the SM2 library most npm users pick');
      }
      figure(`${kind}.raw_verify_${alg}_per_s`, rawVRate, 'ops/s', smCrypto, undefined, `verify() from src/lib/signing.ts on a ${rawV.payloadBytes}-byte licence payload${smCrypto ? '; baseline = sm-crypto on the same input' : ''}`);
      const select = await server.call<Rate>({ cmd: 'rawSelectByCode', code: codes[0]!, concurrency: VERIFY_CONCURRENCY, warmupMs: 300, ms: Math.min(MS, 3000) });
      if (select.errors) throw new Error(`select by verify code: ${select.errors} lookups found no row`);
      const selectRate = rate(select);
      figure(`${kind}.raw_select_by_code_${alg}_per_s`, selectRate, 'ops/s', null, undefined, `SELECT * FROM licences WHERE verify_code = $1 (unique index) on the app's driver, ${VERIFY_CONCURRENCY} in flight`);
      const floor = serialFloor(httpFloor, selectRate, rawVRate);
      figure(`${kind}.verify_${alg}_floor_per_s`, floor, 'ops/s', null, undefined, `1/(1/http_floor + 1/raw_select_by_code + 1/raw_verify_${alg})`);
      const http = await benchVerify(base, codes, { warmupMs: WARMUP_MS, ms: MS, concurrency: VERIFY_CONCURRENCY });
      figure(`${kind}.verify_http_${alg}_per_s`, rate(http), 'ops/s', floor, 0.8);
      describe(`${kind}.verify_http_${alg}`, http);
      const anonymous = new HttpClient(base);
      const perVerify = await statementsPer(server, ROUND_TRIP_SAMPLE, async (i) => {
        const r = await anonymous.request('GET', `/api/verify/${codes[i % codes.length]!}`);
        if (r.status !== 200) throw new Error(`GET /api/verify: HTTP ${r.status}`);
      });
      figure(`${kind}.statements_per_verify_${alg}`, perVerify, 'statements', 1, undefined, 'GET /api/verify/:code: statements per request (baseline = the floor\'s one select)');

      // Diagnostics: the service without HTTP, sequential, with and without the verified-signature cache.
      for (const cache of [true, false]) {
        const s = await server.call<Rate>({ cmd: 'serviceVerify', code: codes[0]!, cache, warmupMs: 200, ms: 1000 });
        if (s.errors) notes.push(`${kind}.verify_service_${alg}: ${s.errors} results not valid`);
        figure(`${kind}.verify_service_${cache ? 'cached' : 'uncached'}_${alg}_per_s`, rate(s), 'ops/s', rawVRate);
      }
    }

    log(`${kind}: OIDC code flows over HTTP, ours and plain oidc-provider (concurrency ${OIDC_CONCURRENCY}, ${OIDC_MS / 1000} s each)…`);
    const peer = await server.call<OidcPeer>({ cmd: 'startOidcPeer' });
    const peerFlows = await benchPeerFlows(peer, () => server.call<number>({ cmd: 'oidcPeerInteractions' }), { warmupMs: 500, ms: OIDC_MS, concurrency: OIDC_CONCURRENCY });
    const peerRate = rate(peerFlows);
    figure(`${kind}.oidc_peer_code_flows_per_s`, peerRate, 'ops/s', null, undefined, 'plain oidc-provider (same version), in-memory adapter, RS256, PKCE, client_secret_basic, session and grant reused: the same flow with no database');
    describe(`${kind}.oidc_peer_code_flows`, peerFlows);
    const flows = await benchOidcFlows(base, { warmupMs: 500, ms: OIDC_MS, concurrency: OIDC_CONCURRENCY });
    figure(`${kind}.oidc_code_flows_per_s`, rate(flows.result), 'ops/s', peerRate, undefined, 'authorize (SSO from the Yiwang session, consent remembered) → code → token exchange with PKCE and client_secret_basic, openid-client as RP; baseline = plain oidc-provider in memory');
    describe(`${kind}.oidc_code_flows`, flows.result);
    const perFlow = await statementsPer(server, 10, async () => {
      if (!(await flows.flow())) throw new Error('OIDC flow failed while counting statements');
    });
    figure(`${kind}.statements_per_oidc_code_flow`, perFlow, 'statements', null, undefined, 'one full code flow (authorize with SSO, code, token), 10 in a row: statements our provider sent (plain oidc-provider sends none)');
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
      figure(`${kind}.password_verify_floor_per_s`, rate(rawHash), 'ops/s', null, undefined, `verifyPassword (Argon2id, 19 MiB, t=2) on the account's stored hash, ${SIGN_IN_CONCURRENCY} in flight: the cost a sign-in is meant to have`);
      const signIns = await benchSignIns(base, demoCitizens[1]!.phone, DEMO_PASSWORD, { warmupMs: 300, ms: SIGN_IN_MS, concurrency: SIGN_IN_CONCURRENCY });
      figure(`${kind}.password_sign_ins_per_s`, rate(signIns), 'ops/s', rate(rawHash), undefined, 'POST /api/auth/login (lockout check, lookup by blind index, Argon2id, new session + audit event)');
      describe(`${kind}.password_sign_ins`, signIns);
    }
    if (rawEd25519) notes.push(`${kind}: the HTTP floor is ${(httpFloor / rawEd25519).toFixed(2)}× one Ed25519 verify`);
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
  console.log('baseline: each HTTP figure → its floor measured in this run (rows ending in _floor_per_s); raw SM2 verify → sm-crypto; OIDC flows → plain oidc-provider; statements → the floor\'s own count.');
  console.log('floors:');
  for (const f of figures.filter((x) => x.name.endsWith('_floor_per_s'))) console.log(`  ${f.name.padEnd(36)} ${fmt(f.value).padStart(8)} ops/s  ${f.note ?? ''}`);
  for (const n of notes) console.log(`- ${n}`);
  for (const f of figures) if (f.note && !f.name.endsWith('_floor_per_s')) console.log(`- ${f.name}: ${f.note}`);
}

/** bench/search.ts in a child process (MiniSearch over 100 000 documents wants a heap of its own); its rows join ours. */
async function benchSearchChild() {
  log('search: 100 000 items on each backend vs MiniSearch (bench/search.ts)…');
  const child = spawn(process.execPath, ['--max-old-space-size=6144', '--import', 'tsx', path.join(here, 'search.ts'), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`bench/search.ts exited with ${code}`);
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as { figures: { name: string; value: number; unit: string; baseline: number | null }[]; notes: string[] };
  for (const f of result.figures) figure(f.name, f.value, f.unit, f.baseline);
  notes.push(...result.notes);
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
  await guarded('documents', async () => {
    log('documents: 受理通知书 PDFs vs plain pdfkit with the same text and font…');
    const d = await benchDocuments(SECONDS * 1000);
    figure('documents.pdfkit_floor_per_s', d.floor, '/s');
    figure('documents.acceptance_pdf_per_s', d.ours, '/s', d.floor, 0.5);
    notes.push(`documents: ${(d.oursBytes / 1024).toFixed(0)} KB per 受理通知书 (floor ${(d.floorBytes / 1024).toFixed(0)} KB)`);
  });
  if (process.env.BENCH_SEARCH !== '0') await guarded('search', benchSearchChild);
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
