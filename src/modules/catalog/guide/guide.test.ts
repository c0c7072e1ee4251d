import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../lib/errors.js';
import { Client, createTestApp, samplePdf, type TestContext } from '../../../test/app.js';
import { basicItemContent, createDepartment, createItem, createPerson, signedInStaff, signIn, type TestDepartment } from '../../../test/factories.js';
import { serviceItems } from '../tables.js';
import type { GuideData, MaterialSpec } from './types.js';

/**
 * The full guide (GB/T 39554 elements) over HTTP, 免证办 end to end, and the consistency report's
 * authorization and contents.
 */
let ctx: TestContext;
let deptA: TestDepartment;
let branchA: TestDepartment;
let deptB: TestDepartment;
const t = (zh: string, en: string) => ({ zh, en });

/** The ID card read from the e-certificate library (免提交) and a lease the applicant uploads. */
const fetchedId: MaterialSpec = {
  code: 'M01',
  name: t('居民身份证', 'Resident ID card'),
  required: true,
  description: t('由系统从电子证照库调取，免提交。', 'Read from the e-certificate library: nothing to upload.'),
  accept: ['pdf'],
  maxBytes: 1 << 20,
  source: 'licence',
  licenceTypeCode: '11100000000019200N001',
  form: 'electronic',
  medium: 'electronic',
};
const lease: MaterialSpec = {
  code: 'M02',
  name: t('租赁合同', 'Lease'),
  required: true,
  description: t('扫描件', 'Scan'),
  accept: ['pdf'],
  maxBytes: 1 << 20,
  source: 'applicant',
  form: 'copy',
  medium: 'both',
  copies: 2,
  blankFormUrl: '/guide-files/lease-blank.html',
  sampleUrl: 'https://zwfw.example.gov.cn/files/lease-sample.pdf',
};

beforeAll(async () => {
  ctx = await createTestApp();
  const { db } = ctx.database;
  deptA = await createDepartment(db);
  branchA = await createDepartment(db, { parentId: deptA.id, regionCode: '620102' });
  deptB = await createDepartment(db);
});
afterAll(() => ctx.close());

async function refusal(p: Promise<unknown>): Promise<string[]> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return (e as DomainError).fieldIssues.map((i) => `${i.path}: ${i.code}`);
}

describe('the guide of an item, every GB/T 39554 element', () => {
  it('shows the new elements in the reader’s language: level, power source, article, units, online address, materials’ source, form, copies and files, special procedures, scope, channels, FAQ', async () => {
    const full: Partial<GuideData> = {
      legalBasis: [{ name: t('《中华人民共和国行政许可法》', 'Administrative Licensing Law'), article: t('第四十二条', 'Art. 42'), text: t('应当自受理之日起二十日内作出决定', 'Decision within twenty days of intake') }],
      exerciseLevel: '4',
      powerSource: 'entrusted_superior',
      powerSourceNote: t('市局委托', 'Entrusted by the city bureau'),
      implementingBody: t('城关分局', 'Chengguan branch'),
      legalLimitUnit: 'working_days',
      legalLimitNote: t('可延长十日', 'May be extended by ten days'),
      promisedLimitUnit: 'working_days',
      onlineUrl: 'https://zwfw.example.gov.cn/items/x',
      visits: 1,
      visitReason: t('须核验原件', 'Originals are checked'),
      fees: [{ name: t('工本费', 'Card fee'), amountFen: 2000, basis: t('省价格主管部门核定', 'Set by the provincial price authority') }],
      feeWaivers: [{ description: t('首次申领免费', 'First issue free') }],
      resultType: 'approval',
      resultSampleUrl: '/guide-files/result-sample.html',
      intermediaryServices: [{ name: t('测绘', 'Surveying'), required: true, basis: t('《测绘法》', 'Surveying Law') }],
      specialProcedures: [{ kind: 'expert_review', name: t('专家评审', 'Expert review'), limit: 10, unit: 'working_days' }],
      crossRegion: 'provincial',
      consultAddress: t('一楼咨询台', 'Ground-floor desk'),
      complaintUrl: 'https://12345.example.gov.cn',
      faq: [{ question: t('要多久？', 'How long?'), answer: t('五个工作日', 'Five working days') }],
    };
    const base = await createItem(ctx.database.db, deptA.id, { itemType: '01', materials: [fetchedId, lease] });
    const [row] = await ctx.database.db.select().from(serviceItems).where(eq(serviceItems.id, base.id));
    const item = await createItem(ctx.database.db, deptA.id, { itemType: '01', guide: { ...row!.guide, ...full }, materials: [fetchedId, lease] });

    const reader = new Client(ctx.app);
    const zh = (await reader.get(`/api/catalog/items/${item.id}`)).json();
    expect(zh.guide).toMatchObject({
      legalBasis: [{ name: '《中华人民共和国行政许可法》', article: '第四十二条', text: '应当自受理之日起二十日内作出决定' }],
      exerciseLevel: { code: '4', label: '县级' },
      powerSource: { code: 'entrusted_superior', label: '上级委托' },
      implementingBody: '城关分局',
      legalLimitUnit: { code: 'working_days', label: '工作日' },
      legalLimitNote: '可延长十日',
      onlineUrl: 'https://zwfw.example.gov.cn/items/x',
      visitReason: '须核验原件',
      fees: [{ name: '工本费', amountFen: 2000, basis: '省价格主管部门核定' }],
      feeWaivers: [{ description: '首次申领免费', basis: null }],
      resultType: { code: 'approval', label: '批文' },
      resultSampleUrl: '/guide-files/result-sample.html',
      intermediaryServices: [{ name: '测绘', required: true }],
      specialProcedures: [{ kind: { code: 'expert_review', label: '专家评审' }, limit: 10, unit: { label: '工作日' } }],
      crossRegion: { code: 'provincial', label: '省内通办' },
      consultAddress: '一楼咨询台',
      complaintUrl: 'https://12345.example.gov.cn',
      faq: [{ question: '要多久？', answer: '五个工作日' }],
    });
    expect(zh.materials).toMatchObject([
      { code: 'M01', source: { code: 'licence', label: '电子证照库' }, fetched: true, licenceTypeCode: '11100000000019200N001' },
      { code: 'M02', source: { label: '申请人自备' }, fetched: false, form: { label: '复印件' }, copies: 2, medium: { label: '纸质或电子' }, blankFormUrl: '/guide-files/lease-blank.html', sampleUrl: 'https://zwfw.example.gov.cn/files/lease-sample.pdf' },
    ]);
    reader.lang = 'en';
    const en = (await reader.get(`/api/catalog/items/${item.id}`)).json();
    expect(en.guide).toMatchObject({ exerciseLevel: { label: 'County' }, crossRegion: { label: 'Anywhere in the province' }, faq: [{ question: 'How long?' }], legalBasis: [{ article: 'Art. 42' }] });
    expect(en.materials[0].source.label).toBe('E-certificate library');
  });

  it('keeps a guide stored before the new elements readable, with honest defaults', async () => {
    const item = await createItem(ctx.database.db, deptA.id);
    const old = { legalBasis: [t('《测试条例》第三条', 'Test regulation, art. 3')], audience: t('对象', 'Who'), conditions: [], process: [t('申请', 'Apply')], caseKind: 'promised', place: t('窗口', 'Window'), hours: t('工作日', 'Weekdays'), contactPhone: '12345', complaintPhone: '12345', visits: 0, fees: [{ name: t('费', 'Fee'), amountFen: 0, basis: t('依据', 'Basis') }], result: t('结果', 'Result') } as GuideData;
    const oldMaterial = { code: 'M01', name: t('身份证明', 'ID'), required: true, description: t('扫描件', 'Scan'), accept: ['pdf'], maxBytes: 1000 } as MaterialSpec;
    await ctx.database.db.update(serviceItems).set({ guide: old, materials: [oldMaterial] }).where(eq(serviceItems.id, item.id));
    const res = await new Client(ctx.app).get(`/api/catalog/items/${item.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().guide).toMatchObject({
      legalBasis: [{ name: '《测试条例》第三条', article: null, text: null }],
      exerciseLevel: null,
      legalLimitUnit: { code: 'working_days' },
      crossRegion: { code: 'none' },
      feeWaivers: [],
      faq: [],
      specialProcedures: [],
    });
    expect(res.json().materials[0]).toMatchObject({ source: { code: 'applicant' }, fetched: false, form: null, blankFormUrl: null });
  });
});

describe('免证办: a material the platform reads itself is not asked for', () => {
  it('accepts an application without the ID card the licence library provides, and still demands the lease', async () => {
    const item = await createItem(ctx.database.db, deptA.id, { materials: [fetchedId, lease] });
    const person = await createPerson(ctx.database.db);
    const citizen = await signIn(ctx.app, person);
    const detail = (await citizen.get(`/api/catalog/items/${item.id}`)).json();
    expect(detail.materials.map((m: { code: string; fetched: boolean }) => [m.code, m.fetched])).toEqual([
      ['M01', true],
      ['M02', false],
    ]);
    const none = await citizen.post('/api/cases', { itemId: item.id, form: { purpose: '就业' }, materials: [] });
    expect(none.statusCode).toBe(422);
    expect(none.json().errors.map((e: { path: string }) => e.path)).toEqual(['materials.M02']);
    const up = (await citizen.upload('lease.pdf', samplePdf('lease'), 'application/pdf')).json().id;
    const res = await citizen.post('/api/cases', { itemId: item.id, form: { purpose: '就业' }, materials: [{ code: 'M02', uploadId: up }] });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a guide that claims 免证办 for a material the applicant must still upload', async () => {
    const claim = { ...lease, code: 'M01', name: t('居民身份证', 'ID card'), description: t('已通过实名认证的可免交（免证办）。', 'Scan of the ID card.') };
    expect(await refusal(createItem(ctx.database.db, deptA.id, { materials: [claim] }))).toEqual(['materials.0.description: MATERIAL_EXEMPT_CLAIM']);
    // And a licence-library material must say which licence type it reads.
    expect(await refusal(createItem(ctx.database.db, deptA.id, { materials: [{ ...fetchedId, licenceTypeCode: undefined }] }))).toEqual(['materials.0.licenceTypeCode: MATERIAL_LICENCE_TYPE_MISSING']);
  });
});

describe('the consistency report', () => {
  type ReportItem = { id: string; department: { id: string }; errors: number; warnings: number; problems: { rule: string; severity: string; path: string; message: string }[] };

  it('is for catalogue admins (every item) and department admins (their branch only); a citizen or a clerk is refused', async () => {
    const { db } = ctx.database;
    const inA = await createItem(db, deptA.id);
    const inBranch = await createItem(db, branchA.id);
    const inB = await createItem(db, deptB.id);
    const ids = async (c: Client) => {
      const res = await c.get('/api/catalog/consistency');
      expect(res.statusCode).toBe(200);
      return new Set((res.json().items as ReportItem[]).map((i) => i.id));
    };

    expect((await new Client(ctx.app).get('/api/catalog/consistency')).statusCode).toBe(401);
    expect((await (await signIn(ctx.app, await createPerson(db))).get('/api/catalog/consistency')).statusCode).toBe(403);
    expect((await (await signedInStaff(ctx, deptA.id, ['clerk'])).get('/api/catalog/consistency')).statusCode).toBe(403);

    const adminA = await ids(await signedInStaff(ctx, deptA.id, ['admin']));
    expect(adminA.has(inA.id) && adminA.has(inBranch.id)).toBe(true);
    expect(adminA.has(inB.id)).toBe(false);
    const catalogue = await ids(await signedInStaff(ctx, deptB.id, ['catalogue_admin']));
    expect([inA.id, inBranch.id, inB.id].every((id) => catalogue.has(id))).toBe(true);
  });

  it('lists each item’s problems in the reader’s language: a stored item’s errors, and warnings that did not stop publication', async () => {
    const { db } = ctx.database;
    const clean = await createItem(db, deptB.id, { materials: [fetchedId] });
    const [row] = await db.select().from(serviceItems).where(eq(serviceItems.id, clean.id));
    // Published although its legal basis cites no article: a warning does not refuse.
    const warned = await createItem(db, deptB.id, { guide: { ...row!.guide, legalBasis: [t('《测试条例》', 'Test regulation')] } });
    // A guide stored before sources were recorded: its material has none (an error now).
    const stored = await createItem(db, deptB.id);
    await db.update(serviceItems).set({ materials: [{ ...lease, source: undefined }] }).where(eq(serviceItems.id, stored.id));

    const admin = await signedInStaff(ctx, deptB.id, ['admin']);
    const zh = (await admin.get('/api/catalog/consistency')).json().items as ReportItem[];
    expect(zh.find((i) => i.id === clean.id)).toMatchObject({ errors: 0, warnings: 0, problems: [] });
    expect(zh.find((i) => i.id === warned.id)).toMatchObject({
      errors: 0,
      warnings: 1,
      problems: [{ rule: 'LEGAL_BASIS_ARTICLE', severity: 'warning', path: 'guide.legalBasis.0.article', params: {}, message: '设定依据宜写明具体条款。' }],
    });
    expect(zh.find((i) => i.id === stored.id)).toMatchObject({
      errors: 1,
      warnings: 0,
      department: { id: deptB.id },
      problems: [{ rule: 'MATERIAL_SOURCE_MISSING', severity: 'error', path: 'materials.0.source', params: { code: 'M02' }, message: '材料 M02 须注明来源渠道（申请人自备、电子证照库、基础库、部门核发或其他）。' }],
    });
    admin.lang = 'en';
    const en = (await admin.get('/api/catalog/consistency')).json().items as ReportItem[];
    expect(en.find((i) => i.id === stored.id)!.problems[0]!.message).toBe('Material M02 must say where it comes from (the applicant, the e-certificate library, a base registry, a department or other).');
  });
});

describe('the publishing flow and the checker', () => {
  it('refuses to submit a version while a consistency error remains, and takes it once the region gives the element that goes with its change', async () => {
    const { db } = ctx.database;
    const zwfw = await createDepartment(db);
    const nodeAdmin = await signedInStaff(ctx, zwfw.id, ['catalogue_admin']);
    const author = await signedInStaff(ctx, deptA.id, ['admin']);
    const code = `G${Date.now().toString(36).toUpperCase().slice(-6)}`;
    const basic = (await nodeAdmin.post('/api/catalog/admin/basic-items', { code, content: basicItemContent() })).json();
    // The region asks applicants to come once, but says not why.
    const created = (await author.post('/api/catalog/admin/implementations', { basicItemId: basic.id, departmentId: deptA.id, code: `${code}A01`, overrides: { guide: { visits: 1 } } })).json();
    const refused = await author.post(`/api/catalog/admin/versions/${created.versionId}/submit`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('CATALOGUE_INCONSISTENT');
    expect(refused.json().errors).toEqual([{ path: 'guide.visitReason', message: '到办事现场次数为 1 次，须写明必须现场办理的原因。' }]);
    const fixed = await author.request('PUT', `/api/catalog/admin/versions/${created.versionId}/overrides`, { overrides: { guide: { visits: 1, visitReason: t('须现场核验原件', 'Originals are checked in person') } } });
    expect(fixed.statusCode).toBe(200);
    expect((await author.post(`/api/catalog/admin/versions/${created.versionId}/submit`)).json().status).toBe('review');
  });
});
