/**
 * The flat sheet layout a catalogue clerk fills in Excel (docs/catalogue-import.md): one row per
 * implementation, and for xlsx two more sheets of materials and form fields keyed by 实施编码 (in
 * CSV those are JSON columns). Headers are Chinese, or the English ones; cells are turned into a
 * content here, each problem named by its row and its column's header as the file spells it.
 */
import type { FieldIssue } from '../../../lib/errors.js';
import { prefillSources, type PrefillSource } from '../forms/types.js';
import { formFieldTypes, type CatalogContent, type FormField, type MaterialSpec } from '../tables.js';
import type { Cell, Grid, GridRow } from './read.js';
import {
  codeCell,
  faqCell,
  feeWaiversCell,
  intermediariesCell,
  legalBasisCell,
  optCell,
  optText,
  readCode,
  readFaq,
  readFeeWaivers,
  readIntermediaries,
  readLegalBasis,
  readSpecialProcedures,
  specialProceduresCell,
  type CodeList,
} from './guideCells.js';
import { localText, textCell } from './localCells.js';

export { localText, textCell };

type Kind = 'code' | 'int' | 'text';
type ColumnDef = { key: string; zh: string; en: string; kind: Kind; required?: boolean };

export const implementationColumns = [
  { key: 'basicCode', zh: '基本编码', en: 'Basic code', kind: 'code', required: true },
  { key: 'code', zh: '实施编码', en: 'Implementation code', kind: 'code', required: true },
  { key: 'name', zh: '事项名称', en: 'Name', kind: 'text', required: true },
  { key: 'itemType', zh: '事项类型', en: 'Item type', kind: 'code', required: true },
  { key: 'department', zh: '实施部门', en: 'Department', kind: 'code', required: true },
  { key: 'regionCode', zh: '行政区划', en: 'Region code', kind: 'code' },
  { key: 'legalLimitDays', zh: '法定时限', en: 'Statutory limit', kind: 'int', required: true },
  { key: 'promisedLimitDays', zh: '承诺时限', en: 'Promised limit', kind: 'int', required: true },
  { key: 'caseKind', zh: '办件类型', en: 'Case kind', kind: 'text', required: true },
  { key: 'visits', zh: '到现场次数', en: 'Visits', kind: 'int', required: true },
  { key: 'place', zh: '办理地点', en: 'Place', kind: 'text', required: true },
  { key: 'hours', zh: '办理时间', en: 'Hours', kind: 'text', required: true },
  { key: 'contactPhone', zh: '咨询电话', en: 'Contact phone', kind: 'code', required: true },
  { key: 'complaintPhone', zh: '监督电话', en: 'Complaint phone', kind: 'code', required: true },
  { key: 'fees', zh: '收费', en: 'Fees', kind: 'text' },
  { key: 'onlineDepth', zh: '网办深度', en: 'Online depth', kind: 'text' },
  { key: 'applicantKinds', zh: '申请对象', en: 'Applicants', kind: 'text' },
  { key: 'minLevel', zh: '实名等级', en: 'Identity level', kind: 'int' },
  { key: 'licenceTypeCode', zh: '证照类型代码', en: 'Licence type code', kind: 'code' },
  { key: 'legalBasis', zh: '设定依据', en: 'Legal basis', kind: 'text', required: true },
  { key: 'audience', zh: '服务对象说明', en: 'Audience', kind: 'text', required: true },
  { key: 'conditions', zh: '受理条件', en: 'Conditions', kind: 'text' },
  { key: 'process', zh: '办理流程', en: 'Process', kind: 'text', required: true },
  { key: 'result', zh: '办理结果', en: 'Result', kind: 'text', required: true },
  // The other GB/T 39554 elements (optional: a sheet without them reads as before).
  { key: 'exerciseLevel', zh: '行使层级', en: 'Exercise level', kind: 'text' },
  { key: 'powerSource', zh: '权力来源', en: 'Power source', kind: 'text' },
  { key: 'powerSourceNote', zh: '权力来源说明', en: 'Power source note', kind: 'text' },
  { key: 'implementingBody', zh: '实施主体', en: 'Implementing body', kind: 'text' },
  { key: 'legalLimitUnit', zh: '法定时限单位', en: 'Statutory limit unit', kind: 'text' },
  { key: 'legalLimitNote', zh: '法定时限说明', en: 'Statutory limit note', kind: 'text' },
  { key: 'promisedLimitUnit', zh: '承诺时限单位', en: 'Promised limit unit', kind: 'text' },
  { key: 'promisedLimitNote', zh: '承诺时限说明', en: 'Promised limit note', kind: 'text' },
  { key: 'onlineUrl', zh: '网上办理地址', en: 'Online address', kind: 'text' },
  { key: 'visitReason', zh: '必须现场办理原因', en: 'Reason for visits', kind: 'text' },
  { key: 'resultType', zh: '办理结果类型', en: 'Result type', kind: 'text' },
  { key: 'resultSampleUrl', zh: '办理结果样本', en: 'Result sample', kind: 'text' },
  { key: 'crossRegion', zh: '通办范围', en: 'Cross-region scope', kind: 'text' },
  { key: 'consultAddress', zh: '咨询地址', en: 'Consultation address', kind: 'text' },
  { key: 'consultUrl', zh: '网上咨询地址', en: 'Online consultation', kind: 'text' },
  { key: 'complaintAddress', zh: '监督投诉地址', en: 'Complaint address', kind: 'text' },
  { key: 'complaintUrl', zh: '网上投诉地址', en: 'Online complaints', kind: 'text' },
  { key: 'feeWaivers', zh: '收费减免', en: 'Fee waivers', kind: 'text' },
  { key: 'intermediaryServices', zh: '中介服务', en: 'Intermediary services', kind: 'text' },
  { key: 'specialProcedures', zh: '特别程序', en: 'Special procedures', kind: 'text' },
  { key: 'faq', zh: '常见问题', en: 'FAQ', kind: 'text' },
  // CSV only (an xlsx carries them in their own sheets).
  { key: 'materials', zh: '申请材料', en: 'Materials', kind: 'text' },
  { key: 'fields', zh: '表单字段', en: 'Form fields', kind: 'text' },
] as const satisfies readonly ColumnDef[];

export const materialColumns = [
  { key: 'code', zh: '实施编码', en: 'Implementation code', kind: 'code', required: true },
  { key: 'materialCode', zh: '材料编号', en: 'Material code', kind: 'code', required: true },
  { key: 'name', zh: '材料名称', en: 'Material name', kind: 'text', required: true },
  { key: 'required', zh: '是否必要', en: 'Required', kind: 'text', required: true },
  { key: 'description', zh: '材料说明', en: 'Description', kind: 'text', required: true },
  { key: 'accept', zh: '文件格式', en: 'File types', kind: 'text', required: true },
  { key: 'maxMb', zh: '大小上限（MB）', en: 'Size limit (MB)', kind: 'int', required: true },
  { key: 'source', zh: '来源渠道', en: 'Source', kind: 'text' },
  { key: 'licenceTypeCode', zh: '证照类型代码', en: 'Licence type code', kind: 'code' },
  { key: 'registry', zh: '基础库', en: 'Base registry', kind: 'text' },
  { key: 'form', zh: '材料形式', en: 'Form', kind: 'text' },
  { key: 'copies', zh: '份数', en: 'Copies', kind: 'int' },
  { key: 'medium', zh: '载体形式', en: 'Medium', kind: 'text' },
  { key: 'blankFormUrl', zh: '空白表格', en: 'Blank form', kind: 'text' },
  { key: 'sampleUrl', zh: '示例样表', en: 'Filled sample', kind: 'text' },
] as const satisfies readonly ColumnDef[];

export const fieldColumns = [
  { key: 'code', zh: '实施编码', en: 'Implementation code', kind: 'code', required: true },
  { key: 'name', zh: '字段名', en: 'Field name', kind: 'code', required: true },
  { key: 'label', zh: '字段标签', en: 'Label', kind: 'text', required: true },
  { key: 'type', zh: '字段类型', en: 'Type', kind: 'code', required: true },
  { key: 'required', zh: '是否必填', en: 'Required', kind: 'text', required: true },
  { key: 'maxLength', zh: '最大长度', en: 'Max length', kind: 'int' },
  { key: 'min', zh: '最小值', en: 'Min', kind: 'text' },
  { key: 'max', zh: '最大值', en: 'Max', kind: 'text' },
  { key: 'pattern', zh: '格式', en: 'Pattern', kind: 'text' },
  { key: 'options', zh: '选项', en: 'Options', kind: 'text' },
  { key: 'help', zh: '填写提示', en: 'Help', kind: 'text' },
  { key: 'prefill', zh: '预填来源', en: 'Prefill', kind: 'text' },
  { key: 'minCount', zh: '最少选择', en: 'Min choices', kind: 'int' },
  { key: 'maxCount', zh: '最多选择', en: 'Max choices', kind: 'int' },
  { key: 'minRows', zh: '最少行数', en: 'Min rows', kind: 'int' },
  { key: 'maxRows', zh: '最多行数', en: 'Max rows', kind: 'int' },
  { key: 'columns', zh: '表格列', en: 'Table columns', kind: 'text' },
  { key: 'visibleWhen', zh: '显示条件', en: 'Shown when', kind: 'text' },
  { key: 'requiredWhen', zh: '必填条件', en: 'Required when', kind: 'text' },
] as const satisfies readonly ColumnDef[];

export const sheetNames = { implementations: { zh: '实施清单', en: 'Implementations' }, materials: { zh: '申请材料', en: 'Materials' }, fields: { zh: '表单字段', en: 'Form fields' } };

/** A problem found in a file, where Excel shows it. */
export type RowIssue = { sheet: string; row: number; column: string; code: string; params?: Record<string, string | number> };

type Defs = readonly ColumnDef[];
type Header<D extends Defs> = { index: Map<D[number]['key'], number>; names: Map<D[number]['key'], string>; skip: number };

const norm = (s: string) => s.replace(/\s+/g, '').replace(/[（(]/g, '(').replace(/[）)]/g, ')').toLowerCase();

/** The header row (Chinese or English names; an English row right below a Chinese one is skipped). */
function headerOf<D extends Defs>(defs: D, rows: GridRow[]): Header<D> | null {
  const first = rows[0];
  if (!first) return null;
  const text = (c: Cell | undefined) => (c && c.kind !== 'empty' ? norm(c.kind === 'number' ? String(c.value) : c.text) : '');
  const index = new Map<D[number]['key'], number>();
  const names = new Map<D[number]['key'], string>();
  first.cells.forEach((c, i) => {
    const t = text(c);
    const def = defs.find((d) => norm(d.zh) === t || norm(d.en) === t);
    if (def && !index.has(def.key)) {
      index.set(def.key, i);
      names.set(def.key, c.kind === 'text' ? c.text.trim() : def.zh);
    }
  });
  if (!index.has(defs[0]!.key) || index.size < 2) return null;
  const second = rows[1];
  const englishRow = second && [...index.values()].every((i) => defs.some((d) => norm(d.en) === text(second.cells[i])));
  return { index, names, skip: englishRow ? 2 : 1 };
}

/** Which sheet is which, by its header (the sheets' names and order do not matter). */
export function classify(grids: Grid[]) {
  const found: { implementations?: { grid: Grid; header: Header<typeof implementationColumns> }; materials?: { grid: Grid; header: Header<typeof materialColumns> }; fields?: { grid: Grid; header: Header<typeof fieldColumns> } } = {};
  for (const grid of grids) {
    const m = headerOf(materialColumns, grid.rows);
    if (m?.index.has('materialCode')) {
      found.materials ??= { grid, header: m };
      continue;
    }
    const f = headerOf(fieldColumns, grid.rows);
    if (f?.index.has('type') && f.index.has('label')) {
      found.fields ??= { grid, header: f };
      continue;
    }
    const i = headerOf(implementationColumns, grid.rows);
    if (i?.index.has('code')) found.implementations ??= { grid, header: i };
  }
  return found;
}

/** Reads one row's cells by column, collecting problems as it goes. */
class RowReader<D extends Defs> {
  constructor(
    private readonly defs: D,
    private readonly header: Header<D>,
    private readonly row: GridRow,
    private readonly sheet: string,
    readonly issues: RowIssue[],
  ) {}
  get number() {
    return this.row.number;
  }
  column(key: D[number]['key']): string {
    return this.header.names.get(key) ?? this.defs.find((d) => d.key === key)!.zh;
  }
  issue(key: D[number]['key'], code: string, params?: Record<string, string | number>) {
    this.issues.push({ sheet: this.sheet, row: this.row.number, column: this.column(key), code, ...(params ? { params } : {}) });
  }
  private cell(key: D[number]['key']): Cell {
    const i = this.header.index.get(key);
    return i === undefined ? { kind: 'empty' } : (this.row.cells[i] ?? { kind: 'empty' });
  }
  /** The cell's text; a code column refuses a number cell (Excel drops leading zeros and digits past 15). */
  text(key: D[number]['key']): string {
    const def = this.defs.find((d) => d.key === key)!;
    const c = this.cell(key);
    if (c.kind === 'empty') {
      if (def.required) this.issue(key, 'REQUIRED');
      return '';
    }
    if (c.kind === 'number') {
      if (def.kind === 'code') {
        this.issue(key, 'CELL_NUMBER_NOT_TEXT');
        return '';
      }
      return String(c.value);
    }
    return c.text.trim();
  }
  /** An optional coded cell (its code or either label); a text naming no code is a problem. */
  code<L extends CodeList>(key: D[number]['key'], list: L) {
    const v = readCode(list, this.text(key));
    if (v === null) this.issue(key, 'BAD_OPTION');
    return v ?? undefined;
  }
  /** An optional text cell: undefined when empty. */
  optional(key: D[number]['key']) {
    return optText(this.text(key));
  }
  /** A list cell in the `｜` layout of guideCells.ts. */
  list<T>(key: D[number]['key'], read: (s: string) => { value: T; bad: boolean }): T {
    const { value, bad } = read(this.text(key));
    if (bad) this.issue(key, 'LIST_FORMAT');
    return value;
  }
  int(key: D[number]['key'], fallback = 0): number {
    const t = this.text(key);
    if (t === '') return fallback;
    if (!/^-?\d+$/.test(t)) {
      this.issue(key, 'CELL_NOT_NUMBER');
      return fallback;
    }
    return Number(t);
  }
}

/** The entries whose value is set (an empty optional cell leaves its element out, as a guide without it). */
const defined = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
const lines = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map(localText);
const yes = (s: string) => /^(是|y|yes|true|1|必要|必填)$/i.test(s.trim());
const kinds: Record<string, 'person' | 'entity'> = { 自然人: 'person', 个人: 'person', person: 'person', 法人: 'entity', 法人或其他组织: 'entity', entity: 'entity' };
const caseKinds: Record<string, 'immediate' | 'promised'> = { 即办件: 'immediate', immediate: 'immediate', 承诺件: 'promised', promised: 'promised' };

/** `名称:金额(元):依据;…` → fees in fen. */
export function parseFees(s: string): CatalogContent['guide']['fees'] | null {
  const out: CatalogContent['guide']['fees'] = [];
  for (const part of s.split(/[;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const a = part.indexOf(':');
    const b = a < 0 ? -1 : part.indexOf(':', a + 1);
    if (a < 0 || b < 0) return null;
    const amount = part.slice(a + 1, b).trim();
    if (!/^\d+(\.\d{1,2})?$/.test(amount)) return null;
    const basis = part.slice(b + 1).trim();
    out.push({ name: localText(part.slice(0, a)), amountFen: Math.round(Number(amount) * 100), ...(basis ? { basis: localText(basis) } : {}) });
  }
  return out;
}
export const feesCell = (fees: CatalogContent['guide']['fees']) => fees.map((f) => `${textCell(f.name)}:${(f.amountFen / 100).toFixed(2).replace(/\.00$/, '')}:${f.basis ? textCell(f.basis) : ''}`).join(';');

/** One implementation row as the file says it: what it names and the whole content. */
export type SheetEntry = {
  row: number;
  sheet: string;
  basicCode: string;
  code: string;
  departmentCode: string;
  regionCode: string;
  content: CatalogContent;
  /** Header of the column for a content path (`guide.place.zh` → 办理地点), and where materials and fields came from. */
  locate: (path: string) => { sheet: string; row: number; column: string };
};

const pathColumns: [RegExp, (typeof implementationColumns)[number]['key']][] = [
  [/^basicCode$/, 'basicCode'],
  [/^department$/, 'department'],
  [/^regionCode$/, 'regionCode'],
  [/^name\b/, 'name'],
  [/^itemType\b/, 'itemType'],
  [/^legalLimitDays\b/, 'legalLimitDays'],
  [/^promisedLimitDays\b/, 'promisedLimitDays'],
  [/^guide\.caseKind\b/, 'caseKind'],
  [/^guide\.visits\b/, 'visits'],
  [/^guide\.place\b/, 'place'],
  [/^guide\.hours\b/, 'hours'],
  [/^guide\.contactPhone\b/, 'contactPhone'],
  [/^guide\.complaintPhone\b/, 'complaintPhone'],
  [/^guide\.fees\b/, 'fees'],
  [/^guide\.legalBasis\b/, 'legalBasis'],
  [/^guide\.audience\b/, 'audience'],
  [/^guide\.conditions\b/, 'conditions'],
  [/^guide\.process\b/, 'process'],
  [/^guide\.resultType\b/, 'resultType'],
  [/^guide\.resultSampleUrl\b/, 'resultSampleUrl'],
  [/^guide\.result\b/, 'result'],
  ...(['exerciseLevel', 'powerSourceNote', 'powerSource', 'implementingBody', 'legalLimitUnit', 'legalLimitNote', 'promisedLimitUnit', 'promisedLimitNote', 'onlineUrl', 'visitReason', 'crossRegion', 'consultAddress', 'consultUrl', 'complaintAddress', 'complaintUrl', 'feeWaivers', 'intermediaryServices', 'specialProcedures', 'faq'] as const).map(
    (k) => [new RegExp(`^guide\\.${k}\\b`), k] as [RegExp, (typeof implementationColumns)[number]['key']],
  ),
  [/^onlineDepth\b/, 'onlineDepth'],
  [/^applicantKinds\b/, 'applicantKinds'],
  [/^minLevel\b/, 'minLevel'],
  [/^licenceTypeCode\b/, 'licenceTypeCode'],
  [/^materials\b/, 'materials'],
  [/^form\b/, 'fields'],
];
const materialPath: [string, (typeof materialColumns)[number]['key']][] = [
  ['code', 'materialCode'],
  ['name', 'name'],
  ['required', 'required'],
  ['description', 'description'],
  ['accept', 'accept'],
  ['maxBytes', 'maxMb'],
  ['source', 'source'],
  ['licenceTypeCode', 'licenceTypeCode'],
  ['registry', 'registry'],
  ['form', 'form'],
  ['copies', 'copies'],
  ['medium', 'medium'],
  ['blankFormUrl', 'blankFormUrl'],
  ['sampleUrl', 'sampleUrl'],
];
/** Prefill sources as the sheet names them (the code itself is read too). */
const prefillLabels: Record<PrefillSource, string> = {
  'applicant.name': '申请人姓名',
  'applicant.idNumber': '申请人身份证号码',
  'applicant.phone': '申请人手机号码',
  'entity.name': '企业名称',
  'entity.creditCode': '统一社会信用代码',
};
function prefillSourceOf(text: string): PrefillSource | undefined {
  const t = text.trim();
  return (prefillSources as readonly string[]).includes(t) ? (t as PrefillSource) : (Object.entries(prefillLabels).find(([, label]) => label === t)?.[0] as PrefillSource | undefined);
}
const fieldPath: [string, (typeof fieldColumns)[number]['key']][] = [
  ['name', 'name'],
  ['label', 'label'],
  ['type', 'type'],
  ['required', 'required'],
  ['maxLength', 'maxLength'],
  ['min', 'min'],
  ['max', 'max'],
  ['pattern', 'pattern'],
  ['options', 'options'],
  ['help', 'help'],
  ['prefill', 'prefill'],
  ['minCount', 'minCount'],
  ['maxCount', 'maxCount'],
  ['minRows', 'minRows'],
  ['maxRows', 'maxRows'],
  ['columns', 'columns'],
  ['visibleWhen', 'visibleWhen'],
  ['requiredWhen', 'requiredWhen'],
];

function jsonArray(r: RowReader<typeof implementationColumns>, key: 'materials' | 'fields'): unknown[] {
  const t = r.text(key);
  if (t === '') return [];
  try {
    const v = JSON.parse(t);
    if (Array.isArray(v)) return v;
  } catch {
    /* reported below */
  }
  r.issue(key, 'JSON_CELL');
  return [];
}

/**
 * The implementation rows of a workbook or CSV, with their materials and form fields. Problems of
 * the cells themselves (a number where text belongs, a missing value, a malformed fee) are listed;
 * the content's own rules are checked later, against the basic catalogue.
 */
export function readEntries(grids: Grid[], csv: boolean): { entries: SheetEntry[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const found = classify(grids);
  if (!found.implementations) return { entries: [], issues: [{ sheet: grids[0]?.name ?? '', row: 1, column: '实施编码', code: 'REQUIRED' }] };
  const { grid, header } = found.implementations;

  type MatSrc = { row: number; material: MaterialSpec; r: RowReader<typeof materialColumns> };
  type FieldSrc = { row: number; field: FormField; r: RowReader<typeof fieldColumns> };
  const materialsBy = new Map<string, MatSrc[]>();
  const fieldsBy = new Map<string, FieldSrc[]>();
  if (found.materials) {
    const m = found.materials;
    for (const row of m.grid.rows.slice(m.header.skip)) {
      const r = new RowReader(materialColumns, m.header, row, m.grid.name, issues);
      const code = r.text('code');
      const material: MaterialSpec = {
        code: r.text('materialCode'),
        name: localText(r.text('name')),
        required: yes(r.text('required')),
        description: localText(r.text('description')),
        accept: r.text('accept').split(/[,，、\s]+/).filter(Boolean).map((s) => s.toLowerCase()) as MaterialSpec['accept'],
        maxBytes: r.int('maxMb', 1) * 1024 * 1024,
      };
      const extra: Partial<MaterialSpec> = {
        source: r.code('source', 'materialSource'),
        licenceTypeCode: r.text('licenceTypeCode') || undefined,
        registry: r.code('registry', 'registry'),
        form: r.code('form', 'materialForm'),
        copies: r.text('copies') === '' ? undefined : r.int('copies'),
        medium: r.code('medium', 'materialMedium'),
        blankFormUrl: r.text('blankFormUrl') || undefined,
        sampleUrl: r.text('sampleUrl') || undefined,
      };
      for (const [k, v] of Object.entries(extra)) if (v !== undefined) (material as Record<string, unknown>)[k] = v;
      if (!materialsBy.has(code)) materialsBy.set(code, []);
      materialsBy.get(code)!.push({ row: row.number, material, r });
    }
  }
  if (found.fields) {
    const f = found.fields;
    for (const row of f.grid.rows.slice(f.header.skip)) {
      const r = new RowReader(fieldColumns, f.header, row, f.grid.name, issues);
      const code = r.text('code');
      const type = r.text('type');
      const field: FormField = { name: r.text('name'), label: localText(r.text('label')), type: type as FormField['type'], required: yes(r.text('required')) };
      if (!(formFieldTypes as readonly string[]).includes(type) && type) r.issue('type', 'BAD_OPTION');
      const maxLength = r.text('maxLength');
      if (maxLength) field.maxLength = r.int('maxLength');
      for (const k of ['min', 'max'] as const) {
        const t = r.text(k);
        if (t === '') continue;
        if (Number.isFinite(Number(t))) field[k] = Number(t);
        else r.issue(k, 'BAD_NUMBER');
      }
      const pattern = r.text('pattern');
      if (pattern) field.pattern = pattern;
      const options = r.text('options');
      if (options) {
        field.options = options.split(/[;\n]/).map((o) => o.trim()).filter(Boolean).map((o) => {
          const i = o.indexOf(':');
          return i < 0 ? { value: o, label: localText(o) } : { value: o.slice(0, i).trim(), label: localText(o.slice(i + 1)) };
        });
      }
      const help = r.text('help');
      if (help) field.help = localText(help);
      const prefill = r.text('prefill');
      if (prefill) {
        const source = prefillSourceOf(prefill);
        if (source) field.prefill = source;
        else r.issue('prefill', 'BAD_OPTION');
      }
      for (const k of ['minCount', 'maxCount', 'minRows', 'maxRows'] as const) if (r.text(k) !== '') field[k] = r.int(k);
      // Table columns and conditions are structures: JSON in their cells (the form designer writes them).
      for (const k of ['columns', 'visibleWhen', 'requiredWhen'] as const) {
        const t = r.text(k);
        if (t === '') continue;
        try {
          (field as Record<string, unknown>)[k] = JSON.parse(t);
        } catch {
          r.issue(k, 'JSON_VALUE');
        }
      }
      if (!fieldsBy.has(code)) fieldsBy.set(code, []);
      fieldsBy.get(code)!.push({ row: row.number, field, r });
    }
  }

  const entries: SheetEntry[] = [];
  for (const row of grid.rows.slice(header.skip)) {
    const r = new RowReader(implementationColumns, header, row, grid.name, issues);
    const code = r.text('code');
    const caseKindText = r.text('caseKind');
    const caseKind = caseKinds[caseKindText];
    if (caseKindText && !caseKind) r.issue('caseKind', 'BAD_OPTION');
    const feesText = r.text('fees');
    const fees = feesText ? parseFees(feesText) : [];
    if (!fees) r.issue('fees', 'FEE_FORMAT');
    const depthText = r.text('onlineDepth');
    const onlineDepth = depthText ? depthText.split(/[,，、\s]+/).filter(Boolean).map(Number) : [];
    if (onlineDepth.some((d) => !Number.isInteger(d))) r.issue('onlineDepth', 'BAD_NUMBER');
    const kindsText = r.text('applicantKinds');
    const applicantKinds = kindsText ? kindsText.split(/[,，、\s]+/).filter(Boolean).map((k) => kinds[k.toLowerCase()] ?? kinds[k]) : ['person' as const];
    if (applicantKinds.some((k) => !k)) r.issue('applicantKinds', 'BAD_OPTION');
    const typeText = r.text('itemType');

    let materials: MaterialSpec[];
    let fields: FormField[];
    let mats: MatSrc[] = [];
    let flds: FieldSrc[] = [];
    if (csv) {
      materials = jsonArray(r, 'materials') as MaterialSpec[];
      fields = jsonArray(r, 'fields') as FormField[];
    } else {
      mats = materialsBy.get(code) ?? [];
      flds = fieldsBy.get(code) ?? [];
      materialsBy.delete(code);
      fieldsBy.delete(code);
      materials = mats.map((m) => m.material);
      fields = flds.map((f) => f.field);
    }
    const content: CatalogContent = {
      name: localText(r.text('name')),
      itemType: typeText,
      guide: {
        legalBasis: r.list('legalBasis', readLegalBasis),
        audience: localText(r.text('audience')),
        conditions: lines(r.text('conditions')),
        process: lines(r.text('process')),
        caseKind: caseKind ?? 'promised',
        place: localText(r.text('place')),
        hours: localText(r.text('hours')),
        contactPhone: r.text('contactPhone'),
        complaintPhone: r.text('complaintPhone'),
        visits: r.int('visits'),
        fees: fees ?? [],
        result: localText(r.text('result')),
        ...defined({
          exerciseLevel: r.code('exerciseLevel', 'exerciseLevel'),
          powerSource: r.code('powerSource', 'powerSource'),
          powerSourceNote: r.optional('powerSourceNote'),
          implementingBody: r.optional('implementingBody'),
          legalLimitUnit: r.code('legalLimitUnit', 'limitUnit'),
          legalLimitNote: r.optional('legalLimitNote'),
          promisedLimitUnit: r.code('promisedLimitUnit', 'limitUnit'),
          promisedLimitNote: r.optional('promisedLimitNote'),
          onlineUrl: r.text('onlineUrl') || undefined,
          visitReason: r.optional('visitReason'),
          resultType: r.code('resultType', 'resultType'),
          resultSampleUrl: r.text('resultSampleUrl') || undefined,
          crossRegion: r.code('crossRegion', 'crossRegion'),
          consultAddress: r.optional('consultAddress'),
          consultUrl: r.text('consultUrl') || undefined,
          complaintAddress: r.optional('complaintAddress'),
          complaintUrl: r.text('complaintUrl') || undefined,
          feeWaivers: r.list('feeWaivers', readFeeWaivers),
          intermediaryServices: r.list('intermediaryServices', readIntermediaries),
          specialProcedures: r.list('specialProcedures', readSpecialProcedures),
          faq: r.list('faq', readFaq),
        }),
      },
      materials,
      form: { fields },
      legalLimitDays: r.int('legalLimitDays'),
      promisedLimitDays: r.int('promisedLimitDays'),
      onlineDepth,
      licenceTypeCode: r.text('licenceTypeCode') || null,
      minLevel: r.int('minLevel', 1),
      applicantKinds: applicantKinds.filter(Boolean) as ('person' | 'entity')[],
      // Life events and enterprise stages are the basic item's, set in its editor or a JSON file: the sheet has no column for them.
      topics: {},
    };
    const at = (key: (typeof implementationColumns)[number]['key']) => ({ sheet: grid.name, row: row.number, column: r.column(key) });
    entries.push({
      row: row.number,
      sheet: grid.name,
      basicCode: r.text('basicCode'),
      code,
      departmentCode: r.text('department'),
      regionCode: r.text('regionCode'),
      content,
      locate(path) {
        const m = /^materials\.(\d+)\.(\w+)/.exec(path);
        if (m && mats[Number(m[1])]) {
          const src = mats[Number(m[1])]!;
          const key = materialPath.find(([p]) => p === m[2])?.[1] ?? 'materialCode';
          return { sheet: found.materials!.grid.name, row: src.row, column: src.r.column(key) };
        }
        const f = /^form\.fields\.(\d+)\.(\w+)/.exec(path);
        if (f && flds[Number(f[1])]) {
          const src = flds[Number(f[1])]!;
          const key = fieldPath.find(([p]) => p === f[2])?.[1] ?? 'name';
          return { sheet: found.fields!.grid.name, row: src.row, column: src.r.column(key) };
        }
        const col = pathColumns.find(([re]) => re.test(path))?.[1] ?? 'code';
        return at(col);
      },
    });
  }
  // Materials and fields for codes no row names.
  for (const rows of materialsBy.values()) for (const m of rows) m.r.issue('code', 'MATERIAL_ROW_ORPHAN');
  for (const rows of fieldsBy.values()) for (const f of rows) f.r.issue('code', 'MATERIAL_ROW_ORPHAN');
  return { entries, issues };
}

// ——— writing ———

export type SheetRow = Record<string, string | number>;

/** One implementation as a row of the sheet (the merged content: what citizens see). */
export function entryRow(e: { basicCode: string; code: string; departmentCode: string; regionCode: string; content: CatalogContent }, csv: boolean): SheetRow {
  const c = e.content;
  const g = c.guide;
  const row: SheetRow = {
    basicCode: e.basicCode,
    code: e.code,
    name: textCell(c.name),
    itemType: c.itemType,
    department: e.departmentCode,
    regionCode: e.regionCode,
    legalLimitDays: c.legalLimitDays,
    promisedLimitDays: c.promisedLimitDays,
    caseKind: g.caseKind === 'immediate' ? '即办件' : '承诺件',
    visits: g.visits,
    place: textCell(g.place),
    hours: textCell(g.hours),
    contactPhone: g.contactPhone,
    complaintPhone: g.complaintPhone,
    fees: feesCell(g.fees),
    onlineDepth: c.onlineDepth.join(','),
    applicantKinds: c.applicantKinds.map((k) => (k === 'person' ? '自然人' : '法人')).join(','),
    minLevel: c.minLevel,
    licenceTypeCode: c.licenceTypeCode ?? '',
    legalBasis: legalBasisCell(g.legalBasis),
    audience: textCell(g.audience),
    conditions: g.conditions.map(textCell).join('\n'),
    process: g.process.map(textCell).join('\n'),
    result: textCell(g.result),
    exerciseLevel: codeCell('exerciseLevel', g.exerciseLevel),
    powerSource: codeCell('powerSource', g.powerSource),
    powerSourceNote: optCell(g.powerSourceNote),
    implementingBody: optCell(g.implementingBody),
    legalLimitUnit: codeCell('limitUnit', g.legalLimitUnit),
    legalLimitNote: optCell(g.legalLimitNote),
    promisedLimitUnit: codeCell('limitUnit', g.promisedLimitUnit),
    promisedLimitNote: optCell(g.promisedLimitNote),
    onlineUrl: g.onlineUrl ?? '',
    visitReason: optCell(g.visitReason),
    resultType: codeCell('resultType', g.resultType),
    resultSampleUrl: g.resultSampleUrl ?? '',
    crossRegion: codeCell('crossRegion', g.crossRegion),
    consultAddress: optCell(g.consultAddress),
    consultUrl: g.consultUrl ?? '',
    complaintAddress: optCell(g.complaintAddress),
    complaintUrl: g.complaintUrl ?? '',
    feeWaivers: feeWaiversCell(g.feeWaivers),
    intermediaryServices: intermediariesCell(g.intermediaryServices),
    specialProcedures: specialProceduresCell(g.specialProcedures),
    faq: faqCell(g.faq),
  };
  if (csv) {
    row.materials = JSON.stringify(c.materials);
    row.fields = JSON.stringify(c.form.fields);
  }
  return row;
}

export function materialRows(code: string, materials: MaterialSpec[]): SheetRow[] {
  return materials.map((m) => ({
    code,
    materialCode: m.code,
    name: textCell(m.name),
    required: m.required ? '是' : '否',
    description: textCell(m.description),
    accept: m.accept.join(','),
    maxMb: Math.max(1, Math.round(m.maxBytes / (1024 * 1024))),
    source: codeCell('materialSource', m.source),
    licenceTypeCode: m.licenceTypeCode ?? '',
    registry: codeCell('registry', m.registry),
    form: codeCell('materialForm', m.form),
    copies: m.copies ?? '',
    medium: codeCell('materialMedium', m.medium),
    blankFormUrl: m.blankFormUrl ?? '',
    sampleUrl: m.sampleUrl ?? '',
  }));
}

export function fieldRows(code: string, fields: FormField[]): SheetRow[] {
  return fields.map((f) => ({
    code,
    name: f.name,
    label: textCell(f.label),
    type: f.type,
    required: f.required ? '是' : '否',
    maxLength: f.maxLength ?? '',
    min: f.min ?? '',
    max: f.max ?? '',
    pattern: f.pattern ?? '',
    options: (f.options ?? []).map((o) => `${o.value}:${textCell(o.label)}`).join(';'),
    help: f.help ? textCell(f.help) : '',
    prefill: f.prefill ? prefillLabels[f.prefill] : '',
    minCount: f.minCount ?? '',
    maxCount: f.maxCount ?? '',
    minRows: f.minRows ?? '',
    maxRows: f.maxRows ?? '',
    columns: f.columns ? JSON.stringify(f.columns) : '',
    visibleWhen: f.visibleWhen ? JSON.stringify(f.visibleWhen) : '',
    requiredWhen: f.requiredWhen ? JSON.stringify(f.requiredWhen) : '',
  }));
}

export type { FieldIssue };
