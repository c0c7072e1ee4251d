import { describe, it, expect } from 'vitest';
import {
  checkCreditCode,
  checkIdNumber,
  completeCreditCode,
  completeIdNumber,
  creditCodeCheckChar,
  idCheckChar,
  isRegionCode,
  orgCodeCheckChar,
  upgradeLegacyIdNumber,
} from './identifiers.js';

describe('checkIdNumber (GB 11643-1999)', () => {
  it('accepts the standard examples', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
    });
    expect(checkIdNumber('440524188001010014')).toEqual({
      ok: true,
      value: '440524188001010014',
      birthDate: '1880-01-01',
      sex: 'male',
      regionCode: '440524',
    });
  });

  it('trims and accepts a lowercase x', () => {
    const r = checkIdNumber('  11010519491231002x ');
    expect(r.ok && r.value).toBe('11010519491231002X');
  });

  it('rejects a wrong check digit', () => {
    expect(checkIdNumber('110105194912310021')).toEqual({ ok: false, code: 'ID_CHECK_DIGIT' });
    expect(checkIdNumber('440524188001010015')).toEqual({ ok: false, code: 'ID_CHECK_DIGIT' });
  });

  it('rejects bad formats', () => {
    for (const s of ['', '11010519491231002', '1101051949123100XX', '11010519491231002Y', '1101051949123100２X']) {
      expect(checkIdNumber(s)).toEqual({ ok: false, code: 'ID_FORMAT' });
    }
  });

  it('checks birth dates: leap years, impossible and future dates', () => {
    expect(checkIdNumber(completeIdNumber('11010519990229002'))).toEqual({ ok: false, code: 'ID_BIRTH_DATE' });
    const leap = checkIdNumber(completeIdNumber('11010520000229002'));
    expect(leap.ok && leap.birthDate).toBe('2000-02-29');
    expect(checkIdNumber(completeIdNumber('11010519491301002'))).toEqual({ ok: false, code: 'ID_BIRTH_DATE' });
    expect(checkIdNumber(completeIdNumber('11010519490431002'))).toEqual({ ok: false, code: 'ID_BIRTH_DATE' });
    expect(checkIdNumber(completeIdNumber('11010529990101002'))).toEqual({ ok: false, code: 'ID_BIRTH_DATE' });
    // deterministic "today"
    const id = completeIdNumber('11010520260115002');
    expect(checkIdNumber(id, '2026-01-14')).toEqual({ ok: false, code: 'ID_BIRTH_DATE' });
    expect(checkIdNumber(id, '2026-01-15').ok).toBe(true);
  });

  it('rejects unknown province prefixes', () => {
    expect(checkIdNumber(completeIdNumber('99010519491231002'))).toEqual({ ok: false, code: 'ID_REGION' });
    expect(checkIdNumber(completeIdNumber('10010519491231002'))).toEqual({ ok: false, code: 'ID_REGION' });
    // 81–83: HK/Macao/Taiwan residence permits
    expect(checkIdNumber(completeIdNumber('81000019900101002')).ok).toBe(true);
  });

  it('derives sex from the sequence code', () => {
    const m = checkIdNumber(completeIdNumber('62010219900101123'));
    const f = checkIdNumber(completeIdNumber('62010219900101124'));
    expect(m.ok && m.sex).toBe('male');
    expect(f.ok && f.sex).toBe('female');
  });

  it('completeIdNumber round-trips', () => {
    expect(completeIdNumber('11010519491231002')).toBe('11010519491231002X');
    expect(idCheckChar('44052418800101001')).toBe('4');
    expect(() => completeIdNumber('1101051949123100')).toThrow();
  });
});

describe('upgradeLegacyIdNumber', () => {
  it('upgrades the standard example', () => {
    expect(upgradeLegacyIdNumber('110105491231002')).toBe('11010519491231002X');
  });
  it('throws on bad input', () => {
    expect(() => upgradeLegacyIdNumber('11010549123100')).toThrow();
    expect(() => upgradeLegacyIdNumber('11010549123100X')).toThrow();
    expect(() => upgradeLegacyIdNumber('110105990229002')).toThrow(); // 1999-02-29
    expect(() => upgradeLegacyIdNumber('990105491231002')).toThrow();
  });
});

describe('checkCreditCode (GB 32100-2015)', () => {
  it('accepts the standard example', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43', regionCode: '350100' });
    expect(checkCreditCode(' 91350100m000100y43 ').ok).toBe(true);
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
  });

  it('detects an altered character', () => {
    expect(checkCreditCode('91350100M000100Y44')).toEqual({ ok: false, code: 'USCC_CHECK' });
    expect(checkCreditCode('91350101M000100Y43')).toEqual({ ok: false, code: 'USCC_CHECK' });
    expect(checkCreditCode('91350100M000010Y43')).toEqual({ ok: false, code: 'USCC_CHECK' });
  });

  it('rejects letters outside the alphabet and bad lengths', () => {
    for (const c of ['I', 'O', 'S', 'V', 'Z']) {
      expect(checkCreditCode(`91350100${c}000100Y43`)).toEqual({ ok: false, code: 'USCC_FORMAT' });
    }
    expect(checkCreditCode('91350100M000100Y4')).toEqual({ ok: false, code: 'USCC_FORMAT' });
    expect(checkCreditCode('')).toEqual({ ok: false, code: 'USCC_FORMAT' });
  });

  // STANDARDS.md (corrected): positions 9–17 need not pass the GB 11714 check. These codes are
  // computed with a deliberately wrong inner check and a correct MOD 31 check, as real ones are.
  it('accepts real-shaped codes whose inner organisation code fails GB 11714 (individual businesses, post-2015 codes)', () => {
    for (const [code, region] of [
      ['92620102MA7XQK2H0C', '620102'], // 个体工商户 (9 2), inner check would be 8
      ['92620103MA74RL8U1Q', '620103'],
      ['91110108MA01C3NK26', '110108'], // company registered after 2015
      ['91350100M000100Y56', '350100'], // the standard's example with another inner check
      ['12110000400001193G', '110000'], // 事业单位
      ['52440300MJL1767X9L', '440300'], // 社会组织
    ] as const) {
      expect(orgCodeCheckChar(code.slice(8, 16))).not.toBe(code[16]);
      expect(checkCreditCode(code)).toEqual({ ok: true, value: code, regionCode: region });
    }
  });

  it('upper-cases lower-case input before checking', () => {
    expect(checkCreditCode('92620102ma7xqk2h0c')).toEqual({ ok: true, value: '92620102MA7XQK2H0C', regionCode: '620102' });
    expect(checkCreditCode(' 91350100m000100y43\t')).toEqual({ ok: true, value: '91350100M000100Y43', regionCode: '350100' });
    // lower-case letters outside the alphabet are still refused after upper-casing
    expect(checkCreditCode('91350100o000100Y43')).toEqual({ ok: false, code: 'USCC_FORMAT' });
  });

  it('does not restrict the first two characters to a fixed set', () => {
    for (const head of ['A1620102', 'Y9620102', '0X620102', 'N1620102']) {
      const body = head + 'MA7XQK2H0';
      const code = body + creditCodeCheckChar(body);
      expect(checkCreditCode(code).ok).toBe(true);
    }
  });

  it('completeCreditCode round-trips', () => {
    expect(completeCreditCode('91350100', 'M000100Y')).toBe('91350100M000100Y43');
    for (const [a, b] of [
      ['12110000', '40000119'],
      ['92620102', 'MA7XQK2H'],
      ['52440300', 'NB0A9C0D'],
    ] as const) {
      const code = completeCreditCode(a, b);
      expect(code).toHaveLength(18);
      expect(checkCreditCode(code)).toEqual({ ok: true, value: code, regionCode: a.slice(2) });
    }
    expect(() => completeCreditCode('9135010O', 'M000100Y')).toThrow();
  });
});

describe('isRegionCode', () => {
  it('accepts real codes and rejects pseudo-counties and bad prefixes', () => {
    expect(isRegionCode('110105')).toBe(true);
    expect(isRegionCode('620102')).toBe(true);
    expect(isRegionCode('440000')).toBe(true);
    expect(isRegionCode('130171')).toBe(false);
    expect(isRegionCode('990105')).toBe(false);
    expect(isRegionCode('11010')).toBe(false);
    expect(isRegionCode('11010a')).toBe(false);
  });
});
