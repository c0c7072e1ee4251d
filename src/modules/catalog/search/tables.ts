import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../identity/tables.js';
import { serviceItems } from '../tables.js';

/** A plain tsvector: lexemes made by the application's tokeniser (search/tokenize.ts), never by a database parser. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The search index of the catalogue: one row per service item, built by `buildSearchDocument`
 * (CJK pairs, words, pinyin keys) and found through two GIN indexes: `names_document` holds the
 * lexemes of names, aliases and their pinyin (the suggestions' fast path, and the first candidates
 * of a search); `document` holds every lexeme but the pinyin keys, weighted A names, B aliases and
 * keywords, D guide text. Two columns rather than a weight-restricted query on one: a weight test cannot be answered
 * by the GIN index, so every candidate row would be fetched, decompressed and rechecked (measured:
 * ~70 µs a row on PGlite). `names` and `aliases` (normalised) are what ranking compares on the
 * small candidate set the indexes select.
 */
export const catalogSearchDocuments = pgTable(
  'catalog_search_documents',
  {
    itemId: uuid('item_id')
      .primaryKey()
      .references(() => serviceItems.id, { onDelete: 'cascade' }),
    namesDocument: tsvector('names_document').notNull(),
    document: tsvector('document').notNull(),
    names: jsonb('names').$type<string[]>().notNull(),
    aliases: jsonb('aliases').$type<string[]>().notNull(),
    /** DOCUMENT_VERSION of the builder that wrote the row (the index as a whole: catalog_search_state). */
    version: integer('version').notNull(),
    indexedAt: timestamp('indexed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('catalog_search_documents_names_document_idx').using('gin', t.namesDocument), index('catalog_search_documents_document_idx').using('gin', t.document)],
);

/**
 * One row (id 1): the DOCUMENT_VERSION the whole index was last built with, when, and how many items
 * that build indexed. `ensureSearchIndex` reads it at every start (one read by primary key) and
 * rebuilds only when it differs from the running builder's, or when the index is empty while
 * published items exist. No row (a database from before it, or one an operator cleared to force a
 * rebuild) counts as differing.
 */
export const catalogSearchState = pgTable('catalog_search_state', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
  builtAt: timestamp('built_at', { withTimezone: true }).notNull(),
  items: integer('items').notNull(),
});

/** Search synonyms catalogue admins keep: a query term also matches its expansions (低保 → 最低生活保障). */
export const catalogSearchSynonyms = pgTable('catalog_search_synonyms', {
  id: uuid('id').primaryKey(),
  /** Normalised (NFKC, lower case): what a query term is compared with. */
  term: text('term').notNull().unique(),
  expansions: jsonb('expansions').$type<string[]>().notNull(),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
