/**
 * Catalogue import, all or nothing: every row is read and checked first (cells, the content rules of
 * `contentProblems`, departments the caller manages, codes, the basic catalogue); any problem and
 * nothing is written, every problem listed by row and column. Then, in the caller's transaction:
 * - staff (catalogue admins for anything, department admins for their own departments' rows) go
 *   through the catalogue's own use cases — new basic items by `createBasicItem`, new
 *   implementations by `createImplementation` (a draft), an implementation whose code exists gets
 *   a new draft (`openDraft` + `editDraft`) unless its overrides are unchanged. Nothing is
 *   published: drafts go through review like any other.
 * - the installation (`'installation'`) publishes directly (`install.ts`), and refuses codes that exist.
 * One `catalogue.import` audit event with the counts, besides the use cases' own.
 */
import { desc, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { DomainError, type FieldIssue } from '../../../lib/errors.js';
import { uuidv7 } from '../../../lib/uuid.js';
import { departmentTree, listDepartments, performerId, type Actor } from '../../identity/index.js';
import { appendAudit } from '../../supervision/index.js';
import { cataloguePolicy } from '../policy.js';
import { basicItems, serviceItems, serviceItemVersions, type CatalogContent, type CatalogOverrides } from '../tables.js';
import { mergeContent, overridableGuideKeys, overridableMaterialKeys, overridesSchema, unknownMaterialOverrides } from '../versions/content.js';
import { contentProblems, createBasicItem, createImplementation, editDraft, openDraft } from '../versions/lifecycle.js';
import { catalogueFileSchema, importLimits, type ImportLimits, type ImportResult } from './contract.js';
import { installCatalogue } from './install.js';
import { formatError, readCsv, readXlsx } from './read.js';
import { readEntries, sheetNames, type RowIssue } from './sheet.js';

export type ImportFormat = 'json' | 'xlsx' | 'csv';

/** An import refused: each problem where the file has it. Nothing was written. */
export class ImportRejected extends DomainError {
  constructor(readonly rows: RowIssue[]) {
    super('IMPORT_ROWS_INVALID', { count: rows.length });
  }
}

export type ImportOptions = {
  dryRun?: boolean;
  limits?: ImportLimits;
  /** Whether a licence type code names one (the licence library is above the catalogue; the composition root passes it). */
  licenceTypeExists?: (tx: Tx, code: string) => Promise<boolean>;
};

type Loc = { sheet: string; row: number; column: string };
type PlannedImpl = {
  code: string;
  basicCode: string;
  departmentCode: string;
  regionCode: string;
  overrides: CatalogOverrides;
  at: (path: string) => Loc;
};
type PlannedBasic = { code: string; baseline: CatalogContent; at: (path: string) => Loc };

const CODE = /^[0-9A-Z]{4,36}$/;
const BASIC_CODE = /^[0-9A-Z]{4,12}$/;

/** JSON with sorted keys: jsonb reorders an object's keys, so equality is compared on this. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * A row's full content as overrides of a baseline: what differs in what a region may set is an
 * override; a difference elsewhere (name, type, statutory limit, legal basis, the set of
 * materials…) is a problem at that path.
 */
export function overridesAgainst(baseline: CatalogContent, content: CatalogContent): { overrides: CatalogOverrides; differs: string[] } {
  const overrides: CatalogOverrides = {};
  const differs: string[] = [];
  for (const k of ['name', 'itemType', 'legalLimitDays', 'licenceTypeCode', 'minLevel', 'applicantKinds'] as const) if (!same(baseline[k], content[k])) differs.push(k);
  // Every guide element but those a region may set is the basic item's (exercise level, power source, legal basis, special procedures…).
  const guideKeys = new Set([...Object.keys(baseline.guide), ...Object.keys(content.guide)]);
  for (const k of guideKeys) {
    const key = k as keyof typeof content.guide;
    if (!(overridableGuideKeys as readonly string[]).includes(k) && !same(baseline.guide[key], content.guide[key])) differs.push(`guide.${k}`);
  }
  if (baseline.promisedLimitDays !== content.promisedLimitDays) overrides.promisedLimitDays = content.promisedLimitDays;
  if (!same(baseline.onlineDepth, content.onlineDepth)) overrides.onlineDepth = content.onlineDepth;
  const guide: Record<string, unknown> = {};
  for (const k of overridableGuideKeys) if (!same(baseline.guide[k], content.guide[k])) guide[k] = content.guide[k];
  if (Object.keys(guide).length) overrides.guide = guide as CatalogOverrides['guide'];
  if (baseline.materials.length !== content.materials.length) differs.push('materials');
  const materials: NonNullable<CatalogOverrides['materials']> = {};
  content.materials.forEach((m, i) => {
    const b = baseline.materials[i];
    if (!b || b.code !== m.code || !same(b.name, m.name) || b.required !== m.required) {
      if (baseline.materials.length === content.materials.length) differs.push(`materials.${i}.code`);
      return;
    }
    for (const k of new Set([...Object.keys(b), ...Object.keys(m)])) {
      const key = k as keyof typeof m;
      if (!['code', 'name', 'required', ...overridableMaterialKeys].includes(k) && !same(b[key], m[key])) differs.push(`materials.${i}.${k}`);
    }
    const d: Record<string, unknown> = {};
    for (const k of overridableMaterialKeys) if (!same(b[k], m[k])) d[k] = m[k];
    if (Object.keys(d).length) materials[m.code] = d;
  });
  if (Object.keys(materials).length) overrides.materials = materials;
  if (!same(baseline.form, content.form)) overrides.form = content.form;
  return { overrides, differs };
}

/** The plan of a sheet (xlsx or CSV): a basic code new to the catalogue takes its first row's content as the baseline. */
function planSheet(entries: ReturnType<typeof readEntries>['entries'], existing: Map<string, CatalogContent>, issues: RowIssue[]) {
  const basics = new Map<string, PlannedBasic>();
  const impls: PlannedImpl[] = [];
  const push = (at: Loc, code: string, params?: Record<string, string | number>) => issues.push({ ...at, code, ...(params ? { params } : {}) });
  for (const e of entries) {
    if (!e.basicCode || !e.code) continue; // already reported as missing
    let baseline = existing.get(e.basicCode) ?? basics.get(e.basicCode)?.baseline;
    if (!baseline) {
      baseline = e.content;
      basics.set(e.basicCode, { code: e.basicCode, baseline, at: e.locate });
    }
    const { overrides, differs } = overridesAgainst(baseline, e.content);
    for (const path of differs) push(e.locate(path), 'BASIC_ITEM_DIFFERS');
    if (differs.length) continue;
    impls.push({ code: e.code, basicCode: e.basicCode, departmentCode: e.departmentCode, regionCode: e.regionCode, overrides, at: e.locate });
  }
  return { basics: [...basics.values()], impls };
}

/** The plan of a JSON file (the lossless format): basic items and implementations as written. */
function planJson(bytes: Buffer, issues: RowIssue[]) {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch {
    throw formatError('不是有效的 JSON 文件。', 'Not a valid JSON file.');
  }
  const parsed = catalogueFileSchema.safeParse(raw);
  if (!parsed.success) throw formatError('JSON 文件不是一网目录导出格式（format: "yiwang.catalogue", version: 1）。', 'The JSON file is not a Yiwang catalogue export (format "yiwang.catalogue", version 1).');
  const file = parsed.data;
  const basics: PlannedBasic[] = file.basicItems.map((b, i) => ({ code: b.code, baseline: b.baseline as CatalogContent, at: (path) => ({ sheet: 'basicItems', row: i + 1, column: path ? `baseline.${path}` : 'code' }) }));
  const impls: PlannedImpl[] = [];
  file.implementations.forEach((m, i) => {
    const at = (path: string) => ({ sheet: 'implementations', row: i + 1, column: path || 'code' });
    const o = overridesSchema.safeParse(m.overrides);
    if (!o.success) {
      for (const issue of o.error.issues) issues.push({ ...at(`overrides.${issue.path.join('.')}`), code: /^[A-Z_]+$/.test(issue.message) ? issue.message : 'INVALID' });
      return;
    }
    impls.push({ code: m.code, basicCode: m.basicCode, departmentCode: m.department, regionCode: m.regionCode ?? '', overrides: o.data as CatalogOverrides, at: (path) => at(path.startsWith('overrides') || ['code', 'basicCode', 'department', 'regionCode'].includes(path) ? path : `content.${path}`) });
  });
  return { basics, impls };
}

/** Reads a file into a plan; the format comes from the name's extension. */
async function planFile(tx: Tx, format: ImportFormat, bytes: Buffer, limits: ImportLimits, issues: RowIssue[]) {
  if (format === 'json') return planJson(bytes, issues);
  const grids = format === 'xlsx' ? await readXlsx(bytes, limits.maxRows) : [readCsv(bytes, limits.maxRows)];
  const { entries, issues: cellIssues } = readEntries(grids, format === 'csv');
  issues.push(...cellIssues);
  const codes = [...new Set(entries.map((e) => e.basicCode).filter(Boolean))];
  const existing = codes.length ? await tx.select().from(basicItems).where(inArray(basicItems.code, codes)) : [];
  return planSheet(entries, new Map(existing.map((b) => [b.code, b.baseline])), issues);
}

export function importFormatOf(fileName: string): ImportFormat {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'json' || ext === 'xlsx' || ext === 'csv') return ext;
  throw formatError('请上传 .json、.xlsx 或 .csv 文件。', 'Upload a .json, .xlsx or .csv file.');
}

/**
 * Imports a catalogue file. `who` is the signed-in staff member, or `'installation'` for the
 * installation's own import (published directly). Throws `ImportRejected` with every row problem,
 * having written nothing; a dry run returns what would happen and writes nothing either.
 */
export async function importCatalogue(tx: Tx, who: Actor | 'installation', file: { fileName: string; bytes: Buffer }, opts: ImportOptions = {}): Promise<ImportResult> {
  const limits = opts.limits ?? importLimits;
  if (file.bytes.length > limits.maxBytes) throw new DomainError('IMPORT_TOO_LARGE', { maxRows: limits.maxRows, maxMb: Math.round(limits.maxBytes / 1048576) });
  const format = importFormatOf(file.fileName);
  const issues: RowIssue[] = [];
  let plan: Awaited<ReturnType<typeof planFile>>;
  try {
    plan = await planFile(tx, format, file.bytes, limits, issues);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'IMPORT_TOO_LARGE') throw new DomainError('IMPORT_TOO_LARGE', { maxRows: limits.maxRows, maxMb: Math.round(limits.maxBytes / 1048576) });
    throw e;
  }
  const installation = who === 'installation';
  const policy = installation ? null : cataloguePolicy(who, await departmentTree(tx));
  if (policy && !policy.mayAdminister) throw new DomainError('FORBIDDEN');
  const push = (at: Loc, code: string, params?: Record<string, string | number>) => issues.push({ ...at, code, ...(params ? { params } : {}) });
  const problemsAt = (at: (p: string) => Loc, problems: FieldIssue[]) => problems.forEach((p) => push(at(p.path), p.code, p.params));

  // Basic items: existing ones are the catalogue's; new ones must be valid and the caller's to create.
  const basicCodes = [...new Set([...plan.basics.map((b) => b.code), ...plan.impls.map((i) => i.basicCode)])];
  const existingBasics = new Map((basicCodes.length ? await tx.select().from(basicItems).where(inArray(basicItems.code, basicCodes)) : []).map((b) => [b.code, b]));
  const baselines = new Map<string, CatalogContent | null>();
  for (const [code, b] of existingBasics) baselines.set(code, b.baseline);
  const newBasics: PlannedBasic[] = [];
  const seenBasic = new Map<string, Loc>();
  for (const b of plan.basics) {
    if (seenBasic.has(b.code)) {
      push(b.at(''), 'CODE_REPEATED', { row: seenBasic.get(b.code)!.row });
      continue;
    }
    seenBasic.set(b.code, b.at(''));
    const existing = existingBasics.get(b.code);
    if (existing) {
      if (!same(existing.baseline, b.baseline)) push(b.at(''), 'BASIC_ITEM_DIFFERS');
      continue;
    }
    if (!BASIC_CODE.test(b.code)) push(b.at('basicCode'), 'BASIC_CODE_PATTERN');
    const problems = contentProblems(b.baseline);
    if (format === 'json') problemsAt(b.at, problems); // a sheet's baseline is its first row: checked with the implementation below
    baselines.set(b.code, problems.length ? null : b.baseline);
    newBasics.push(b);
  }

  const departments = new Map((await listDepartments(tx)).map((d) => [d.code, d]));
  const implCodes = plan.impls.map((i) => i.code).filter(Boolean);
  const existingImpls = new Map((implCodes.length ? await tx.select().from(serviceItems).where(inArray(serviceItems.code, implCodes)) : []).map((i) => [i.code, i]));
  const latest = new Map<string, typeof serviceItemVersions.$inferSelect>();
  if (existingImpls.size) {
    const versions = await tx
      .select()
      .from(serviceItemVersions)
      .where(inArray(serviceItemVersions.serviceItemId, [...existingImpls.values()].map((i) => i.id)))
      .orderBy(serviceItemVersions.serviceItemId, desc(serviceItemVersions.versionNo));
    for (const v of versions) if (!latest.has(v.serviceItemId)) latest.set(v.serviceItemId, v);
  }

  type Ready = PlannedImpl & { departmentId: string; departmentName: { zh: string; en: string }; regionCode: string; existing: typeof serviceItems.$inferSelect | null; action: 'created' | 'draft' | 'unchanged' };
  const ready: Ready[] = [];
  const seenImpl = new Map<string, number>();
  for (const impl of plan.impls) {
    const before = issues.length;
    if (seenImpl.has(impl.code)) push(impl.at('code'), 'CODE_REPEATED', { row: seenImpl.get(impl.code)! });
    else seenImpl.set(impl.code, impl.at('code').row);
    if (!CODE.test(impl.code)) push(impl.at('code'), 'ITEM_CODE_PATTERN');
    const dept = departments.get(impl.departmentCode);
    if (!dept) push(impl.at('department'), 'DEPARTMENT_UNKNOWN');
    else if (policy && !policy.mayManage(dept.id)) push(impl.at('department'), 'DEPARTMENT_NOT_MANAGED');
    else if (impl.regionCode && impl.regionCode !== dept.regionCode) push(impl.at('regionCode'), 'REGION_NOT_DEPARTMENT', { region: dept.regionCode });
    const isNewBasic = !existingBasics.has(impl.basicCode);
    if (isNewBasic && !baselines.has(impl.basicCode)) push(impl.at('basicCode'), 'BASIC_ITEM_UNKNOWN');
    else if (isNewBasic && policy && !policy.mayManageBasicItems) push(impl.at('basicCode'), 'BASIC_ITEM_UNKNOWN');
    const baseline = baselines.get(impl.basicCode);
    if (baseline) {
      const unknown = unknownMaterialOverrides(baseline, impl.overrides);
      unknown.forEach((code) => push(impl.at(`overrides.materials.${code}`), 'MATERIAL_OVERRIDE_UNKNOWN'));
      if (!unknown.length) {
        const content = mergeContent(baseline, impl.overrides);
        problemsAt(impl.at, contentProblems(content, new Set(departments.keys())));
        if (content.licenceTypeCode && opts.licenceTypeExists && !(await opts.licenceTypeExists(tx, content.licenceTypeCode))) push(impl.at('licenceTypeCode'), 'LICENCE_TYPE_UNKNOWN');
      }
    }
    const existing = existingImpls.get(impl.code) ?? null;
    let action: Ready['action'] = 'created';
    if (existing) {
      const basicId = existingBasics.get(impl.basicCode)?.id;
      if (installation || existing.basicItemId !== basicId || existing.departmentId !== dept?.id) push(impl.at('code'), 'ITEM_CODE_TAKEN');
      else {
        const v = latest.get(existing.id);
        if (v?.status === 'review') push(impl.at('code'), 'VERSION_IN_REVIEW');
        action = v && same(v.overrides, impl.overrides) ? 'unchanged' : 'draft';
      }
    }
    if (issues.length === before && dept) ready.push({ ...impl, departmentId: dept.id, departmentName: dept.name, regionCode: dept.regionCode, existing, action });
  }
  // The file's rows in file order, each problem once.
  const seen = new Set<string>();
  const rows = issues.filter((i) => {
    const key = `${i.sheet}|${i.row}|${i.column}|${i.code}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  if (rows.length) throw new ImportRejected(rows.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : 0)));

  const usedBasics = new Set(ready.map((r) => r.basicCode));
  const toCreate = newBasics.filter((b) => usedBasics.has(b.code) || format === 'json');
  const items: ImportResult['items'] = ready.map((r) => ({ code: r.code, basicCode: r.basicCode, action: r.action, versionId: null }));
  const counts = {
    basicItemsCreated: toCreate.length,
    implementationsCreated: ready.filter((r) => r.action === 'created').length,
    draftsOpened: ready.filter((r) => r.action === 'draft').length,
    unchanged: ready.filter((r) => r.action === 'unchanged').length,
  };
  if (opts.dryRun) return { dryRun: true, published: installation, counts, items };

  const basicIds = new Map([...existingBasics].map(([code, b]) => [code, b.id]));
  if (installation) {
    const todo = ready.filter((r) => r.action !== 'unchanged');
    const done = await installCatalogue(tx, toCreate, todo.map((r) => ({ ...r, baseline: baselines.get(r.basicCode)! })), basicIds);
    items.forEach((it) => (it.versionId = done.versionIds.get(it.code) ?? null));
  } else {
    for (const b of toCreate) basicIds.set(b.code, (await createBasicItem(tx, who, { code: b.code, baseline: b.baseline })).id);
    for (const [i, r] of ready.entries()) {
      const basicItemId = basicIds.get(r.basicCode)!;
      if (r.action === 'unchanged') continue;
      if (!r.existing) {
        items[i]!.versionId = (await createImplementation(tx, who, { basicItemId, departmentId: r.departmentId, code: r.code, overrides: r.overrides })).versionId;
      } else {
        const v = latest.get(r.existing.id);
        const draftId = v?.status === 'draft' ? v.id : (await openDraft(tx, who, r.existing.id)).id;
        await editDraft(tx, who, draftId, r.overrides);
        items[i]!.versionId = draftId;
      }
    }
  }
  await appendAudit(tx, {
    actorAccountId: installation ? null : performerId(who),
    action: 'catalogue.import',
    entityType: 'catalogue_import',
    entityId: uuidv7(),
    detail: { format, fileName: file.fileName, published: installation, ...counts },
  });
  return { dryRun: false, published: installation, counts, items };
}

/** The sheet names an export writes, in the reader's language. */
export { sheetNames };
