import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, samplePdf, samplePng, type TestContext } from '../../../test/app.js';
import { demoCitizens } from '../../../server/demo/seed.js';
import { completeIdNumber } from '../../../lib/identifiers.js';
import type { FormField } from './types.js';
import { validateForm } from './validate.js';

const t = (zh: string) => ({ zh, en: zh });
const idField: FormField = { name: 'otherId', label: t('对方身份证号'), type: 'idNumber', required: true };
const codeField: FormField = { name: 'employer', label: t('单位信用代码'), type: 'creditCode', required: false };

describe('identifier fields in data-defined forms', () => {
  it('checks an ID number field with the registration validator (GB 11643) and keeps the normalised value', () => {
    expect(validateForm([idField], { otherId: '110105194912310021' }).issues).toEqual([{ path: 'form.otherId', code: 'ID_CHECK_DIGIT' }]);
    expect(validateForm([idField], { otherId: '1101051949123100' }).issues).toEqual([{ path: 'form.otherId', code: 'ID_FORMAT' }]);
    expect(validateForm([idField], { otherId: completeIdNumber('11010519990229002') }).issues).toEqual([{ path: 'form.otherId', code: 'ID_BIRTH_DATE' }]);
    expect(validateForm([idField], { otherId: ' 11010519491231002x ' })).toEqual({ value: { otherId: '11010519491231002X' }, issues: [] });
  });

  it('checks a credit code field by MOD 31 only, upper-casing it (GB 32100)', () => {
    expect(validateForm([codeField], { employer: '91350100M000100Y44' }).issues).toEqual([{ path: 'form.employer', code: 'USCC_CHECK' }]);
    expect(validateForm([codeField], { employer: '91350100O000100Y43' }).issues).toEqual([{ path: 'form.employer', code: 'USCC_FORMAT' }]);
    // An individual business whose inner organisation code fails GB 11714 is still a valid code.
    expect(validateForm([codeField], { employer: '92620102ma7xqk2h0c' })).toEqual({ value: { employer: '92620102MA7XQK2H0C' }, issues: [] });
    expect(validateForm([codeField], {})).toEqual({ value: {}, issues: [] });
  });
});

describe('the marriage registration form (spouse’s ID number)', () => {
  let ctx: TestContext;
  let itemId: string;
  beforeAll(async () => {
    ctx = await createTestApp();
    const items = (await new Client(ctx.app).get('/api/catalog/items')).json().items as { id: string; code: string }[];
    itemId = items.find((i) => i.code === '000107003000')!.id;
  });
  afterAll(() => ctx.close());

  async function apply(c: Client, spouseIdNumber: string) {
    const up = async (name: string, bytes: Buffer, type: string) => (await c.upload(name, bytes, type)).json().id as string;
    return c.post('/api/cases', {
      itemId,
      form: { spouseName: '王芳', spouseIdNumber, registrationDate: '2027-01-08' },
      materials: [
        { code: 'M01', uploadId: await up('id.pdf', samplePdf('id'), 'application/pdf') },
        { code: 'M02', uploadId: await up('declaration.pdf', samplePdf('decl'), 'application/pdf') },
        { code: 'M03', uploadId: await up('photo.png', samplePng(), 'image/png') },
      ],
    });
  }

  it('publishes the field as an ID number field', async () => {
    const detail = (await new Client(ctx.app).get(`/api/catalog/items/${itemId}`)).json();
    expect(detail.form.fields.find((f: { name: string }) => f.name === 'spouseIdNumber')).toMatchObject({ type: 'idNumber', required: true });
  });

  it('refuses a spouse’s ID number with a wrong check digit, saying why in the user’s language, and accepts a valid one', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(demoCitizens[0]!.phone);
    const wrong = await apply(citizen, '620102199506142021');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'FORM_INVALID', errors: [{ path: 'form.spouseIdNumber', message: '身份证号校验码错误，请核对最后一位。' }] });
    citizen.lang = 'en';
    const wrongEn = await apply(citizen, '620102199513142028');
    expect(wrongEn.json().errors).toEqual([{ path: 'form.spouseIdNumber', message: 'The birth date inside the ID number is not a real date.' }]);

    citizen.lang = 'zh-CN';
    const spouse = completeIdNumber('62010219950614202');
    const ok = await apply(citizen, spouse.toLowerCase());
    expect(ok.statusCode).toBe(201);
    const seen = (await citizen.get(`/api/cases/${ok.json().id}`)).json();
    expect(seen.form.spouseIdNumber).toBe(spouse);
  });
});
