import { flowProblems } from '../flow/check.js';
import type { FlowStep } from '../flow/types.js';
import { isFetchedByPlatform, type GuideData, type LimitUnit, type MaterialSpec } from './types.js';

/**
 * The consistency checker of a catalogue entry (事项要素一致性校验): the rules GB/T 39554 and the
 * provincial catalogue checkers apply between the elements of one item. A pure function: the same
 * entry gives the same problems, whether it is being published (`createServiceItem` refuses on an
 * error), waiting in review (the publishing flow refuses while an error remains) or already stored
 * (the consistency report, GET /api/catalog/consistency).
 *
 * Errors are contradictions: the guide would tell the applicant something the platform does not do.
 * Warnings are gaps or oddities a catalogue admin should look at; they never refuse.
 *
 * Each problem's `rule` is a field-message code (src/lib/i18n/consistencyMessages.ts, zh-CN and en),
 * `path` the element it is about (as in a validation refusal), `params` fill the message.
 * docs/catalogue.md lists every rule with its source.
 */

/** What the checker reads: the fields `newServiceItemSchema` produces (and a stored item has). */
export type CatalogueEntry = {
  itemType: string;
  legalLimitDays: number;
  promisedLimitDays: number;
  onlineDepth: number[];
  licenceTypeCode: string | null;
  guide: GuideData;
  materials: MaterialSpec[];
  /** The approval flow (none: the single approval step by the implementing department). */
  flow?: FlowStep[] | undefined;
};

export type ConsistencySeverity = 'error' | 'warning';

export const consistencyRules = {
  IMMEDIATE_ZERO_DAYS: 'error',
  PROMISED_OVER_LEGAL: 'error',
  LIMIT_UNITS_MIXED: 'error',
  PROMISED_UNIT_CLOCK: 'warning',
  FULLY_ONLINE_VISITS: 'error',
  VISIT_REASON_MISSING: 'error',
  ONLINE_URL_MISSING: 'error',
  DEPTH_WITHOUT_RECEIVING: 'error',
  E_CERT_STAGE_WITHOUT_LICENCE: 'error',
  CROSS_REGION_NOT_ONLINE: 'error',
  MATERIAL_SOURCE_MISSING: 'error',
  MATERIAL_LICENCE_TYPE_MISSING: 'error',
  MATERIAL_REGISTRY_MISSING: 'error',
  MATERIAL_FORMATS_MISSING: 'error',
  MATERIAL_EXEMPT_CLAIM: 'error',
  MATERIAL_FORM_MEDIUM: 'error',
  MATERIAL_COPIES_MISSING: 'error',
  FEE_NAME_MISSING: 'error',
  FEE_BASIS_MISSING: 'error',
  FEE_ZERO_WITH_BASIS: 'warning',
  WAIVER_WITHOUT_FEE: 'warning',
  RESULT_LICENCE_TYPE_MISSING: 'error',
  RESULT_TYPE_NOT_LICENCE: 'warning',
  INTERMEDIARY_BASIS_MISSING: 'error',
  SPECIAL_PROCEDURE_LIMIT: 'error',
  FAQ_ANSWER_EMPTY: 'error',
  LEGAL_BASIS_ARTICLE: 'warning',
  POWER_SOURCE_NOTE: 'warning',
  GUIDE_ELEMENT_MISSING: 'warning',
  FLOW_GROUP_EMPTY: 'error',
  FLOW_COUNTERSIGN_TOO_FEW: 'error',
  FLOW_DEPARTMENT_REPEATED: 'error',
  FLOW_DEPARTMENT_UNKNOWN: 'error',
} as const satisfies Record<string, ConsistencySeverity>;

export type ConsistencyRule = keyof typeof consistencyRules;

export type ConsistencyProblem = {
  rule: ConsistencyRule;
  severity: ConsistencySeverity;
  path: string;
  params: Record<string, string | number>;
};

/** Online depth stages (网上办理深度): 1 咨询 2 收件 3 预审 4 受理 5 办理 6 结果反馈 7 电子证照反馈 (8 其他). */
const RECEIVE = 2;
const E_CERT = 7;
/** Level Ⅳ (全程网办) of the provincial grading: every stage from consultation to the e-certificate online. */
const FULLY_ONLINE = [1, 2, 3, 4, 5, 6, 7];

const blank = (t: { zh: string; en: string } | undefined) => !t || !t.zh.trim() || !t.en.trim();

/**
 * A material whose guide text promises the applicant need not hand it in (免证办 / 免提交 / 免交).
 * Only a material the platform reads itself may say so.
 */
const EXEMPT_ZH = /免证办|免提交|免交|免于提交|无需提交|无须提交|不需提交|不用提交|无需上传|无须上传/;
const EXEMPT_EN = /\b(no need to (upload|submit|provide))\b|\bneed not be (uploaded|submitted)\b|\bexempt\b/i;

/**
 * Whether a promised limit fits the statutory one when their units may differ. Same unit: compare.
 * Otherwise compare in clock hours, the statutory limit at its shortest and the promised one at its
 * longest (N working days last at least N calendar days; a month at least 28 days): if even so it
 * fits, it fits; if the promise at its shortest is longer than the statute at its longest, it is
 * over; anything in between cannot be decided without a calendar, and mixed units are refused.
 */
export function comparePromisedToLegal(promised: number, pUnit: LimitUnit, legal: number, lUnit: LimitUnit): 'within' | 'over' | 'undecidable' {
  if (pUnit === lUnit) return promised <= legal ? 'within' : 'over';
  if (promised === 0) return 'within';
  const minHours: Record<LimitUnit, number> = { working_days: 24, natural_days: 24, hours: 1, months: 28 * 24 };
  const maxHours: Record<LimitUnit, number> = { working_days: Infinity, natural_days: 24, hours: 1, months: 31 * 24 };
  if (promised * maxHours[pUnit] <= legal * minHours[lUnit]) return 'within';
  if (promised * minHours[pUnit] > legal * maxHours[lUnit]) return 'over';
  return 'undecidable';
}

/**
 * What the checker may know beyond the entry: the department tree's codes, to check the flow's
 * departments (without them that rule is not applied — a stored entry's report, a pure check).
 */
export type ConsistencyContext = { departmentCodes?: ReadonlySet<string> };

export function checkConsistency(entry: CatalogueEntry, known: ConsistencyContext = {}): ConsistencyProblem[] {
  const out: ConsistencyProblem[] = [];
  const add = (rule: ConsistencyRule, path: string, params: Record<string, string | number> = {}) => out.push({ rule, severity: consistencyRules[rule], path, params });
  const g = entry.guide;
  const depth = new Set(entry.onlineDepth);

  // Elements GB/T 39554 lists that a guide stored before they existed may lack (a gap, not a contradiction).
  const missing: [keyof GuideData, boolean][] = [
    ['exerciseLevel', !g.exerciseLevel],
    // 权力来源 is an element of administrative powers (types 01–10), not of public services (20).
    ['powerSource', !g.powerSource && entry.itemType !== '20' && entry.itemType !== '99'],
    ['legalLimitUnit', !g.legalLimitUnit],
    ['promisedLimitUnit', !g.promisedLimitUnit],
    ['resultType', !g.resultType],
    ['crossRegion', !g.crossRegion],
  ];
  for (const [element, absent] of missing) if (absent) add('GUIDE_ELEMENT_MISSING', `guide.${element}`, { element });

  // GB/T 39554 办件类型 and the provincial checkers: 即办件 ⇔ promised "immediately" (0).
  if ((g.caseKind === 'immediate') !== (entry.promisedLimitDays === 0)) add('IMMEDIATE_ZERO_DAYS', 'promisedLimitDays');

  // Provincial checkers: promised limit ≤ statutory limit, compared in one unit.
  const pUnit = g.promisedLimitUnit ?? 'working_days';
  const lUnit = g.legalLimitUnit ?? 'working_days';
  const fit = comparePromisedToLegal(entry.promisedLimitDays, pUnit, entry.legalLimitDays, lUnit);
  if (fit === 'over') add('PROMISED_OVER_LEGAL', 'promisedLimitDays');
  if (fit === 'undecidable') add('LIMIT_UNITS_MIXED', 'guide.promisedLimitUnit', { promisedUnit: pUnit, legalUnit: lUnit });
  // The case clock (lib/calendar, cases' due dates) counts the promised limit in working days.
  if (pUnit !== 'working_days' && entry.promisedLimitDays > 0) add('PROMISED_UNIT_CLOCK', 'guide.promisedLimitUnit', { unit: pUnit });

  // Provincial checkers: level Ⅳ (fully online) ⇒ 0 visits; visits > 0 ⇒ a reason (必须现场办理原因).
  if (FULLY_ONLINE.every((s) => depth.has(s)) && g.visits > 0) add('FULLY_ONLINE_VISITS', 'guide.visits', { visits: g.visits });
  if (g.visits > 0 && blank(g.visitReason)) add('VISIT_REASON_MISSING', 'guide.visitReason', { visits: g.visits });

  // GB/T 39554 网上办理地址: an item received online says where.
  if (depth.has(RECEIVE) && !g.onlineUrl) add('ONLINE_URL_MISSING', 'guide.onlineUrl');
  // Pre-review, acceptance, handling and results online all start from receiving online.
  const later = [...depth].filter((s) => s > RECEIVE && s <= E_CERT).sort((a, b) => a - b);
  if (later.length && !depth.has(RECEIVE)) add('DEPTH_WITHOUT_RECEIVING', 'onlineDepth', { stage: later[0]! });
  // Stage 7 is "result as an e-certificate": the item must end in a licence type.
  if (depth.has(E_CERT) && !entry.licenceTypeCode) add('E_CERT_STAGE_WITHOUT_LICENCE', 'onlineDepth');
  // 通办范围 (跨域通办) is delivered by applying online from elsewhere.
  if (g.crossRegion && g.crossRegion !== 'none' && !depth.has(RECEIVE)) add('CROSS_REGION_NOT_ONLINE', 'guide.crossRegion', { scope: g.crossRegion });

  // GB/T 39554 申请材料: necessity, source channel, form, copies; the 免证办 honesty rules.
  entry.materials.forEach((m, i) => {
    const at = (field: string) => `materials.${i}.${field}`;
    const code = m.code;
    const fetched = isFetchedByPlatform(m);
    if (!m.source) add('MATERIAL_SOURCE_MISSING', at('source'), { code });
    if (m.source === 'licence' && !m.licenceTypeCode) add('MATERIAL_LICENCE_TYPE_MISSING', at('licenceTypeCode'), { code });
    if (m.source === 'registry' && !m.registry) add('MATERIAL_REGISTRY_MISSING', at('registry'), { code });
    if (!fetched && m.accept.length === 0) out.push({ rule: 'MATERIAL_FORMATS_MISSING', severity: m.required ? 'error' : 'warning', path: at('accept'), params: { code } });
    // The guide may promise 免提交 only where the platform does fetch it (and the upload is then not asked for).
    if (!fetched && (EXEMPT_ZH.test(`${m.name.zh}${m.description.zh}`) || EXEMPT_EN.test(`${m.name.en} ${m.description.en}`))) add('MATERIAL_EXEMPT_CLAIM', at('description'), { code });
    if (m.form === 'electronic' && m.medium === 'paper') add('MATERIAL_FORM_MEDIUM', at('medium'), { code });
    if (!fetched && (m.medium === 'paper' || m.medium === 'both') && !m.copies) add('MATERIAL_COPIES_MISSING', at('copies'), { code });
  });

  // Provincial checkers: a fee ⇒ its items and basis (收费项目、收费依据); a zero fee is no fee.
  const charged = g.fees.filter((f) => f.amountFen > 0);
  g.fees.forEach((f, i) => {
    if (blank(f.name)) add('FEE_NAME_MISSING', `guide.fees.${i}.name`);
    if (f.amountFen > 0 && blank(f.basis)) add('FEE_BASIS_MISSING', `guide.fees.${i}.basis`);
    if (f.amountFen === 0 && !blank(f.basis)) add('FEE_ZERO_WITH_BASIS', `guide.fees.${i}.amountFen`);
  });
  if (g.feeWaivers?.length && charged.length === 0) add('WAIVER_WITHOUT_FEE', 'guide.feeWaivers');

  // GB/T 39554 办理结果: a result of type 证照 names its licence type; an item issuing one says so.
  if (g.resultType === 'licence' && !entry.licenceTypeCode) add('RESULT_LICENCE_TYPE_MISSING', 'licenceTypeCode');
  if (g.resultType && g.resultType !== 'licence' && entry.licenceTypeCode) add('RESULT_TYPE_NOT_LICENCE', 'guide.resultType');

  // 国办发〔2015〕31号 (清理规范行政审批中介服务): an intermediary service an applicant must use needs a legal basis.
  g.intermediaryServices?.forEach((s, i) => {
    if (s.required && blank(s.basis)) add('INTERMEDIARY_BASIS_MISSING', `guide.intermediaryServices.${i}.basis`);
  });
  // GB/T 39554 特别程序: each has its own limit, not counted in the item's limit.
  g.specialProcedures?.forEach((p, i) => {
    if (p.limit === undefined) add('SPECIAL_PROCEDURE_LIMIT', `guide.specialProcedures.${i}.limit`);
  });
  g.faq?.forEach((f, i) => {
    if (blank(f.question) || blank(f.answer)) add('FAQ_ANSWER_EMPTY', `guide.faq.${i}.answer`);
  });

  // GB/T 39554 设定依据: the law's name, article number and text.
  g.legalBasis.forEach((b, i) => {
    if (!('name' in b) || blank(b.article)) add('LEGAL_BASIS_ARTICLE', `guide.legalBasis.${i}.article`);
  });
  // A power not exercised as the body's own (下放, 授权, 委托) names the act that passed it on.
  if (g.powerSource && g.powerSource !== 'statutory' && blank(g.powerSourceNote)) add('POWER_SOURCE_NOTE', 'guide.powerSourceNote', { source: g.powerSource });

  // The approval flow (审批流程): groups with tasks, 会签 of two or more, departments that exist, once per step.
  for (const p of flowProblems(entry.flow, known.departmentCodes)) add(p.rule, p.path, p.params);

  return out;
}

export const hasErrors = (problems: ConsistencyProblem[]) => problems.some((p) => p.severity === 'error');
