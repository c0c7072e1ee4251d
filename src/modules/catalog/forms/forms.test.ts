import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeIdNumber } from '../../../lib/identifiers.js';
import { Client, createTestApp, samplePdf, type TestContext } from '../../../test/app.js';
import { createDepartment, createEntity, createItem, createPerson, createStaff, signIn, type TestPerson, type TestStaff } from '../../../test/factories.js';
import { demoRegistryPeople } from '../../registry/synthetic.js';
import type { NewServiceItem } from '../createServiceItem.js';

/** A form with the new kinds of field, submitted as a case through HTTP; and the designer's server checks. */
const t = (zh: string, en = zh) => ({ zh, en });
const fields: NewServiceItem['fields'] = [
  { name: 'applicantName', label: t('申请人姓名', 'Applicant'), type: 'text', required: true, prefill: 'applicant.name' },
  { name: 'applicantIdNumber', label: t('申请人身份证号', 'Applicant ID'), type: 'idNumber', required: true, prefill: 'applicant.idNumber' },
  { name: 'income', label: t('月收入', 'Monthly income'), type: 'amount', required: true },
  { name: 'home', label: t('住址', 'Home'), type: 'address', required: true },
  { name: 'hasKids', label: t('有无子女', 'Children?'), type: 'radio', required: true, options: [{ value: 'yes', label: t('有', 'Yes') }, { value: 'no', label: t('无', 'No') }] },
  {
    name: 'kids',
    label: t('子女', 'Children'),
    type: 'table',
    required: true,
    minRows: 1,
    maxRows: 3,
    visibleWhen: { field: 'hasKids', op: 'equals', value: 'yes' },
    columns: [
      { name: 'name', label: t('姓名', 'Name'), type: 'text', required: true },
      { name: 'idNumber', label: t('身份证号', 'ID number'), type: 'idNumber', required: true },
    ],
  },
];

let ctx: TestContext;
let itemId: string;
let person: TestPerson;
let admin: TestStaff;
let clerk: TestStaff;
beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.database.db;
  const dept = await createDepartment(db);
  itemId = (await createItem(db, dept.id, { fields })).id;
  person = await createPerson(db);
  admin = await createStaff(db, dept.id, ['catalogue_admin']);
  clerk = await createStaff(db, dept.id, ['clerk']);
});
afterAll(() => ctx.close());

async function apply(c: Client, form: Record<string, unknown>) {
  const uploadId = (await c.upload('id.pdf', samplePdf('id'), 'application/pdf')).json().id as string;
  return c.post('/api/cases', { itemId, form, materials: [{ code: 'M01', uploadId }] });
}

const kid = completeIdNumber('62010220150601002');
const someoneElse = completeIdNumber('11010519491231002');

describe('a case whose form has a table, a conditional field and prefilled identity fields', () => {
  it('the portal gets the new properties of the definition', async () => {
    const form = (await new Client(ctx.app).get(`/api/catalog/items/${itemId}`)).json().form;
    expect(form.fields.find((f: { name: string }) => f.name === 'kids')).toMatchObject({ type: 'table', minRows: 1, visibleWhen: { field: 'hasKids', op: 'equals', value: 'yes' }, columns: [{ name: 'name' }, { name: 'idNumber' }] });
    expect(form.fields[1]).toMatchObject({ prefill: 'applicant.idNumber' });
  });

  it('refuses a shown table without rows and a bad cell, naming the row and column, in the user’s language', async () => {
    const citizen = await signIn(ctx.app, person);
    const base = { income: 350000, home: { regionCode: '620102', detail: '张掖路 1 号' }, hasKids: 'yes' };
    const noRows = await apply(citizen, { ...base, kids: [] });
    expect(noRows.statusCode).toBe(422);
    expect(noRows.json()).toMatchObject({ code: 'FORM_INVALID', errors: [{ path: 'form.kids', message: '此项为必填项。' }] });
    citizen.lang = 'en';
    const badCell = await apply(citizen, { ...base, kids: [{ name: '王小明', idNumber: '620102201506010021' }], income: 12.5 });
    expect(badCell.json().errors).toEqual([
      { path: 'form.income', message: 'Enter an amount in yuan with at most two decimals.' },
      { path: 'form.kids.0.idNumber', message: 'The ID number’s check digit is wrong: please check the last character.' },
    ]);
  });

  it('keeps the table rows, drops the hidden field’s value, and fills the identity fields from the record, not from the client', async () => {
    const citizen = await signIn(ctx.app, person);
    const withKids = await apply(citizen, {
      applicantName: '冒名者',
      applicantIdNumber: someoneElse,
      income: 350000,
      home: { regionCode: '620102', regionName: '别处', detail: '张掖路 1 号' },
      hasKids: 'yes',
      kids: [{ name: ' 王小明 ', idNumber: kid.toLowerCase() }],
    });
    expect(withKids.statusCode).toBe(201);
    const seen = (await citizen.get(`/api/cases/${withKids.json().id}`)).json();
    expect(seen.form).toEqual({
      applicantName: person.name,
      applicantIdNumber: person.idNumber,
      income: 350000,
      home: { regionCode: '620102', regionName: '甘肃省兰州市城关区', detail: '张掖路 1 号' },
      hasKids: 'yes',
      kids: [{ name: '王小明', idNumber: kid }],
    });

    // Without children the table is hidden: not required, and rows sent anyway are not kept.
    const without = await apply(citizen, { income: 0, home: { regionCode: '620103', detail: '西津路' }, hasKids: 'no', kids: [{ name: 'x', idNumber: 'y' }] });
    expect(without.statusCode).toBe(201);
    const form = (await citizen.get(`/api/cases/${without.json().id}`)).json().form;
    expect(form).not.toHaveProperty('kids');
    expect(form).toMatchObject({ hasKids: 'no', applicantIdNumber: person.idNumber });
  });
});

describe('prefilled enterprise fields', () => {
  it('an enterprise’s name and credit code come from its account; the person fields stay empty without an agent', async () => {
    const db = ctx.database.db;
    const entity = await createEntity(db);
    const deptId = (await createDepartment(db)).id;
    const entityItem = await createItem(db, deptId, {
      applicantKinds: ['entity'],
      fields: [
        { name: 'company', label: t('企业名称'), type: 'text', required: true, prefill: 'entity.name' },
        { name: 'code', label: t('统一社会信用代码'), type: 'creditCode', required: true, prefill: 'entity.creditCode' },
        { name: 'contact', label: t('经办人'), type: 'text', required: false, prefill: 'applicant.name' },
      ],
    });
    const c = await signIn(ctx.app, entity);
    expect((await c.get('/api/catalog/forms/prefill')).json().values).toEqual({ 'entity.name': entity.name, 'entity.creditCode': `${entity.creditCode.slice(0, 8)}********${entity.creditCode.slice(16)}` });
    const uploadId = (await c.upload('id.pdf', samplePdf('id'), 'application/pdf')).json().id as string;
    const res = await c.post('/api/cases', { itemId: entityItem.id, form: { company: '别家公司', code: '91350100M000100Y43', contact: '某人' }, materials: [{ code: 'M01', uploadId }] });
    expect(res.statusCode).toBe(201);
    expect((await c.get(`/api/cases/${res.json().id}`)).json().form).toEqual({ company: entity.name, code: entity.creditCode });
  });
});

describe('prefilled fields at the hall window', () => {
  it('are filled from the walk-in’s record, not the clerk’s and not what was typed', async () => {
    const c = await signIn(ctx.app, clerk);
    const { wangFang } = demoRegistryPeople;
    const visit = (await c.post('/api/hall/visits', { idNumber: wangFang.idNumber, cardChecked: true })).json();
    const uploadId = (await c.upload('id.pdf', samplePdf('id'), 'application/pdf')).json().id as string;
    const res = await c.post(`/api/hall/visits/${visit.id}/cases`, {
      itemId,
      form: { applicantName: '某人', applicantIdNumber: someoneElse, income: 0, home: { regionCode: '620102', detail: '张掖路' }, hasKids: 'no' },
      materials: [{ code: 'M01', uploadId }],
    });
    expect(res.statusCode).toBe(201);
    const seen = (await c.get(res.headers.location as string)).json();
    expect(seen.form).toMatchObject({ applicantName: wangFang.name, applicantIdNumber: wangFang.idNumber });
  });
});

describe('the form designer’s server checks', () => {
  const sound = { fields: [{ name: 'a', label: t('甲'), type: 'text', required: true }] };

  it('are for catalogue admins only', async () => {
    const citizen = await signIn(ctx.app, person);
    expect((await citizen.post('/api/catalog/forms/check', sound)).statusCode).toBe(403);
    expect((await citizen.post('/api/catalog/forms/try', { definition: sound, data: {} })).statusCode).toBe(403);
    expect((await citizen.get(`/api/catalog/forms/items/${itemId}/definition`)).statusCode).toBe(403);
    expect((await new Client(ctx.app).post('/api/catalog/forms/check', sound)).statusCode).toBe(401);
  });

  it('check names every issue of a definition, with its path and a message', async () => {
    const c = await signIn(ctx.app, admin);
    expect((await c.post('/api/catalog/forms/check', sound)).json()).toEqual({ ok: true, issues: [] });
    const res = await c.post('/api/catalog/forms/check', {
      fields: [
        { name: 'a', label: t('甲'), type: 'text', required: true, visibleWhen: { field: 'ghost', op: 'notEmpty' } },
        { name: 'a', label: t('乙'), type: 'select', required: false },
      ],
    });
    expect(res.json()).toEqual({
      ok: false,
      issues: [
        { path: 'fields.1.name', code: 'DUPLICATE', message: '与前面的一项重复。' },
        { path: 'fields.0.visibleWhen.field', code: 'FORM_CONDITION_UNKNOWN', message: '条件引用的字段“ghost”不存在。' },
        { path: 'fields.1.options', code: 'REQUIRED', message: '此项为必填项。' },
      ],
    });
    // A malformed field is a 400 with the field's path, as every input is.
    const shape = await c.post('/api/catalog/forms/check', { fields: [{ name: 'Bad name', label: t('甲'), type: 'text', required: true }] });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().errors[0].path).toBe('fields.0.name');
  });

  it('try validates sample data as a submission would, prefill stand-ins included', async () => {
    const c = await signIn(ctx.app, admin);
    const definition = (await c.get(`/api/catalog/forms/items/${itemId}/definition`)).json();
    expect(definition.fields[0]).toMatchObject({ name: 'applicantName', label: { zh: '申请人姓名', en: 'Applicant' } });
    const res = (await c.post('/api/catalog/forms/try', { definition, data: { income: 100, home: { regionCode: '620171', detail: 'x' }, hasKids: 'no', kids: [] }, prefill: { 'applicant.name': '样例' } })).json();
    expect(res).toMatchObject({ ok: false, definitionIssues: [], value: { applicantName: '样例', income: 100, hasKids: 'no' } });
    expect(res.issues.map((i: { path: string; code: string }) => `${i.path}: ${i.code}`)).toEqual(['form.applicantIdNumber: PREFILL_MISSING', 'form.home.regionCode: REGION_DEV_ZONE']);
  });
});

describe('what the address cascader and prefilled fields read', () => {
  it('regions: one level at a time, grouping levels skipped, development zones left out', async () => {
    const anyone = new Client(ctx.app);
    const provinces = (await anyone.get('/api/catalog/forms/regions')).json().items;
    expect(provinces).toHaveLength(31);
    const lanzhou = (await anyone.get('/api/catalog/forms/regions?parent=620100')).json().items.map((r: { code: string }) => r.code);
    expect(lanzhou).toContain('620102');
    expect(lanzhou).not.toContain('620171');
    const beijing = (await anyone.get('/api/catalog/forms/regions?parent=110000')).json().items;
    expect(beijing[0]).toEqual({ code: '110101', name: '东城区', leaf: true });
    expect((await anyone.get('/api/catalog/forms/regions?parent=abc')).statusCode).toBe(400);
  });

  it('prefill: the signed-in applicant’s own values, the ID number and phone masked', async () => {
    const citizen = await signIn(ctx.app, person);
    const values = (await citizen.get('/api/catalog/forms/prefill')).json().values;
    expect(values).toEqual({
      'applicant.name': person.name,
      'applicant.idNumber': `${person.idNumber.slice(0, 6)}********${person.idNumber.slice(14)}`,
      'applicant.phone': `${person.phone.slice(0, 3)}****${person.phone.slice(7)}`,
    });
    expect((await new Client(ctx.app).get('/api/catalog/forms/prefill')).statusCode).toBe(401);
  });
});
