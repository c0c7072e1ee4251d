import type { ParsedQuery } from './query.js';

/**
 * A candidate the index selected, with what ranking compares (normalised), and whether it matched
 * on names, aliases or pinyin (weights A, B) or only elsewhere (guide text).
 */
export type Candidate = { itemId: string; names: string[]; aliases: string[]; onNames: boolean };

/**
 * How well one spelling of a term fits a candidate, lower is better: the exact name, a name that
 * starts with it, a name that contains it, an alias or keyword that contains it; then a candidate
 * that matched on names without containing the text (pinyin keys); anything else matched only the
 * guide text.
 */
function fit(c: Candidate, s: string, whole: boolean): number {
  let best = 5;
  for (const n of c.names) {
    if (whole && n === s) return 0;
    if (n.startsWith(s)) best = Math.min(best, 1);
    else if (n.includes(s)) best = Math.min(best, 2);
  }
  if (best < 5) return best;
  if (c.aliases.some((a) => a.includes(s))) return 3;
  return c.onNames ? 4 : 5;
}

/** A candidate's score: its worst term decides (each term at its best spelling; a synonym's costs half a step). */
export function score(c: Candidate, q: ParsedQuery): number {
  const whole = q.terms.length === 1;
  let worst = 0;
  for (const t of q.terms) {
    let best = Infinity;
    t.alternatives.forEach((a, i) => {
      best = Math.min(best, fit(c, a, whole) + (i === 0 ? 0 : 0.5));
    });
    worst = Math.max(worst, best);
  }
  return worst;
}

/** Ranks a small candidate set (never all matches): score, then shorter names, then older items. */
export function rank(candidates: Candidate[], q: ParsedQuery): Candidate[] {
  const keyed = candidates.map((c) => ({ c, s: score(c, q), len: Math.min(...c.names.map((n) => [...n].length), 1e6) }));
  keyed.sort((a, b) => a.s - b.s || a.len - b.len || (a.c.itemId < b.c.itemId ? -1 : a.c.itemId > b.c.itemId ? 1 : 0));
  return keyed.map((k) => k.c);
}
