/**
 * National identifier checks.
 *
 * - Citizen ID number: GB 11643-1999 (公民身份号码), check character per
 *   ISO 7064 MOD 11-2.
 * - Unified social credit code: GB 32100-2015 (法人和其他组织统一社会信用代码编码规则),
 *   checked by its MOD 31 check character only (see checkCreditCode).
 *
 * Pure functions, no I/O.
 */

export type IdErrorCode = 'ID_FORMAT' | 'ID_REGION' | 'ID_BIRTH_DATE' | 'ID_CHECK_DIGIT';

export type IdCheck =
  | { ok: true; value: string; birthDate: string /* YYYY-MM-DD */; sex: 'male' | 'female'; regionCode: string }
  | { ok: false; code: IdErrorCode };

export type CreditCodeCheck =
  | { ok: true; value: string; regionCode: string }
  | { ok: false; code: 'USCC_FORMAT' | 'USCC_CHECK' };

/**
 * Province-level prefixes (first two digits of a GB/T 2260 code).
 * 11–15, 21–23, 31–37, 41–46, 50–54, 61–65; 81–83 are used by Hong Kong /
 * Macao / Taiwan residents' residence permits (unconfirmed as a GB/T 2260
 * rule, see STANDARDS.md) and accepted here.
 */
const PROVINCE_PREFIXES: ReadonlySet<string> = new Set(
  [
    [11, 15],
    [21, 23],
    [31, 37],
    [41, 46],
    [50, 54],
    [61, 65],
    [81, 83],
  ].flatMap(([lo, hi]) => {
    const out: string[] = [];
    for (let p = lo!; p <= hi!; p++) out.push(String(p));
    return out;
  }),
);

export function isProvincePrefix(prefix2: string): boolean {
  return PROVINCE_PREFIXES.has(prefix2);
}

/**
 * A plausible GB/T 2260 division code: 6 digits, known province prefix, and
 * not a statistics-bureau development-zone pseudo-county (`xxxx7x`, e.g.
 * 130171), which is not a legal administrative division.
 * Does not check the code against the current division list (abolished codes
 * remain valid in old records).
 */
export function isRegionCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  if (!PROVINCE_PREFIXES.has(code.slice(0, 2))) return false;
  if (/^\d{4}7\d$/.test(code)) return false;
  return true;
}

// ---------------------------------------------------------------------------
// GB 11643-1999 citizen ID number

/** GB 11643-1999 §5: weights W_i = 2^(i-1) mod 11 for positions 17..1. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Sum mod 11 → check character. */
const ID_CHECK_MAP = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

/** Earliest birth year accepted (the standard's own example is born 1880). */
const MIN_BIRTH_YEAR = 1800;

/** GB 11643 check character for the first 17 digits. Throws on bad input. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('ID number body must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK_MAP[sum % 11]!;
}

/** Appends the GB 11643 check character to a 17-digit body. */
export function completeIdNumber(first17: string): string {
  return first17 + idCheckChar(first17);
}

/** Made once: building an Intl formatter costs ≈ 0.3 ms, more than the rest of an ID check. */
const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

function todayInShanghai(): string {
  const parts = shanghaiDay.formatToParts(new Date());
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(2000, m - 1, d));
  dt.setUTCFullYear(y); // avoid the 0–99 → 1900–1999 mapping of Date.UTC
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Validates a citizen ID number (GB 11643-1999).
 * Trims, upper-cases a trailing `x`; 18 characters; province prefix from the
 * STANDARDS list; real birth date not after `today` (Asia/Shanghai date by
 * default; pass `today` as YYYY-MM-DD for deterministic checks); check char.
 */
export function checkIdNumber(input: string, today?: string): IdCheck {
  if (typeof input !== 'string') return { ok: false, code: 'ID_FORMAT' };
  let value = input.trim();
  if (value.endsWith('x')) value = value.slice(0, -1) + 'X';
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, code: 'ID_FORMAT' };

  const regionCode = value.slice(0, 6);
  if (!PROVINCE_PREFIXES.has(value.slice(0, 2))) return { ok: false, code: 'ID_REGION' };

  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birthDate = value.slice(6, 10) + '-' + value.slice(10, 12) + '-' + value.slice(12, 14);
  if (y < MIN_BIRTH_YEAR || !isRealDate(y, m, d) || birthDate > (today ?? todayInShanghai())) {
    return { ok: false, code: 'ID_BIRTH_DATE' };
  }

  if (idCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, code: 'ID_CHECK_DIGIT' };

  // Sequence code (positions 15–17): odd = male, even = female.
  const sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, sex, regionCode };
}

/**
 * 15-digit legacy number → 18 digits: insert `19` after position 6 and append
 * the check character (GB 11643-1999; `110105491231002` → `11010519491231002X`).
 * Throws Error if the input is not 15 digits or the result is not valid.
 */
export function upgradeLegacyIdNumber(id15: string): string {
  const s = typeof id15 === 'string' ? id15.trim() : '';
  if (!/^\d{15}$/.test(s)) throw new Error('Legacy ID number must be 15 digits');
  const id18 = completeIdNumber(s.slice(0, 6) + '19' + s.slice(6));
  const res = checkIdNumber(id18);
  if (!res.ok) throw new Error(`Invalid legacy ID number (${res.code})`);
  return id18;
}

// ---------------------------------------------------------------------------
// GB 32100-2015 unified social credit code

/** GB 32100-2015 character set (no I, O, S, V, Z); index = value 0–30. */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 32100-2015 weights W_i = 3^(i-1) mod 31. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** GB 11714-1997 organisation code weights. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const USCC_RE = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

/** GB 11714 character value: 0–9 → 0–9, A–Z → 10–35. */
function orgCharValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  throw new Error(`Invalid organisation code character ${c}`);
}

/** GB 11714 check character over the first 8 characters of an organisation code. */
export function orgCodeCheckChar(org8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(org8)) throw new Error('Organisation code body must be 8 characters [0-9A-Z]');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(org8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11); // 10 → X, 11 → 0
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** GB 32100 check character over the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  if (!/^[0-9A-HJ-NP-RTUW-Y]{17}$/.test(first17)) throw new Error('Credit code body must be 17 GB 32100 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  const c = 31 - (sum % 31); // 31 → 0
  return USCC_ALPHABET[c === 31 ? 0 : c]!;
}

/**
 * Validates a unified social credit code (GB 32100-2015): trims and upper-cases, then checks the
 * alphabet and length (USCC_FORMAT) and the MOD 31 check character (USCC_CHECK). Nothing else:
 * positions 9–17 (主体标识码) are a GB 11714 organisation code only for older organisations, and
 * many real codes (individual businesses 92…, codes assigned since 2015) do not pass that inner
 * check, so it is never a reason to refuse (STANDARDS.md, Identifiers). The first character
 * (registering authority) is deliberately not restricted to a fixed set either.
 */
export function checkCreditCode(input: string): CreditCodeCheck {
  if (typeof input !== 'string') return { ok: false, code: 'USCC_FORMAT' };
  const value = input.trim().toUpperCase();
  if (!USCC_RE.test(value)) return { ok: false, code: 'USCC_FORMAT' };
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, code: 'USCC_CHECK' };
  return { ok: true, value, regionCode: value.slice(2, 8) };
}

/**
 * Builds a valid credit code from the first 8 characters (registering
 * authority, organisation type, 6-digit division) and the first 8 characters
 * of the organisation code: appends the GB 11714 and GB 32100 checks (an
 * older organisation's shape; a valid code need not have the inner check).
 * Throws on characters outside the GB 32100 alphabet.
 */
export function completeCreditCode(first8: string, orgCode8: string): string {
  if (!/^[0-9A-HJ-NP-RTUW-Y]{8}$/.test(first8)) throw new Error('first8 must be 8 GB 32100 characters');
  if (!/^[0-9A-HJ-NP-RTUW-Y]{8}$/.test(orgCode8)) throw new Error('orgCode8 must be 8 GB 32100 characters');
  const body17 = first8 + orgCode8 + orgCodeCheckChar(orgCode8);
  return body17 + creditCodeCheckChar(body17);
}

/**
 * Whether GB/T 2260 division `inner` lies within `outer`: a province (`xx0000`) holds every code
 * with its first two digits, a prefecture-level city (`xxxx00`) every code with its first four,
 * and a county-level code only itself.
 */
export function regionWithin(inner: string, outer: string): boolean {
  if (!isRegionCode(inner) || !isRegionCode(outer)) return false;
  if (outer.endsWith('0000')) return inner.startsWith(outer.slice(0, 2));
  if (outer.endsWith('00')) return inner.startsWith(outer.slice(0, 4));
  return inner === outer;
}
