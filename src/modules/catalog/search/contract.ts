import { z } from 'zod';
import { isStorableText, nameText } from '../../../lib/text.js';

/** `q` of the search routes: the same bounds as the item list's. */
export const searchText = z.string().trim().max(50).refine(isStorableText, 'TEXT_UNSTORABLE');

export const suggestQuery = z.object({ q: searchText });
export const suggestion = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  department: z.object({ id: z.string().uuid(), name: z.string() }),
});
export const suggestionList = z.object({ items: z.array(suggestion) });

/** A synonym as an admin enters it: a term and what it also means (低保 → 最低生活保障). */
export const newSynonym = z.object({
  term: nameText(20),
  expansions: z.array(nameText(50)).min(1, 'REQUIRED').max(10),
});
export const synonymView = z.object({
  id: z.string().uuid(),
  term: z.string(),
  expansions: z.array(z.string()),
  createdAt: z.string(),
});
export const synonymList = z.object({ items: z.array(synonymView) });
export const synonymIdParams = z.object({ id: z.string().uuid() });

export type Suggestion = z.output<typeof suggestion>;
export type SuggestionList = z.output<typeof suggestionList>;
export type NewSynonym = z.input<typeof newSynonym>;
export type SynonymView = z.output<typeof synonymView>;
export type SynonymList = z.output<typeof synonymList>;
