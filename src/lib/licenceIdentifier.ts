/**
 * Electronic certificate (电子证照) identifier, GB/T 36904-2018:
 *   1.2.156.3005.2.<type code>.<issuer USCC>.<serial>.<version>.<check>
 * - type code: defining authority's USCC (18) + 3-digit sequence;
 * - issuer: issuing authority's USCC (18);
 * - serial: free `[0-9A-Z]+`;
 * - version: 3 digits;
 * - check: ISO 7064 MOD 37,36 (hybrid system, alphabet 0-9A-Z) over
 *   type + issuer + serial + version concatenated, without dots or the OID
 *   prefix. Verified against three published identifiers (see tests).
 */

export const LICENCE_OID_PREFIX = '1.2.156.3005.2';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

function charValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  throw new Error(`Invalid character for MOD 37,36: ${JSON.stringify(c)}`);
}

/**
 * ISO/IEC 7064 MOD 37,36 check character: P = M; for each character
 * S = (P + a) mod M (0 → M), P = 2S mod (M+1); check c with (P + c) mod M = 1.
 * Throws on characters outside 0-9A-Z (input is not case-folded).
 */
export function mod3736Check(s: string): string {
  let p = M;
  for (const ch of s) {
    let t = (p + charValue(ch)) % M;
    if (t === 0) t = M;
    p = (t * 2) % (M + 1);
  }
  return ALPHABET[(M + 1 - p) % M]!;
}

const TYPE_RE = /^[0-9A-Z]{18}\d{3}$/;
const ISSUER_RE = /^[0-9A-Z]{18}$/;
const SERIAL_RE = /^[0-9A-Z]+$/;

export function makeLicenceIdentifier(p: { typeCode: string; issuerCreditCode: string; serial: string; version?: number }): string {
  const version = p.version ?? 1;
  if (!Number.isInteger(version) || version < 0 || version > 999) throw new Error('version must be an integer 0–999');
  if (!TYPE_RE.test(p.typeCode)) throw new Error('typeCode must be a USCC followed by a 3-digit sequence');
  if (!ISSUER_RE.test(p.issuerCreditCode)) throw new Error('issuerCreditCode must be 18 characters [0-9A-Z]');
  if (!SERIAL_RE.test(p.serial)) throw new Error('serial must be non-empty [0-9A-Z]');
  const v = String(version).padStart(3, '0');
  const check = mod3736Check(p.typeCode + p.issuerCreditCode + p.serial + v);
  return [LICENCE_OID_PREFIX, p.typeCode, p.issuerCreditCode, p.serial, v, check].join('.');
}

const ID_RE = /^1\.2\.156\.3005\.2\.([0-9A-Z]{18}\d{3})\.([0-9A-Z]{18})\.([0-9A-Z]+)\.(\d{3})\.([0-9A-Z])$/;

/** Structure and MOD 37,36 check. Does not validate the embedded USCC checks. */
export function checkLicenceIdentifier(id: string): boolean {
  if (typeof id !== 'string') return false;
  const m = ID_RE.exec(id);
  if (!m) return false;
  const [, type, issuer, serial, version, check] = m;
  return mod3736Check(type! + issuer! + serial! + version!) === check;
}

/** Splits a valid identifier into its parts, or null. */
export function parseLicenceIdentifier(
  id: string,
): { typeCode: string; issuerCreditCode: string; serial: string; version: number; check: string } | null {
  if (!checkLicenceIdentifier(id)) return null;
  const [, type, issuer, serial, version, check] = ID_RE.exec(id)!;
  return { typeCode: type!, issuerCreditCode: issuer!, serial: serial!, version: Number(version), check: check! };
}
