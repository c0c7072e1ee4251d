/**
 * Display masking of personal data (脱敏) for lists, logs and receipts.
 * Characters are counted by code point, so rare-character names (e.g. 𠮷)
 * are not split. Input is trimmed.
 */

function chars(s: string): string[] {
  return Array.from(typeof s === 'string' ? s.trim() : '');
}

/** Masks all but the first `head` and last `tail` characters. Shorter inputs are fully masked except the first char. */
function keep(s: string, head: number, tail: number): string {
  const c = chars(s);
  if (c.length === 0) return '';
  if (c.length <= head + tail) return c[0] + '*'.repeat(c.length - 1);
  return c.slice(0, head).join('') + '*'.repeat(c.length - head - tail) + c.slice(c.length - tail).join('');
}

/** 张三丰 → 张*丰, 张三 → 张*, 欧阳小明 → 欧**明, 张 → *. */
export function maskName(name: string): string {
  const c = chars(name);
  if (c.length <= 1) return '*'.repeat(c.length);
  if (c.length === 2) return c[0] + '*';
  return c[0] + '*'.repeat(c.length - 2) + c[c.length - 1];
}

/** Keeps the address code (6) and the last 4: 620102199001011234 → 620102********1234. */
export function maskIdNumber(id: string): string {
  return keep(id, 6, 4);
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  return keep(phone, 3, 4);
}

/** Keeps the first 8 (authority, type, division) and last 2: 91350100********43. */
export function maskCreditCode(code: string): string {
  return keep(code, 8, 2);
}
