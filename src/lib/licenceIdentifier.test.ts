import { describe, it, expect } from 'vitest';
import { checkLicenceIdentifier, makeLicenceIdentifier, mod3736Check, parseLicenceIdentifier } from './licenceIdentifier.js';

const SAMPLES = [
  '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U',
  '1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F',
  '1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0',
];

describe('mod3736Check (ISO 7064 MOD 37,36)', () => {
  it('matches the published samples over type+issuer+serial+version', () => {
    expect(mod3736Check('11100000000013338W011' + '11430000006122244L' + '20230000403' + '001')).toBe('U');
    expect(mod3736Check('11100000000013338W032' + '11220000013544541J' + '2430599' + '001')).toBe('F');
    expect(mod3736Check('11100000000013338W009' + '11330105002500287C' + '2025052201' + '002')).toBe('0');
  });
  it('detects every single-character substitution and adjacent transposition in a sample body', () => {
    const body = '11100000000013338W01111430000006122244L20230000403001';
    const c = mod3736Check(body);
    const A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < body.length; i++) {
      for (const ch of A) {
        if (ch === body[i]) continue;
        expect(mod3736Check(body.slice(0, i) + ch + body.slice(i + 1))).not.toBe(c);
      }
      if (i + 1 < body.length && body[i] !== body[i + 1]) {
        expect(mod3736Check(body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2))).not.toBe(c);
      }
    }
  });
  it('throws on characters outside 0-9A-Z', () => {
    expect(() => mod3736Check('abc')).toThrow();
  });
});

describe('licence identifiers (GB/T 36904)', () => {
  it('validates the published samples', () => {
    for (const id of SAMPLES) expect(checkLicenceIdentifier(id), id).toBe(true);
  });
  it('rejects a changed character or bad structure', () => {
    expect(checkLicenceIdentifier(SAMPLES[0]!.replace('20230000403', '20230000404'))).toBe(false);
    expect(checkLicenceIdentifier(SAMPLES[1]!.replace(/F$/, 'G'))).toBe(false);
    expect(checkLicenceIdentifier(SAMPLES[2]!.replace('.002.', '.001.'))).toBe(false);
    expect(checkLicenceIdentifier(SAMPLES[0]!.replace('1.2.156.3005.2', '1.2.156.3005.3'))).toBe(false);
    expect(checkLicenceIdentifier(SAMPLES[0]!.toLowerCase())).toBe(false);
    expect(checkLicenceIdentifier('')).toBe(false);
  });
  it('makes identifiers that reproduce the samples', () => {
    expect(
      makeLicenceIdentifier({
        typeCode: '11100000000013338W011',
        issuerCreditCode: '11430000006122244L',
        serial: '20230000403',
      }),
    ).toBe(SAMPLES[0]);
    expect(
      makeLicenceIdentifier({
        typeCode: '11100000000013338W009',
        issuerCreditCode: '11330105002500287C',
        serial: '2025052201',
        version: 2,
      }),
    ).toBe(SAMPLES[2]);
    expect(parseLicenceIdentifier(SAMPLES[1]!)).toEqual({
      typeCode: '11100000000013338W032',
      issuerCreditCode: '11220000013544541J',
      serial: '2430599',
      version: 1,
      check: 'F',
    });
    expect(() => makeLicenceIdentifier({ typeCode: 'X', issuerCreditCode: '11430000006122244L', serial: '1' })).toThrow();
    expect(() =>
      makeLicenceIdentifier({ typeCode: '11100000000013338W011', issuerCreditCode: '11430000006122244L', serial: '1', version: 1000 }),
    ).toThrow();
  });
});
