import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export type PopulationStatus = 'normal' | 'deceased' | 'cancelled';

/**
 * The population base registry (人口基础信息库), owned by public security and replicated to the
 * node. Identifiers are sealed like accounts' (src/lib/pii.ts): found by blind index only.
 */
export const populationRegistry = pgTable(
  'population_registry',
  {
    id: uuid('id').primaryKey(),
    idNumberBidx: text('id_number_bidx').notNull().unique(),
    idNumberEnc: text('id_number_enc').notNull(),
    nameEnc: text('name_enc').notNull(),
    /** GB/T 2260 code of the household registration (户籍地). */
    regionCode: text('region_code').notNull(),
    status: text('status').$type<PopulationStatus>().notNull().default('normal'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('population_registry_region_idx').on(t.regionCode)],
);

/**
 * The legal-entity base registry (法人基础信息库), owned by market regulation: credit code,
 * registered name, legal representative (by blind index of their ID number), status.
 */
export const entityRegistry = pgTable('entity_registry', {
  id: uuid('id').primaryKey(),
  creditCode: text('credit_code').notNull().unique(),
  name: text('name').notNull(),
  legalRepIdNumberBidx: text('legal_rep_id_number_bidx').notNull(),
  legalRepIdNumberEnc: text('legal_rep_id_number_enc').notNull(),
  regionCode: text('region_code').notNull(),
  status: text('status').$type<'normal' | 'revoked' | 'cancelled'>().notNull().default('normal'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
