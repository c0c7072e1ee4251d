import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors.js';
import { Client, createTestApp, type TestContext } from '../../test/app.js';
import { createDepartment, createItem, createLicenceTypeFor } from '../../test/factories.js';
import { auditEventsFor } from '../supervision/audit.js';

/** Publishing an item and defining a licence type, as the seed does and the catalogue pages will. */
let ctx: TestContext;
let deptId: string;
beforeAll(async () => {
  ctx = await createTestApp();
  deptId = (await createDepartment(ctx.database.db)).id;
});
afterAll(() => ctx.close());

/** The field issues of a refused input, as `path: CODE`. */
async function refusal(p: Promise<unknown>): Promise<string[]> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe('VALIDATION');
  return (e as DomainError).fieldIssues.map((i) => `${i.path}: ${i.code}`);
}

describe('publishing a service item', () => {
  it('a new item is in the public catalogue at once, with its guide and form, and its publication is audited', async () => {
    const item = await createItem(ctx.database.db, deptId, { name: { zh: '测试农机购置补贴申领', en: 'Test farm machinery subsidy' } });
    const anyone = new Client(ctx.app);
    const found = (await anyone.get(`/api/catalog/items?q=${encodeURIComponent('农机购置')}`)).json().items;
    expect(found.map((i: { id: string }) => i.id)).toEqual([item.id]);
    const detail = (await anyone.get(`/api/catalog/items/${item.id}`)).json();
    expect(detail).toMatchObject({ legalLimitDays: 5, promisedLimitDays: 3, department: { id: deptId }, form: { fields: [{ name: 'purpose', required: true }] } });
    expect((await auditEventsFor(ctx.database.db, 'service_item', item.id)).map((e) => e.action)).toEqual(['service_item.create']);
  });

  it('refuses the GB/T 39554 inconsistencies, saying which field: promised over statutory, 即办件 not promising 0 days, and the reverse', async () => {
    const db = ctx.database.db;
    expect(await refusal(createItem(db, deptId, { legalLimitDays: 3, promisedLimitDays: 5 }))).toEqual(['promisedLimitDays: PROMISED_OVER_LEGAL']);
    const immediate = { legalBasis: [{ zh: '依据', en: 'Basis' }], audience: { zh: '对象', en: 'Who' }, conditions: [], process: [{ zh: '当场办结', en: 'On the spot' }], caseKind: 'immediate' as const, place: { zh: '窗口', en: 'Window' }, hours: { zh: '工作日', en: 'Weekdays' }, contactPhone: '12345', complaintPhone: '12345', visits: 1, visitReason: { zh: '当场核验原件', en: 'Originals checked on the spot' }, onlineUrl: 'https://zwfw.example.gov.cn/x', fees: [], result: { zh: '结果', en: 'Result' } };
    expect(await refusal(createItem(db, deptId, { guide: immediate, promisedLimitDays: 1 }))).toEqual(['promisedLimitDays: IMMEDIATE_ZERO_DAYS']);
    expect(await refusal(createItem(db, deptId, { promisedLimitDays: 0 }))).toEqual(['promisedLimitDays: IMMEDIATE_ZERO_DAYS']);
    expect(await createItem(db, deptId, { guide: immediate, promisedLimitDays: 0 })).toMatchObject({ promisedLimitDays: 0 });
  });

  it('refuses a taken code, an unknown department, a repeated material or field, and a select without options', async () => {
    const db = ctx.database.db;
    const first = await createItem(db, deptId);
    expect(await refusal(createItem(db, deptId, { code: first.code }))).toEqual(['code: ITEM_CODE_TAKEN']);
    expect(await refusal(createItem(db, '0190a000-0000-7000-8000-000000000000'))).toEqual(['departmentId: DEPARTMENT_UNKNOWN']);
    const m = { code: 'M01', name: { zh: '材料', en: 'Doc' }, required: true, description: { zh: '说明', en: 'Note' }, accept: ['pdf' as const], maxBytes: 1000, source: 'applicant' as const };
    expect(await refusal(createItem(db, deptId, { materials: [m, m] }))).toEqual(['materials.1.code: DUPLICATE']);
    expect(await refusal(createItem(db, deptId, { fields: [{ name: 'kind', label: { zh: '类别', en: 'Kind' }, type: 'select', required: true }] }))).toEqual(['fields.0.options: REQUIRED']);
    expect(await refusal(createItem(db, deptId, { code: 'abc' }))).toEqual(['code: ITEM_CODE_PATTERN']);
  });

  it('an item may name only a licence type that exists; a licence type needs a GB/T 36904 code of its own and face fields issuance can fill', async () => {
    const db = ctx.database.db;
    expect(await refusal(createItem(db, deptId, { licenceTypeCode: '11100000000013338W999' }))).toEqual(['licenceTypeCode: LICENCE_TYPE_UNKNOWN']);
    const type = await createLicenceTypeFor(db, deptId);
    expect(await createItem(db, deptId, { licenceTypeCode: type.code })).toMatchObject({ licenceTypeCode: type.code });
    expect(await refusal(createLicenceTypeFor(db, deptId, { code: type.code }))).toEqual(['code: LICENCE_TYPE_CODE_TAKEN']);
    // A wrong check character in the authority's credit code, and a source issuance knows nothing of.
    expect(await refusal(createLicenceTypeFor(db, deptId, { code: '11100000000013338X011' }))).toEqual(['code: LICENCE_TYPE_CODE']);
    expect(await refusal(createLicenceTypeFor(db, deptId, { faceFields: [{ key: 'x', label: { zh: '某项', en: 'X' }, source: 'applicant.salary' }] }))).toEqual(['faceFields.0.source: FACE_SOURCE']);
    expect((await auditEventsFor(db, 'licence_type', type.id)).map((e) => e.action)).toEqual(['licence_type.create']);
  });
});
