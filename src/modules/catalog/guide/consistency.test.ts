import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoItems } from '../../../server/demo/catalog.js';
import { checkConsistency, comparePromisedToLegal, consistencyRules, type CatalogueEntry, type ConsistencyRule } from './consistency.js';
import type { GuideData, MaterialSpec } from './types.js';
import type { FlowStep, FlowTask } from '../flow/types.js';

/** Each rule of the checker with an entry that breaks it and one that keeps it (docs/catalogue.md lists the sources). */
const t = (zh: string, en = zh) => ({ zh, en });

const material = (over: Partial<MaterialSpec> = {}): MaterialSpec => ({
  code: 'M01',
  name: t('身份证明', 'Identity document'),
  required: true,
  description: t('扫描件', 'Scan'),
  accept: ['pdf'],
  maxBytes: 1024,
  source: 'applicant',
  form: 'electronic',
  medium: 'electronic',
  ...over,
});

const guide = (over: Partial<GuideData> = {}): GuideData => ({
  legalBasis: [{ name: t('《中华人民共和国行政许可法》', 'Administrative Licensing Law'), article: t('第四十二条', 'Art. 42'), text: t('条文', 'Text') }],
  audience: t('对象'),
  conditions: [],
  process: [t('申请')],
  caseKind: 'promised',
  place: t('窗口'),
  hours: t('工作日'),
  contactPhone: '0931-1234567',
  complaintPhone: '12345',
  visits: 0,
  fees: [],
  result: t('批复'),
  exerciseLevel: '3',
  powerSource: 'statutory',
  legalLimitUnit: 'working_days',
  promisedLimitUnit: 'working_days',
  onlineUrl: 'https://zwfw.example.gov.cn/item',
  resultType: 'approval',
  crossRegion: 'none',
  ...over,
});

const entry = (over: Partial<CatalogueEntry> = {}, g: Partial<GuideData> = {}): CatalogueEntry => ({
  itemType: '01',
  legalLimitDays: 20,
  promisedLimitDays: 10,
  onlineDepth: [1, 2, 3, 4],
  licenceTypeCode: null,
  materials: [material()],
  ...over,
  guide: guide(g),
});

const rules = (e: CatalogueEntry) => checkConsistency(e).map((p) => `${p.severity} ${p.rule} ${p.path}`);
/** The department tree's codes the flow rules check against. */
const departmentCodes = new Set(['SCJG', 'WJ']);
const fires = (e: CatalogueEntry, rule: ConsistencyRule) => checkConsistency(e, { departmentCodes }).filter((p) => p.rule === rule);
const task = (over: Partial<FlowTask> = {}): FlowTask => ({ department: null, role: 'approver', name: t('审批', 'Approval'), mode: 'single', ...over });
const group = (...tasks: FlowTask[]): FlowStep => ({ parallel: { name: t('并联审批', 'Parallel approval'), tasks } });

describe('the catalogue consistency checker (GB/T 39554 and the provincial checkers)', () => {
  it('finds nothing in a complete, consistent entry', () => {
    expect(rules(entry())).toEqual([]);
  });

  const cases: [ConsistencyRule, CatalogueEntry, CatalogueEntry][] = [
    ['IMMEDIATE_ZERO_DAYS', entry({ promisedLimitDays: 1 }, { caseKind: 'immediate' }), entry({ promisedLimitDays: 0 }, { caseKind: 'immediate' })],
    ['IMMEDIATE_ZERO_DAYS', entry({ promisedLimitDays: 0 }), entry({ promisedLimitDays: 1 })],
    ['PROMISED_OVER_LEGAL', entry({ legalLimitDays: 5, promisedLimitDays: 6 }), entry({ legalLimitDays: 6, promisedLimitDays: 6 })],
    // 10 calendar days is not over 5 working days for certain; 6 working days is more than 5 calendar days for certain.
    ['PROMISED_OVER_LEGAL', entry({ legalLimitDays: 5, promisedLimitDays: 6 }, { legalLimitUnit: 'natural_days' }), entry({ legalLimitDays: 5, promisedLimitDays: 5 }, { promisedLimitUnit: 'natural_days' })],
    ['LIMIT_UNITS_MIXED', entry({ legalLimitDays: 7, promisedLimitDays: 5 }, { legalLimitUnit: 'natural_days' }), entry({ legalLimitDays: 7, promisedLimitDays: 5 }, { legalLimitUnit: 'natural_days', promisedLimitUnit: 'natural_days' })],
    ['PROMISED_UNIT_CLOCK', entry({ legalLimitDays: 2, promisedLimitDays: 24 }, { promisedLimitUnit: 'hours' }), entry({ legalLimitDays: 2, promisedLimitDays: 2 })],
    ['FULLY_ONLINE_VISITS', entry({ onlineDepth: [1, 2, 3, 4, 5, 6, 7], licenceTypeCode: 'X' }, { visits: 1, visitReason: t('核验原件') }), entry({ onlineDepth: [1, 2, 3, 4, 5, 6, 7], licenceTypeCode: 'X' }, { visits: 0 })],
    ['VISIT_REASON_MISSING', entry({}, { visits: 1 }), entry({}, { visits: 1, visitReason: t('须现场核验身份证原件', 'ID originals are checked in person') })],
    ['ONLINE_URL_MISSING', entry({}, { onlineUrl: undefined }), entry({ onlineDepth: [1] }, { onlineUrl: undefined })],
    ['DEPTH_WITHOUT_RECEIVING', entry({ onlineDepth: [1, 3] }), entry({ onlineDepth: [1, 2, 3] })],
    ['E_CERT_STAGE_WITHOUT_LICENCE', entry({ onlineDepth: [1, 2, 3, 4, 5, 6, 7] }), entry({ onlineDepth: [1, 2, 3, 4, 5, 6, 7], licenceTypeCode: '11100000000013338W011' }, { resultType: 'licence' })],
    ['CROSS_REGION_NOT_ONLINE', entry({ onlineDepth: [1] }, { crossRegion: 'inter_provincial', onlineUrl: undefined }), entry({}, { crossRegion: 'inter_provincial' })],
    ['MATERIAL_SOURCE_MISSING', entry({ materials: [material({ source: undefined })] }), entry()],
    ['MATERIAL_LICENCE_TYPE_MISSING', entry({ materials: [material({ source: 'licence' })] }), entry({ materials: [material({ source: 'licence', licenceTypeCode: '11100000000019200N001' })] })],
    ['MATERIAL_REGISTRY_MISSING', entry({ materials: [material({ source: 'registry' })] }), entry({ materials: [material({ source: 'registry', registry: 'population' })] })],
    ['MATERIAL_FORMATS_MISSING', entry({ materials: [material({ accept: [] })] }), entry({ materials: [material({ accept: [], source: 'registry', registry: 'entity' })] })],
    // The 免证办 honesty rule: a guide may not promise 免提交 for a material the applicant must still upload.
    ['MATERIAL_EXEMPT_CLAIM', entry({ materials: [material({ description: t('已实名认证的可免交（免证办）') })] }), entry({ materials: [material({ description: t('由系统调取，免提交'), source: 'licence', licenceTypeCode: '11100000000019200N001' })] })],
    ['MATERIAL_EXEMPT_CLAIM', entry({ materials: [material({ description: t('扫描件', 'No need to upload it once verified') })] }), entry()],
    ['MATERIAL_FORM_MEDIUM', entry({ materials: [material({ form: 'electronic', medium: 'paper', copies: 1 })] }), entry({ materials: [material({ form: 'copy', medium: 'paper', copies: 1 })] })],
    ['MATERIAL_COPIES_MISSING', entry({ materials: [material({ form: 'copy', medium: 'both' })] }), entry({ materials: [material({ form: 'copy', medium: 'both', copies: 2 })] })],
    ['FEE_NAME_MISSING', entry({}, { fees: [{ name: t(''), amountFen: 100, basis: t('依据') }] }), entry({}, { fees: [{ name: t('工本费'), amountFen: 100, basis: t('依据') }] })],
    ['FEE_BASIS_MISSING', entry({}, { fees: [{ name: t('工本费'), amountFen: 2000 }] }), entry({}, { fees: [{ name: t('工本费'), amountFen: 2000, basis: t('价格主管部门核定') }] })],
    ['FEE_ZERO_WITH_BASIS', entry({}, { fees: [{ name: t('工本费'), amountFen: 0, basis: t('依据') }] }), entry({}, { fees: [{ name: t('工本费'), amountFen: 0 }] })],
    ['WAIVER_WITHOUT_FEE', entry({}, { feeWaivers: [{ description: t('首次申领免费') }] }), entry({}, { fees: [{ name: t('工本费'), amountFen: 2000, basis: t('依据') }], feeWaivers: [{ description: t('首次申领免费') }] })],
    ['RESULT_LICENCE_TYPE_MISSING', entry({}, { resultType: 'licence' }), entry({ licenceTypeCode: '11100000000013338W011' }, { resultType: 'licence' })],
    ['RESULT_TYPE_NOT_LICENCE', entry({ licenceTypeCode: '11100000000013338W011' }, { resultType: 'approval' }), entry({ licenceTypeCode: '11100000000013338W011' }, { resultType: 'licence' })],
    ['INTERMEDIARY_BASIS_MISSING', entry({}, { intermediaryServices: [{ name: t('环境影响评价'), required: true }] }), entry({}, { intermediaryServices: [{ name: t('环境影响评价'), required: true, basis: t('《环境影响评价法》第十六条') }, { name: t('代办'), required: false }] })],
    ['SPECIAL_PROCEDURE_LIMIT', entry({}, { specialProcedures: [{ kind: 'hearing', name: t('听证') }] }), entry({}, { specialProcedures: [{ kind: 'hearing', name: t('听证'), limit: 20 }] })],
    ['FAQ_ANSWER_EMPTY', entry({}, { faq: [{ question: t('要多久？'), answer: t(' ') }] }), entry({}, { faq: [{ question: t('要多久？'), answer: t('10 个工作日') }] })],
    ['LEGAL_BASIS_ARTICLE', entry({}, { legalBasis: [t('《婚姻登记条例》')] }), entry()],
    ['POWER_SOURCE_NOTE', entry({}, { powerSource: 'delegated' }), entry({}, { powerSource: 'delegated', powerSourceNote: t('《甘肃省人民政府关于下放行政许可事项的决定》') })],
    ['GUIDE_ELEMENT_MISSING', entry({}, { exerciseLevel: undefined }), entry()],
    // 权力来源 belongs to administrative powers: a public service (20) is not asked for one.
    ['GUIDE_ELEMENT_MISSING', entry({}, { powerSource: undefined }), entry({ itemType: '20' }, { powerSource: undefined })],
    // The approval flow (并联审批, 会签).
    ['FLOW_GROUP_EMPTY', entry({ flow: [group()] }), entry({ flow: [group(task(), task({ department: 'WJ' }))] })],
    ['FLOW_COUNTERSIGN_TOO_FEW', entry({ flow: [{ task: task({ mode: 'countersign', count: 1 }) }] }), entry({ flow: [{ task: task({ mode: 'countersign', count: 2 }) }] })],
    ['FLOW_DEPARTMENT_REPEATED', entry({ flow: [group(task({ department: 'WJ' }), task({ department: 'WJ' }))] }), entry({ flow: [{ task: task({ department: 'WJ' }) }, { task: task({ department: 'WJ' }) }] })],
    ['FLOW_DEPARTMENT_UNKNOWN', entry({ flow: [{ task: task({ department: 'NOPE' }) }] }), entry({ flow: [{ task: task({ department: 'SCJG' }) }] })],
  ];

  it.each(cases)('%s: the breaking entry is reported, the keeping one is not', (rule, breaking, keeping) => {
    const found = fires(breaking, rule);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((p) => p.severity === consistencyRules[rule] || rule === 'MATERIAL_FORMATS_MISSING')).toBe(true);
    expect(fires(keeping, rule)).toEqual([]);
  });

  it('covers every rule it has with a breaking and a keeping entry', () => {
    expect(new Set(cases.map(([r]) => r))).toEqual(new Set(Object.keys(consistencyRules)));
  });

  it('says where and what: the path of the element and the parameters of the message', () => {
    const e = entry({ materials: [material(), material({ code: 'M02', source: 'licence' })] }, { visits: 2 });
    expect(checkConsistency(e)).toEqual([
      { rule: 'VISIT_REASON_MISSING', severity: 'error', path: 'guide.visitReason', params: { visits: 2 } },
      { rule: 'MATERIAL_LICENCE_TYPE_MISSING', severity: 'error', path: 'materials.1.licenceTypeCode', params: { code: 'M02' } },
    ]);
  });

  it('an optional uploaded material without formats is a warning, a required one an error', () => {
    expect(rules(entry({ materials: [material({ accept: [], required: false })] }))).toEqual(['warning MATERIAL_FORMATS_MISSING materials.0.accept']);
    expect(rules(entry({ materials: [material({ accept: [] })] }))).toEqual(['error MATERIAL_FORMATS_MISSING materials.0.accept']);
  });

  it('compares limits across units only where the answer is certain', () => {
    expect(comparePromisedToLegal(24, 'hours', 1, 'working_days')).toBe('within');
    expect(comparePromisedToLegal(25, 'hours', 1, 'natural_days')).toBe('over');
    expect(comparePromisedToLegal(20, 'natural_days', 1, 'months')).toBe('within');
    expect(comparePromisedToLegal(30, 'natural_days', 1, 'months')).toBe('undecidable');
    expect(comparePromisedToLegal(5, 'working_days', 10, 'natural_days')).toBe('undecidable');
    expect(comparePromisedToLegal(0, 'working_days', 1, 'natural_days')).toBe('within');
  });

  it('reads a guide stored before the new elements: gaps are warnings, nothing is an error', () => {
    const legacy = entry({ materials: [material({ source: 'applicant' })] });
    const g = legacy.guide;
    const old: GuideData = { legalBasis: [t('《测试条例》第三条')], audience: g.audience, conditions: [], process: g.process, caseKind: 'promised', place: g.place, hours: g.hours, contactPhone: g.contactPhone, complaintPhone: g.complaintPhone, visits: 0, fees: [], result: g.result };
    const problems = checkConsistency({ ...legacy, onlineDepth: [1], guide: old });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems.map((p) => p.params.element).filter(Boolean)).toEqual(['exerciseLevel', 'powerSource', 'legalLimitUnit', 'promisedLimitUnit', 'resultType', 'crossRegion']);
  });

  it('finds no error in any demo item', () => {
    const errors = demoItems.flatMap((it) => checkConsistency(it).filter((p) => p.severity === 'error').map((p) => `${it.code} ${p.rule} ${p.path}`));
    expect(errors).toEqual([]);
  });

  it('links every demo blank form, sample and result sample to a file the web app ships', () => {
    const links = demoItems.flatMap((it) => [it.guide.resultSampleUrl, ...it.materials.flatMap((m) => [m.blankFormUrl, m.sampleUrl])]).filter((u): u is string => !!u);
    expect(links.length).toBeGreaterThan(4);
    expect(links.filter((u) => !existsSync(path.join('web/public', u)))).toEqual([]);
  });
});
