import { readFileSync } from 'node:fs';

/** The built-in list of the most common passwords (lower-case). */
const common: ReadonlySet<string> = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#')),
);

export const commonPasswordCount = () => common.size;

const keyboardRows = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** The step from a to b, if they are the same, neighbours in the alphabet/digits, or neighbours on a keyboard row. */
function steps(a: string, b: string): string[] {
  const out: string[] = [];
  const d = b.charCodeAt(0) - a.charCodeAt(0);
  if (d === 0) out.push('same');
  if (d === 1) out.push('up');
  if (d === -1) out.push('down');
  for (const row of keyboardRows) {
    const i = row.indexOf(a);
    const j = row.indexOf(b);
    if (i >= 0 && j >= 0 && j - i === 1) out.push(`kbd+${row}`);
    if (i >= 0 && j >= 0 && j - i === -1) out.push(`kbd-${row}`);
  }
  return out;
}

/**
 * True for passwords that are at most two runs of repeated, consecutive or keyboard-adjacent
 * characters: 12345678, aaaaaaaa, qwertyui, abcd1234, aaaa1111, qwer1234, 87654321.
 */
export function isSimplePattern(password: string): boolean {
  const p = password.toLowerCase();
  let runs = 0;
  let i = 0;
  while (i < p.length) {
    runs++;
    if (runs > 2) return false;
    let j = i + 1;
    let kinds = j < p.length ? steps(p[i]!, p[j]!) : [];
    while (j < p.length && kinds.length) {
      const next = j + 1 < p.length ? steps(p[j]!, p[j + 1]!).filter((k) => kinds.includes(k)) : [];
      j++;
      if (!next.length) break;
      kinds = next;
    }
    i = j;
  }
  return true;
}

export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  return common.has(p) || common.has(p.replace(/[^a-z0-9]+$/, ''));
}

/** True when the password contains a run of 6 or more digits taken from the phone or ID number. */
export function containsPersonalDigits(password: string, personal: (string | undefined | null)[]): boolean {
  for (const run of password.match(/\d{6,}/g) ?? []) {
    for (let k = 0; k + 6 <= run.length; k++) {
      const piece = run.slice(k, k + 6);
      if (personal.some((v) => v && v.toUpperCase().includes(piece))) return true;
    }
  }
  return false;
}

/**
 * The one password rule (register, and any later password change): the field-message code of the
 * first problem, or null. Most specific first, so a user sees one clear reason.
 */
export function passwordProblem(password: string, personal: { phone?: string | null; idNumber?: string | null } = {}): string | null {
  if (password.length < 8 || password.length > 128) return 'PASSWORD_WEAK';
  if (isSimplePattern(password)) return 'PASSWORD_PATTERN';
  if (isCommonPassword(password)) return 'PASSWORD_COMMON';
  if (containsPersonalDigits(password, [personal.phone, personal.idNumber])) return 'PASSWORD_PERSONAL';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'PASSWORD_WEAK';
  return null;
}
