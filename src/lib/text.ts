import { z } from 'zod';

/**
 * Text the platform can store and show safely.
 *
 * Unstorable anywhere: NUL (PostgreSQL text and jsonb cannot hold U+0000) and unpaired UTF-16
 * surrogates (no UTF-8 encoding exists; they turn into U+FFFD on the way to the database).
 *
 * Not allowed in names (people, enterprises, departments, staff, passkeys, client systems):
 * control characters (ESC sequences reach terminals and logs), bidirectional controls (U+202E turns
 * "invoice‮fdp.exe" into "invoiceexe.pdf" on screen — Unicode TR #36 §2.1; CVE-2021-42574),
 * line/paragraph separators, and the invisible zero-width space, word joiner and BOM.
 * Variation selectors stay allowed: rare characters in Chinese names need them (Unicode IVD).
 */
const UNSTORABLE = /[\u0000\p{Cs}]/u; // with the u flag only an unpaired surrogate is a Cs code point

export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

const NOT_IN_NAMES = /[\p{Cc}\p{Bidi_Control}\p{Zl}\p{Zp}\u200B\u2060\uFEFF]/u;

export function isCleanName(s: string): boolean {
  return isStorableText(s) && !NOT_IN_NAMES.test(s);
}

/** Every name field's schema: trimmed, required, at most `max` characters, no control or bidi characters. */
export const nameText = (max: number) => z.string().trim().min(1, 'REQUIRED').max(max).refine(isCleanName, 'NAME_CHARS');

/** Paths (a.b.0.c) of every string — value or key — in a parsed input that cannot be stored. */
export function unstorableTextPaths(value: unknown, path: string[] = [], out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (!isStorableText(value)) out.push(path.join('.'));
  } else if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && depth < 64) {
    for (const [k, v] of Object.entries(value)) {
      if (!isStorableText(k)) out.push([...path, '(key)'].join('.'));
      else unstorableTextPaths(v, [...path, k], out, depth + 1);
    }
  }
  return out;
}
