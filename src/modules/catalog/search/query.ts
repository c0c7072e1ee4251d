import { quoteLexeme } from './document.js';
import { bigrams, normalize, runs } from './tokenize.js';

/**
 * A query, tokenised the way documents are: each whitespace-separated term becomes the AND of
 * its lexemes (pairs of its Chinese runs, its words); terms are ANDed. A Chinese run of one
 * character matches the unigram names and aliases carry; a word of two letters or more matches by
 * prefix (English words, codes, pinyin keys); a one-letter word only exactly.
 *
 * Synonyms apply per term: a term that contains a synonym's term also matches with the term
 * replaced by each expansion (低保 → 最低生活保障; 低保申请 → 最低生活保障申请), ORed.
 */

export type Synonym = { term: string; expansions: string[] };

export type ParsedQuery = {
  /** Per term, its spellings: the term itself first, then its synonym expansions. */
  terms: { text: string; alternatives: string[] }[];
  /** The tsquery text (lexemes quoted), for both `names_document` and `document`. */
  tsquery: string;
};

const MAX_TERMS = 6;
const MAX_ALTERNATIVES = 8;

/** The lexeme tests of one spelling of a term, joined with &; null when it has none. */
function spellingQuery(text: string): string | null {
  const parts: string[] = [];
  const lexeme = (l: string, prefix: boolean) => parts.push(prefix ? `${quoteLexeme(l)}:*` : quoteLexeme(l));
  for (const r of runs(text)) {
    if (r.kind === 'han') for (const b of bigrams(r.text)) lexeme(b, false);
    else lexeme(r.text, r.text.length >= 2);
  }
  const unique = [...new Set(parts)];
  return unique.length ? unique.join(' & ') : null;
}

/** Terms of a query (normalised, split on anything that is not a letter or digit). */
export function queryTerms(q: string): string[] {
  return normalize(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_TERMS);
}

/** The synonyms whose term occurs in the query: the caller's database read filters on this. */
export function expand(term: string, synonyms: Synonym[]): string[] {
  const out = [term];
  for (const s of synonyms) {
    const t = normalize(s.term);
    if (!t || !term.includes(t)) continue;
    for (const e of s.expansions) {
      const alt = term.replace(t, normalize(e));
      if (!out.includes(alt) && out.length < MAX_ALTERNATIVES) out.push(alt);
    }
  }
  return out;
}

/** Null when the query holds nothing searchable (punctuation only). */
export function parseQuery(q: string, synonyms: Synonym[] = []): ParsedQuery | null {
  const terms = queryTerms(q).map((text) => ({ text, alternatives: expand(text, synonyms) }));
  const groups = terms
    .map((t) => t.alternatives.map(spellingQuery).filter((x): x is string => x !== null))
    .filter((g) => g.length)
    .map((g) => (g.length === 1 ? `( ${g[0]} )` : `( ${g.map((x) => `( ${x} )`).join(' | ')} )`));
  if (!groups.length) return null;
  return { terms, tsquery: groups.join(' & ') };
}

