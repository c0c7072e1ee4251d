/**
 * The search tokeniser: pure, in the application, so PGlite and PostgreSQL index and query the
 * same lexemes (a plain `tsvector` with the 'simple' configuration; no database parser involved).
 *
 * - Text is NFKC-normalised (full-width letters, digits and punctuation become half-width) and
 *   lower-cased.
 * - A run of Chinese characters becomes its overlapping character pairs: 营业执照 → 营业 业执 执照
 *   (a run of one character stays itself). Pairs need no dictionary, and any two-character term a
 *   citizen types is one lexeme.
 * - Any other run of letters or digits is one word: `Business` → `business`, `000101002000`.
 * - Names and aliases also get each Chinese character alone (unigrams), so a one-character query
 *   (证) finds 驾驶证 — whose pairs are 驾驶 驶证 — without a prefix scan over every pair. Guide
 *   text gets no unigrams: a single character in running text says nothing about the service.
 */

const HAN = /\p{Script=Han}/u;
/** A run of Han characters, or a run of other letters and digits. */
const RUNS = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
/** Longer "words" are noise (hashes, pasted garbage); they are cut, not dropped. */
export const MAX_WORD = 24;

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export type Run = { kind: 'han' | 'word'; text: string };

/** The runs of a normalised text, in order. */
export function runs(text: string): Run[] {
  const out: Run[] = [];
  for (const m of normalize(text).matchAll(RUNS)) {
    if (m[1]) out.push({ kind: 'han', text: m[1] });
    else if (m[2]) out.push({ kind: 'word', text: m[2].slice(0, MAX_WORD) });
  }
  return out;
}

/** Overlapping pairs of a Han run; a one-character run is itself. */
export function bigrams(han: string): string[] {
  const chars = [...han];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * The lexemes of a text: pairs of each Han run, each word; with `unigrams`, every Han character
 * alone as well. Duplicates are kept out; order follows the text.
 */
export function tokenize(text: string, opts: { unigrams?: boolean } = {}): string[] {
  const out = new Set<string>();
  for (const r of runs(text)) {
    if (r.kind === 'word') out.add(r.text);
    else {
      for (const b of bigrams(r.text)) out.add(b);
      if (opts.unigrams) for (const c of r.text) out.add(c);
    }
  }
  return [...out];
}

export const isHan = (s: string) => HAN.test(s);
export const isAsciiWord = (s: string) => /^[a-z0-9]+$/.test(s);
