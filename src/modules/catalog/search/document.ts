import { pinyinKeys } from './pinyin.js';
import { normalize, tokenize } from './tokenize.js';

/**
 * What the search index holds for one service item, as plain data: the catalogue feeds it from its
 * items today (`itemDocument` in indexServiceItem.ts) and from basic items and implementations later.
 */
export type SearchDocumentInput = {
  itemId: string;
  /** The item's names (zh, en): weight A. */
  names: string[];
  /** Other names citizens use (简称, 俗称): weight B. */
  aliases: string[];
  /** Code, department name, other labels: weight B, no pinyin. */
  keywords: string[];
  /** Guide text (conditions, audience, result): weight D, pairs and words only. */
  text: string[];
};

export type SearchDocument = {
  itemId: string;
  /** The `tsvector` literal of every lexeme (quoted, each with its positions and weights). */
  vector: string;
  /** The `tsvector` literal of the lexemes of names and aliases and their pinyin keys (no positions). */
  namesVector: string;
  /** Normalised names, and aliases with keywords: what ranking compares. */
  names: string[];
  aliases: string[];
};

/** Bumped when the builder or the tokeniser changes: ensureSearchIndex rebuilds older rows. */
export const DOCUMENT_VERSION = 1;

type Weight = 'A' | 'B' | 'D';
/** tsvector positions are 1..16383. */
const MAX_POSITION = 16383;
const MAX_TEXT_LEXEMES = 4000;

export const quoteLexeme = (l: string) => `'${l.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** Builds the index row of one item. Pure: same input, same row, on any database. */
export function buildSearchDocument(input: SearchDocumentInput): SearchDocument {
  const weights = new Map<string, Set<Weight>>();
  const add = (lexemes: string[], w: Weight) => {
    for (const l of lexemes) {
      const set = weights.get(l) ?? new Set<Weight>();
      set.add(w);
      weights.set(l, set);
    }
  };
  const names = input.names.filter((s) => s.trim());
  const aliases = input.aliases.filter((s) => s.trim());
  const namePinyin = names.flatMap(pinyinKeys);
  const aliasPinyin = aliases.flatMap(pinyinKeys);
  // Pinyin keys go to the names vector only: they are most of a document's bytes, and a query of
  // pinyin is answered on names and aliases (mixed with a guide-text word it finds nothing).
  const nameLexemes = new Set<string>([...namePinyin, ...aliasPinyin]);
  const addName = (lexemes: string[], w: Weight) => {
    for (const l of lexemes) nameLexemes.add(l);
    add(lexemes, w);
  };
  for (const n of names) addName(tokenize(n, { unigrams: true }), 'A');
  for (const a of aliases) addName(tokenize(a, { unigrams: true }), 'B');
  for (const k of input.keywords) add(tokenize(k), 'B');
  add(input.text.flatMap((t) => tokenize(t)).slice(0, MAX_TEXT_LEXEMES), 'D');

  const namesVector = [...nameLexemes].map(quoteLexeme).join(' ');
  let pos = 0;
  const parts: string[] = [];
  for (const [lexeme, ws] of weights) {
    const positions = [...ws].sort().map((w) => `${Math.min(++pos, MAX_POSITION)}${w === 'D' ? '' : w}`);
    parts.push(`${quoteLexeme(lexeme)}:${positions.join(',')}`);
  }
  return {
    itemId: input.itemId,
    vector: parts.join(' '),
    namesVector,
    names: names.map(normalize),
    aliases: [...aliases, ...input.keywords].map(normalize).filter(Boolean),
  };
}
