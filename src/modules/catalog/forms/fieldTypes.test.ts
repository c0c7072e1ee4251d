import { describe, expect, it } from 'vitest';
import { completeCreditCode, completeIdNumber } from '../../../lib/identifiers.js';
import type { FormField } from './types.js';
import { validateForm } from './validate.js';

/** Every field type's check on submitted data: the cleaned value kept, or the path and code of the refusal. */
const t = (zh: string) => ({ zh, en: zh });
const field = (f: Partial<FormField> & Pick<FormField, 'type'>): FormField => ({ name: 'x', label: t('字段'), required: true, ...f });
const ok = (f: FormField, raw: unknown) => {
  const r = validateForm([f], { [f.name]: raw });
  expect(r.issues).toEqual([]);
  return r.value[f.name];
};
const refused = (f: FormField, raw: unknown) => validateForm([f], { [f.name]: raw }).issues.map((i) => `${i.path}: ${i.code}`);
const options = [
  { value: 'a', label: t('甲') },
  { value: 'b', label: t('乙') },
  { value: 'c', label: t('丙') },
];

describe('field types of a form', () => {
  it('text and textarea: trimmed, bounded, pattern-checked', () => {
    expect(ok(field({ type: 'text' }), '  张三 ')).toBe('张三');
    expect(refused(field({ type: 'text', maxLength: 3 }), '兰州市城关区')).toEqual(['form.x: TOO_LONG']);
    expect(refused(field({ type: 'text', pattern: '[0-9]{6}' }), '73000')).toEqual(['form.x: PATTERN']);
    expect(refused(field({ type: 'textarea' }), 'x'.repeat(2001))).toEqual(['form.x: TOO_LONG']);
    expect(refused(field({ type: 'text' }), '   ')).toEqual(['form.x: REQUIRED']);
    expect(refused(field({ type: 'text' }), 12)).toEqual(['form.x: INVALID']);
  });

  it('number: a number within min and max', () => {
    expect(ok(field({ type: 'number', min: 1, max: 20 }), '3')).toBe(3);
    expect(refused(field({ type: 'number', min: 1, max: 20 }), 21)).toEqual(['form.x: OUT_OF_RANGE']);
    expect(refused(field({ type: 'number' }), 'lots')).toEqual(['form.x: BAD_NUMBER']);
  });

  it('amount: whole fen, not negative unless allowed, within the limits (said in yuan)', () => {
    expect(ok(field({ type: 'amount' }), 123456)).toBe(123456);
    expect(refused(field({ type: 'amount' }), 12.5)).toEqual(['form.x: BAD_AMOUNT']);
    expect(refused(field({ type: 'amount' }), '1200')).toEqual(['form.x: BAD_AMOUNT']);
    expect(refused(field({ type: 'amount' }), -1)).toEqual(['form.x: AMOUNT_RANGE']);
    expect(validateForm([field({ type: 'amount', max: 100000 })], { x: 100001 }).issues).toEqual([{ path: 'form.x', code: 'AMOUNT_RANGE', params: { min: '0.00', max: '1000.00' } }]);
  });

  it('date and date range: real dates, from not after to', () => {
    expect(ok(field({ type: 'date' }), '2028-02-29')).toBe('2028-02-29');
    expect(refused(field({ type: 'date' }), '2027-02-29')).toEqual(['form.x: BAD_DATE']);
    expect(ok(field({ type: 'dateRange' }), { from: '2027-01-01', to: '2027-01-01' })).toEqual({ from: '2027-01-01', to: '2027-01-01' });
    expect(refused(field({ type: 'dateRange' }), { from: '2027-03-01', to: '2027-02-01' })).toEqual(['form.x.to: DATE_RANGE_ORDER']);
    expect(refused(field({ type: 'dateRange' }), { from: '2027-13-01', to: '2027-02-01' })).toEqual(['form.x.from: BAD_DATE']);
    expect(refused(field({ type: 'dateRange' }), '2027-01-01/2027-02-01')).toEqual(['form.x: BAD_DATE_RANGE']);
  });

  it('ID number (GB 11643) and credit code (GB 32100): the registration validators, values normalised', () => {
    const id = completeIdNumber('62010219900307123');
    expect(ok(field({ type: 'idNumber' }), id.toLowerCase())).toBe(id);
    expect(refused(field({ type: 'idNumber' }), '110105194912310021')).toEqual(['form.x: ID_CHECK_DIGIT']);
    const code = completeCreditCode('91620102', 'MA7ABC12');
    expect(ok(field({ type: 'creditCode' }), code.toLowerCase())).toBe(code);
    expect(refused(field({ type: 'creditCode' }), '91350100M000100Y44')).toEqual(['form.x: USCC_CHECK']);
  });

  it('phone: a mainland mobile or a landline with its area code', () => {
    expect(ok(field({ type: 'phone' }), '138 0000 0001')).toBe('13800000001');
    expect(ok(field({ type: 'phone' }), '0931-8451234')).toBe('0931-8451234');
    expect(ok(field({ type: 'phone' }), '010-61234567-801')).toBe('010-61234567-801');
    expect(refused(field({ type: 'phone' }), '12800000001')).toEqual(['form.x: BAD_PHONE']);
    expect(refused(field({ type: 'phone' }), '8451234')).toEqual(['form.x: BAD_PHONE']);
  });

  it('email', () => {
    expect(ok(field({ type: 'email' }), ' zhang.san@example.cn ')).toBe('zhang.san@example.cn');
    expect(refused(field({ type: 'email' }), 'zhang@')).toEqual(['form.x: BAD_EMAIL']);
  });

  it('address: a current county-level GB/T 2260 division (no development zones) and the street, its name from the data', () => {
    expect(ok(field({ type: 'address' }), { regionCode: '620102', regionName: '别处', detail: ' 张掖路 1 号 ' })).toEqual({ regionCode: '620102', regionName: '甘肃省兰州市城关区', detail: '张掖路 1 号' });
    // 东莞市 has no counties: the city is where the street is.
    expect(ok(field({ type: 'address' }), { regionCode: '441900', detail: '南城街道' })).toMatchObject({ regionName: '广东省东莞市' });
    expect(refused(field({ type: 'address' }), { regionCode: '620171', detail: '兰州新区' })).toEqual(['form.x.regionCode: REGION_DEV_ZONE']);
    expect(refused(field({ type: 'address' }), { regionCode: '620100', detail: '某路' })).toEqual(['form.x.regionCode: REGION_NOT_COUNTY']);
    expect(refused(field({ type: 'address' }), { regionCode: '629999', detail: '' })).toEqual(['form.x.regionCode: REGION_UNKNOWN', 'form.x.detail: REQUIRED']);
  });

  it('single choice (select, radio) and multiple choice (checkboxes with min and max count)', () => {
    expect(ok(field({ type: 'radio', options }), 'b')).toBe('b');
    expect(refused(field({ type: 'select', options }), 'z')).toEqual(['form.x: BAD_OPTION']);
    const boxes = field({ type: 'checkboxes', options, minCount: 2, maxCount: 2 });
    expect(ok(boxes, ['c', 'a', 'a'])).toEqual(['a', 'c']);
    expect(refused(boxes, ['a'])).toEqual(['form.x: TOO_FEW_CHOICES']);
    expect(refused(boxes, ['a', 'b', 'c'])).toEqual(['form.x: TOO_MANY_CHOICES']);
    expect(refused(boxes, ['a', 'z'])).toEqual(['form.x: BAD_OPTION']);
    expect(refused(boxes, [])).toEqual(['form.x: REQUIRED']);
  });

  it('table: rows within min and max, each cell checked by its column, paths naming row and column', () => {
    const members = field({
      name: 'members',
      type: 'table',
      minRows: 1,
      maxRows: 2,
      columns: [
        { name: 'name', label: t('姓名'), type: 'text', required: true },
        { name: 'idNumber', label: t('身份证号'), type: 'idNumber', required: true },
        { name: 'income', label: t('月收入'), type: 'amount', required: false },
      ],
    });
    const id = completeIdNumber('62010220100101002');
    expect(ok(members, [{ name: ' 王小明 ', idNumber: id, income: '' }])).toEqual([{ name: '王小明', idNumber: id }]);
    expect(refused(members, [{ name: '王小明', idNumber: '620102201001010021', extra: 1 }, { idNumber: id, income: 1.5 }])).toEqual([
      'form.members.0.extra: UNKNOWN_FIELD',
      'form.members.0.idNumber: ID_CHECK_DIGIT',
      'form.members.1.name: REQUIRED',
      'form.members.1.income: BAD_AMOUNT',
    ]);
    expect(refused(members, [])).toEqual(['form.members: REQUIRED']);
    expect(refused({ ...members, required: false }, [])).toEqual([]);
    expect(refused(members, [{ name: 'a', idNumber: id }, { name: 'b', idNumber: id }, { name: 'c', idNumber: id }])).toEqual(['form.members: TOO_MANY_ROWS']);
    expect(refused(members, 'rows')).toEqual(['form.members: INVALID']);
  });

  it('refuses fields the form does not have', () => {
    expect(validateForm([field({ type: 'text' })], { x: 'a', y: 'b' }).issues).toEqual([{ path: 'form.y', code: 'UNKNOWN_FIELD' }]);
  });
});

describe('conditional fields', () => {
  const basis = field({ name: 'basis', type: 'radio', options: [{ value: 'job', label: t('就业') }, { value: 'home', label: t('住所') }] });
  const employer = field({ name: 'employer', type: 'text', visibleWhen: { field: 'basis', op: 'equals', value: 'job' } });
  const note = field({ name: 'note', type: 'text', required: false, requiredWhen: { field: 'basis', op: 'in', values: ['home'] } });
  const form = [basis, employer, note];

  it('a field shown by a condition is checked and required while it holds', () => {
    expect(validateForm(form, { basis: 'job' }).issues).toEqual([{ path: 'form.employer', code: 'REQUIRED' }]);
    expect(validateForm(form, { basis: 'job', employer: ' 兰州某公司 ' }).value).toEqual({ basis: 'job', employer: '兰州某公司' });
  });

  it('a hidden field is not required, and what was sent for it is dropped', () => {
    expect(validateForm(form, { basis: 'home', employer: '兰州某公司', note: '自有住房' })).toEqual({ value: { basis: 'home', note: '自有住房' }, issues: [] });
    // Hidden also when the field it depends on is left empty.
    expect(validateForm([{ ...basis, required: false }, employer], { employer: 'x' })).toEqual({ value: {}, issues: [] });
  });

  it('requiredWhen makes an optional field required while its condition holds', () => {
    expect(validateForm(form, { basis: 'home' }).issues).toEqual([{ path: 'form.note', code: 'REQUIRED' }]);
    expect(validateForm(form, { basis: 'job', employer: 'x' }).issues).toEqual([]);
  });

  it('notEmpty, and equals on a multiple choice (one of the ticked options)', () => {
    const hard = field({ name: 'hard', type: 'checkboxes', required: false, options });
    const why = field({ name: 'why', type: 'text', visibleWhen: { field: 'hard', op: 'notEmpty' } });
    const which = field({ name: 'which', type: 'text', visibleWhen: { field: 'hard', op: 'equals', value: 'b' } });
    expect(validateForm([hard, why, which], { hard: ['a'] }).issues).toEqual([{ path: 'form.why', code: 'REQUIRED' }]);
    expect(validateForm([hard, why, which], { hard: ['a', 'b'], why: 'w' }).issues).toEqual([{ path: 'form.which', code: 'REQUIRED' }]);
    expect(validateForm([hard, why, which], { why: 'w', which: 'x' })).toEqual({ value: {}, issues: [] });
  });
});

describe('prefilled fields', () => {
  const name = field({ name: 'applicantName', type: 'text', prefill: 'applicant.name' });
  const idNo = field({ name: 'applicantId', type: 'idNumber', prefill: 'applicant.idNumber' });
  const mine = completeIdNumber('62010219900307123');
  const someoneElse = completeIdNumber('62010219851112246');

  it('take the identity record’s values and ignore what the client sent', () => {
    const r = validateForm([name, idNo], { applicantName: '李四', applicantId: someoneElse }, { prefill: { 'applicant.name': '张三', 'applicant.idNumber': mine } });
    expect(r).toEqual({ value: { applicantName: '张三', applicantId: mine }, issues: [] });
  });

  it('a required prefilled field the record lacks is refused, not taken from the client', () => {
    const r = validateForm([idNo], { applicantId: someoneElse }, { prefill: { 'applicant.idNumber': null } });
    expect(r).toEqual({ value: {}, issues: [{ path: 'form.applicantId', code: 'PREFILL_MISSING' }] });
  });
});
