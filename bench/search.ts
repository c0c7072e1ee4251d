/**
 * Catalogue search at volume (`npm run bench:search`, and part of `npm run bench`): 100 000
 * service items with names built from a vocabulary of government service terms, bulk-inserted
 * with set-based SQL; their index rows made by the real document builder (`itemDocument` →
 * `buildSearchDocument`) and bulk-loaded, the GIN index built after the load. Then, sequentially,
 * p50/p99 of `searchItemIds` (what `GET /api/catalog/items?q=` runs: synonym lookup, candidate
 * query, ranking) and `suggestItemIds` for 2-character, 4-character and pinyin-initial queries, on
 * PGlite and on PostgreSQL — against MiniSearch (pinned), an in-memory JS index a user might pick
 * instead, built in this process over the same documents with a tokenizer that makes the same
 * pairs and pinyin keys. Target: p99 < 20 ms on PostgreSQL. Ratios are ours ÷ MiniSearch.
 *
 * Knobs: BENCH_SEARCH_ROWS (default 100000), BENCH_SEARCH_MS (per figure, default 1500),
 * BENCH_BACKENDS, BENCH_PG_URL.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import MiniSearch from 'minisearch';
import pg from 'pg';
import { migrateDatabase, openPglite, openPostgres, type Database } from '../src/db/client.js';
import { installKeyring, newKeyringSpec, parseKeyring } from '../src/lib/secretbox.js';
import { buildSearchDocument, itemDocument, searchItemIds, suggestItemIds, type GuideData } from '../src/modules/catalog/index.js';
import { DOCUMENT_VERSION, type SearchDocument } from '../src/modules/catalog/search/document.js';
import { bigrams, runs } from '../src/modules/catalog/search/tokenize.js';
import { seedDemo } from '../src/server/demo/seed.js';
import { latencySummary } from './timing.js';

export type FigureFn = (name: string, value: number, unit: string, baseline?: number | null, target?: number, note?: string) => void;
export type SearchBenchReport = { figure: FigureFn; note: (s: string) => void; log: (s: string) => void };

const ROWS = Number(process.env.BENCH_SEARCH_ROWS ?? 100_000);
const MS = Number(process.env.BENCH_SEARCH_MS ?? 1500);
const TARGET_P99_MS = 20;

// ---- The vocabulary: names like 城关区个体工商户营业执照变更（告知承诺制）.
const regions = ['', '兰州市', '城关区', '七里河区', '西固区', '安宁区', '红古区', '永登县', '皋兰县', '榆中县', '重庆市'];
const regionsEn = ['', 'Lanzhou ', 'Chengguan ', 'Qilihe ', 'Xigu ', 'Anning ', 'Honggu ', 'Yongdeng ', 'Gaolan ', 'Yuzhong ', 'Chongqing '];
const subjects = ['', '个体工商户', '企业', '农民专业合作社', '外商投资企业', '社会团体', '个人', '残疾人', '退役军人', '老年人', '流动人口', '高校毕业生'];
const subjectsEn = ['', 'individual business ', 'enterprise ', 'farmers’ cooperative ', 'foreign-invested enterprise ', 'social organisation ', 'personal ', 'disabled person ', 'veteran ', 'senior ', 'migrant ', 'graduate '];
const objects = ['营业执照', '食品经营许可证', '公共场所卫生许可证', '道路运输经营许可证', '机动车驾驶证', '居住证', '户口', '最低生活保障', '城乡居民养老保险', '基本医疗保险', '住房公积金', '出生医学证明', '结婚登记', '排污许可证', '建设工程规划许可证', '税务登记', '特种设备使用登记', '药品经营许可证', '烟草专卖零售许可证', '社会保障卡', '残疾人证', '危险化学品经营许可证', '出版物经营许可证', '导游证', '教师资格'];
const objectsEn = ['business licence', 'food business licence', 'public venue hygiene licence', 'road transport licence', 'driving licence', 'residence permit', 'household registration', 'minimum living allowance', 'resident pension insurance', 'basic medical insurance', 'housing provident fund', 'birth certificate', 'marriage registration', 'pollutant discharge permit', 'construction planning permit', 'tax registration', 'special equipment registration', 'drug business licence', 'tobacco retail licence', 'social security card', 'disability certificate', 'hazardous chemicals licence', 'publication business licence', 'tour guide licence', 'teacher qualification'];
const actions = ['核发', '变更', '注销', '延续', '补领', '换领', '申领', '审核确认', '备案', '年检', '遗失补办', '迁入', '迁出', '查询', '提取', '转移接续', '认定', '注册', '撤销', '恢复'];
const actionsEn = ['issue', 'amendment', 'cancellation', 'renewal', 'replacement', 'exchange', 'application', 'confirmation', 'filing', 'annual inspection', 'lost replacement', 'moving in', 'moving out', 'enquiry', 'withdrawal', 'transfer', 'recognition', 'registration', 'revocation', 'restoration'];
const variants = ['', '（告知承诺制）', '（跨省通办）', '（全程网办）'];
const variantsEn = ['', ' (notification and commitment)', ' (cross-province)', ' (fully online)'];
const audiences = ['在本市从事经营活动的市场主体', '本市户籍居民', '在本市居住的流动人口', '符合条件的城乡居民', '本市参保职工', '依法设立的企业和个体工商户'];
const conditionsVocab = ['申请人身份证明真实有效', '材料齐全、符合法定形式', '具有与经营项目相适应的经营场所', '无不良信用记录', '已依法办理社会保险登记', '持有效护照或通行证'];
const results = ['电子证照', '审批决定书', '办理结果通知书', '证件', '登记回执'];

const queries = {
  '2char': ['执照', '驾驶', '补领', '注销', '户口', '居住', '养老', '许可', '公积', '迁入'],
  '4char': ['营业执照', '住房公积', '最低生活', '社会保障', '结婚登记', '食品经营', '户口迁入', '遗失补办'],
  initials: ['yyzz', 'jdcjsz', 'zfgjj', 'jzz', 'shbzk', 'hkqr', 'spjyxkz', 'cqs'],
} as const;
type QueryClass = keyof typeof queries;

/** The SQL that makes `rows` items from the vocabulary (mixed-radix digits of the row number). */
function itemsSql(rows: number): string {
  const arr = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;
  const pick = (xs: readonly string[], expr: string) => `(${arr(xs)})[1 + ((${expr}) % ${xs.length})]`;
  // Different strides per part, so neighbouring rows differ in every part.
  const o = 'i';
  const a = `i / ${objects.length}`;
  const s = `i / ${objects.length * actions.length}`;
  const r = `i * 7 / ${objects.length * actions.length * subjects.length}`;
  const v = `i / 3`;
  return `
    INSERT INTO service_items (id, code, basic_item_id, region_code, department_id, item_type, name, guide, materials, form, legal_limit_days, promised_limit_days, online_depth, licence_type_code, min_level, applicant_kinds, published)
    SELECT gen_random_uuid(), 'B' || lpad(i::text, 11, '0'), t.basic_item_id, '620100', d.ids[1 + (i % array_length(d.ids, 1))], '20',
      jsonb_build_object(
        'zh', ${pick(regions, r)} || ${pick(subjects, s)} || ${pick(objects, o)} || ${pick(actions, a)} || ${pick(variants, v)},
        'en', initcap(${pick(regionsEn, r)} || ${pick(subjectsEn, s)} || ${pick(objectsEn, o)} || ' ' || ${pick(actionsEn, a)}) || ${pick(variantsEn, v)}),
      t.guide || jsonb_build_object(
        'audience', jsonb_build_object('zh', ${pick(audiences, 'i / 5')}, 'en', 'Applicants'),
        'conditions', jsonb_build_array(jsonb_build_object('zh', ${pick(conditionsVocab, 'i / 11')}, 'en', 'Condition')),
        'result', jsonb_build_object('zh', ${pick(objects, o)} || ${pick(results, 'i / 13')}, 'en', 'Result')),
      t.materials, t.form, 20, 10, '[1,2,3,4]'::jsonb, NULL, 1, '["person"]'::jsonb, true
    FROM generate_series(1, ${rows}) AS i,
      (SELECT array_agg(id ORDER BY code) AS ids FROM departments) d,
      (SELECT basic_item_id, guide, materials, form FROM service_items ORDER BY code LIMIT 1) t`;
}

/**
 * Items by SQL, their documents by the real builder (built once and reused, by item code, for the
 * second backend: the same items get the same documents), both bulk-loaded, GIN built after.
 */
async function loadCatalogue(database: Database, log: (s: string) => void, built: Map<string, SearchDocument>): Promise<{ docs: SearchDocument[]; seconds: Record<string, number> }> {
  const seconds: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    seconds[name] = (performance.now() - t0) / 1000;
    log(`  ${name}: ${seconds[name]!.toFixed(1)} s`);
    return r;
  };
  await timed('items_sql', () => database.query(itemsSql(ROWS)));
  const depts = new Map((await database.query<{ id: string; zh: string; en: string }>(`SELECT id, name->>'zh' AS zh, name->>'en' AS en FROM departments`)).map((d) => [d.id, { zh: d.zh, en: d.en }]));
  const docs = await timed('documents_js', async () => {
    const out: SearchDocument[] = [];
    let after = '';
    for (;;) {
      const page = await database.query<{ id: string; code: string; name: { zh: string; en: string }; guide: GuideData; department_id: string }>(
        `SELECT id, code, name, guide, department_id FROM service_items WHERE code > $1 AND code LIKE 'B%' ORDER BY code LIMIT 5000`,
        [after],
      );
      if (!page.length) return out;
      for (const it of page) {
        const known = built.get(it.code);
        const doc = known ? { ...known, itemId: it.id } : buildSearchDocument(itemDocument(it, depts.get(it.department_id) ?? null));
        if (!known) built.set(it.code, doc);
        out.push(doc);
      }
      after = page.at(-1)!.code;
    }
  });
  await timed('documents_load', async () => {
    await database.query('DROP INDEX catalog_search_documents_document_idx');
    await database.query('DROP INDEX catalog_search_documents_names_document_idx');
    for (let i = 0; i < docs.length; i += 2000) {
      const batch = docs.slice(i, i + 2000);
      await database.query(
        `INSERT INTO catalog_search_documents (item_id, names_document, document, names, aliases, version)
         SELECT * FROM unnest($1::uuid[], $2::tsvector[], $3::tsvector[], $4::jsonb[], $5::jsonb[], $6::int[])`,
        [batch.map((d) => d.itemId), batch.map((d) => d.namesVector), batch.map((d) => d.vector), batch.map((d) => JSON.stringify(d.names)), batch.map((d) => JSON.stringify(d.aliases)), batch.map(() => DOCUMENT_VERSION)],
      );
    }
  });
  await timed('gin_build', async () => {
    if (database.kind === 'postgres') await database.query(`SET maintenance_work_mem = '256MB'`);
    await database.query('CREATE INDEX catalog_search_documents_names_document_idx ON catalog_search_documents USING gin (names_document)');
    await database.query('CREATE INDEX catalog_search_documents_document_idx ON catalog_search_documents USING gin (document)');
    await database.query('ANALYZE service_items');
    await database.query('ANALYZE catalog_search_documents');
  });
  return { docs, seconds };
}

/** p50/p99 of `op` over the class's queries in turn, for MS after a short warm-up. */
async function timeQueries(list: readonly string[], op: (q: string) => Promise<unknown> | unknown): Promise<{ p50: number; p99: number; n: number; found: number }> {
  let found = 0;
  const warm = performance.now() + 300;
  for (let i = 0; performance.now() < warm; i++) await op(list[i % list.length]!);
  const latencies: number[] = [];
  const end = performance.now() + MS;
  for (let i = 0; performance.now() < end; i++) {
    const t0 = performance.now();
    const r = await op(list[i % list.length]!);
    latencies.push(performance.now() - t0);
    if (Array.isArray(r) && r.length) found++;
  }
  return { ...latencySummary(latencies), n: latencies.length, found };
}

const lexemesOf = (vector: string) => [...vector.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));

/**
 * MiniSearch over the same documents and the same tokens: each field is the lexemes our builder
 * made (names: pairs, unigrams, words and pinyin keys; text: everything else), split on spaces;
 * queries are tokenised as ours are (pairs, words; words of two letters or more by prefix), ANDed.
 */
function miniSearchIndex(docs: SearchDocument[]) {
  const ms = new MiniSearch<{ id: string; names: string; text: string }>({
    fields: ['names', 'text'],
    tokenize: (text) => text.split(' '),
    processTerm: (t) => t,
    searchOptions: {
      tokenize: (q) => runs(q).flatMap((r) => (r.kind === 'han' ? bigrams(r.text) : [r.text])),
      processTerm: (t) => t,
      prefix: (t) => /^[a-z0-9]{2,}$/.test(t),
      combineWith: 'AND',
      boost: { names: 3 },
    },
  });
  for (const d of docs) {
    const names = lexemesOf(d.namesVector);
    const inNames = new Set(names);
    ms.add({ id: d.itemId, names: names.join(' '), text: lexemesOf(d.vector).filter((l) => !inNames.has(l)).join(' ') });
  }
  return ms;
}

async function freshDatabase(kind: 'pglite' | 'postgres', pgUrl: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const database = await openPglite(await PGlite.create());
    return { database, drop: () => database.close() };
  }
  const name = `yw_bench_search_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  const database = await openPostgres(u.toString(), 2);
  return {
    database,
    async drop() {
      await database.close();
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Runs the search figures on each backend and MiniSearch once (over the first backend's documents). */
export async function benchSearch(report: SearchBenchReport, opts: { backends: string[]; pgUrl: string }) {
  installKeyring(parseKeyring(newKeyringSpec('bench-search')));
  let mini: { ms: ReturnType<typeof miniSearchIndex>; stats: Record<string, { p50: number; p99: number }> } | null = null;
  const built = new Map<string, SearchDocument>();
  for (const kind of (['pglite', 'postgres'] as const).filter((k) => opts.backends.includes(k))) {
    let db: Awaited<ReturnType<typeof freshDatabase>>;
    try {
      db = await freshDatabase(kind, opts.pgUrl);
    } catch (e) {
      report.note(`search on ${kind} skipped: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    try {
      const { database } = db;
      report.log(`search/${kind}: migrate, seed the demo node, ${ROWS.toLocaleString('en-US')} items…`);
      await migrateDatabase(database);
      await seedDemo(database);
      const { docs, seconds } = await loadCatalogue(database, report.log, built);
      report.note(
        `search/${kind}: ${ROWS} items in ${seconds.items_sql!.toFixed(1)} s (SQL), documents built in ${seconds.documents_js!.toFixed(1)} s, loaded in ${seconds.documents_load!.toFixed(1)} s, GIN built in ${seconds.gin_build!.toFixed(1)} s`,
      );
      const [size] = await database.query<{ table: string; index: string }>(
        `SELECT pg_size_pretty(pg_table_size('catalog_search_documents')) AS table, pg_size_pretty(pg_relation_size('catalog_search_documents_names_document_idx') + pg_relation_size('catalog_search_documents_document_idx')) AS index`,
      );
      report.note(`search/${kind}: catalog_search_documents ${size!.table}, its two GIN indexes ${size!.index}`);
      if (!mini) {
        report.log('search: building the MiniSearch index over the same documents…');
        const heap0 = process.memoryUsage().heapUsed;
        const t0 = performance.now();
        const ms = miniSearchIndex(docs);
        const buildS = (performance.now() - t0) / 1000;
        global.gc?.();
        const heapMb = (process.memoryUsage().heapUsed - heap0) / 1e6;
        report.figure('minisearch.search_index_build_s', buildS, 's', null, undefined, `MiniSearch 7.2 add() of ${docs.length} documents (our lexemes, split on spaces)`);
        report.figure('minisearch.search_index_heap_mb', heapMb, 'MB', null, undefined, 'heap held by the MiniSearch index (approximate)');
        const stats: Record<string, { p50: number; p99: number }> = {};
        for (const cls of Object.keys(queries) as QueryClass[]) {
          const r = await timeQueries(queries[cls], (q) => ms.search(q).slice(0, 50));
          stats[cls] = r;
          report.figure(`minisearch.search_${cls}_p50_ms`, r.p50, 'ms');
          report.figure(`minisearch.search_${cls}_p99_ms`, r.p99, 'ms');
          report.note(`minisearch ${cls}: ${r.n} queries, ${r.found} with results`);
        }
        mini = { ms, stats };
      }
      if (process.env.BENCH_SEARCH_EXPLAIN) {
        const { parseQuery } = await import('../src/modules/catalog/search/query.js');
        for (const q of [queries['2char'][0], queries['4char'][0], queries.initials[0]]) {
          const p = parseQuery(q)!;
          const plan = await database.query<{ 'QUERY PLAN': string }>(
            `EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM ((SELECT d.item_id, d.names, d.aliases FROM catalog_search_documents d JOIN service_items s ON s.id = d.item_id WHERE d.names_document @@ $1::tsquery AND s.published LIMIT 200)
             UNION ALL (SELECT d.item_id, d.names, d.aliases FROM catalog_search_documents d JOIN service_items s ON s.id = d.item_id WHERE d.document @@ $1::tsquery AND NOT (d.names_document @@ $1::tsquery) AND s.published LIMIT 200)) c LIMIT 200`,
            [p.tsquery],
          );
          report.log(`plan ${q}:\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
        }
      }
      for (const cls of Object.keys(queries) as QueryClass[]) {
        const r = await timeQueries(queries[cls], (q) => searchItemIds(database.db, q));
        report.figure(`${kind}.search_${cls}_p50_ms`, r.p50, 'ms', mini.stats[cls]!.p50);
        report.figure(`${kind}.search_${cls}_p99_ms`, r.p99, 'ms', mini.stats[cls]!.p99, undefined, `searchItemIds (synonyms, candidates LIMIT 200, ranking, top 50); baseline = MiniSearch; target p99 < ${TARGET_P99_MS} ms`);
        report.note(`search/${kind} ${cls}: ${r.n} queries, ${r.found} with results, p99 ${r.p99.toFixed(2)} ms ${r.p99 < TARGET_P99_MS ? '<' : '≥'} ${TARGET_P99_MS} ms target${r.p99 < TARGET_P99_MS ? '' : ' — NOT MET'}`);
      }
      const s = await timeQueries([...queries['2char'], ...queries.initials], (q) => suggestItemIds(database.db, q));
      report.figure(`${kind}.suggest_p50_ms`, s.p50, 'ms');
      report.figure(`${kind}.suggest_p99_ms`, s.p99, 'ms', null, undefined, 'suggestItemIds (names, aliases, pinyin; 40 candidates; top 8) over the 2-character and initials queries');
    } finally {
      await db.drop().catch((e: unknown) => report.log(`could not drop the ${kind} search database: ${String(e)}`));
    }
  }
}

// `npm run bench:search`: the search figures alone, merged into bench/results/latest.json.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.env.LOG_LEVEL = 'silent';
  const figures: { name: string; value: number; unit: string; baseline: number | null; ratio: number | null }[] = [];
  const notes: string[] = [];
  const report: SearchBenchReport = {
    figure: (name, value, unit, baseline = null) => figures.push({ name, value, unit, baseline, ratio: baseline ? value / baseline : null }),
    note: (s) => notes.push(s),
    log: (s) => process.stderr.write(`[bench] ${s}\n`),
  };
  const backends = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',').map((s) => s.trim());
  await benchSearch(report, { backends, pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test' });
  if (process.argv.includes('--json')) {
    // bench/run.ts runs this in a child process (its own heap) and reads this last line.
    console.log(JSON.stringify({ figures, notes }));
    process.exit(0);
  }
  for (const f of figures) console.log(`${f.name.padEnd(40)} ${f.value.toFixed(2).padStart(9)} ${f.unit.padEnd(3)} ${f.baseline === null ? '' : `baseline ${f.baseline.toFixed(2)}, ratio ${f.ratio!.toFixed(2)}`}`);
  for (const n of notes) console.log(`- ${n}`);
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
  mkdirSync(path.dirname(out), { recursive: true });
  const names = new Set(figures.map((f) => f.name));
  const kept = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { name: string }[]).filter((f) => !names.has(f.name)) : [];
  writeFileSync(out, JSON.stringify([...kept, ...figures], null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), out)} (${figures.length} search figures merged)`);
}
