import { addDict, pinyin, polyphonic } from 'pinyin-pro';
import { MAX_WORD, runs } from './tokenize.js';

/**
 * Pinyin keys of a name, for citizens who type Latin letters: `yyzz` (initials), `yingyezhizhao`
 * (full), `yingyezz` (full syllables, then initials) all find 营业执照.
 *
 * Representation: for every start position in each Han run, the syllables from there on written
 * four ways — initials only, the first syllable in full and initials after,
 * the first two in full and initials after, all in full. Each is one lowercase lexeme in the same
 * tsvector, and a query word matches it by prefix (`'yingyezz':*`), so a partly typed syllable
 * works too (`yingyezh` is a prefix of `yingyezhiz`). Keys are cut to MAX_KEY characters, as query
 * words are (tokenize.ts), so a query that is a prefix of the whole key still matches. That keeps pinyin on the one GIN index and
 * off pg_trgm, which PGlite and `lc_ctype C` cannot be relied on for.
 *
 * pinyin-pro reads each word one way (重庆 → chong qing). A name's other readings of the common
 * polyphones below are indexed as well (重庆 → cq and zq), at most MAX_ALTERNATIVES per run; and
 * 政务 words pinyin-pro reads wrongly are corrected with `addDict`.
 */

const MAX_KEY = MAX_WORD;
const MAX_ALTERNATIVES = 4;
/** Characters whose other readings citizens plausibly type (the rest: pinyin-pro's reading only). */
const POLYPHONES = new Set([...'重长行调还会朝乐率省校解传参处发降强曾藏单朴仇区查盛卜缪覃解种和着便']);

/** 政务 words pinyin-pro 3.29 reads wrongly (checked one by one: 行政, 银行, 行业, 偿还, 重新 it already reads right). */
export const GOVERNMENT_DICT: Record<string, string> = {
  还款: 'huán kuǎn',
  还贷: 'huán dài',
  车行: 'chē háng',
  单县: 'shàn xiàn',
};

let dictLoaded = false;
function ensureDict() {
  if (dictLoaded) return;
  addDict(GOVERNMENT_DICT, 'yiwang-government');
  dictLoaded = true;
}

const opts = { toneType: 'none', type: 'array', v: true } as const;

/** The syllables of a Han run (ü written v, as pinyin keyboards do), and its alternative readings. */
export function readings(han: string): string[][] {
  ensureDict();
  const primary = pinyin(han, opts);
  const chars = [...han];
  if (primary.length !== chars.length) return [primary];
  const out = [primary];
  const options = polyphonic(han, opts);
  for (let i = 0; i < chars.length && out.length <= MAX_ALTERNATIVES; i++) {
    if (!POLYPHONES.has(chars[i]!)) continue;
    for (const alt of options[i] ?? []) {
      if (alt === primary[i] || out.length > MAX_ALTERNATIVES) continue;
      out.push(primary.map((s, j) => (j === i ? alt : s)));
    }
  }
  return out;
}

/** The keys of one syllable sequence (see above). */
export function syllableKeys(syl: string[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i < syl.length; i++) {
    const span = syl.slice(i);
    const initials = span.map((s) => s[0]).join('');
    const cut = (s: string) => s.slice(0, MAX_KEY);
    if (initials.length >= 2) out.add(cut(initials));
    out.add(cut(span.join('')));
    for (let k = 1; k <= 2 && k < span.length; k++) out.add(cut(span.slice(0, k).join('') + initials.slice(k)));
  }
  return [...out];
}

/** Every pinyin key of a text's Han runs, all readings. */
export function pinyinKeys(text: string): string[] {
  const out = new Set<string>();
  for (const r of runs(text)) {
    if (r.kind !== 'han') continue;
    for (const syl of readings(r.text)) for (const k of syllableKeys(syl)) out.add(k);
  }
  return [...out];
}
