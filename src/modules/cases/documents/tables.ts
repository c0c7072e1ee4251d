import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../../db/types.js';
import { departments } from '../../identity/tables.js';
import { signingKeys } from '../../licences/tables.js';
import { cases } from '../tables.js';

/** 受理通知书, 补正告知书, 不予受理决定书, 准予许可决定书, 不予许可决定书. */
export type CaseDocumentKind = 'acceptance' | 'supplement' | 'rejection' | 'approval' | 'denial';

/**
 * One document a case step issued (受理通知书 on acceptance, …), written in the step's transaction.
 * The PDF is not stored: it is rendered from `content` (the exact text drawn, as JSON text — not
 * jsonb, which would reorder keys) and the seal image it names, byte for byte the same every time;
 * `pdf_sha256` is the hash of the file as issued and every download is checked against it.
 * The signature covers the canonical payload (see payload.ts) rebuilt from these columns, so an
 * edit of any of them shows as invalid on the public verification page.
 */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    kind: text('kind').$type<CaseDocumentKind>().notNull(),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    /** 文号, e.g. 市场监管受字〔2026〕第12号: the department's short name, the kind's character, the year and its sequence. */
    documentNumber: text('document_number').notNull().unique(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** Whole seconds: the date printed and the PDF's CreationDate come from it. */
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    /** Short public code the QR link carries (/verify/document/<code>). */
    verifyCode: text('verify_code').notNull().unique(),
    content: text('content').notNull(),
    pdfSha256: text('pdf_sha256').notNull(),
    /** Null when the department had no signing key: the page then says the document is not signed. */
    keyId: uuid('key_id').references(() => signingKeys.id),
    signature: text('signature'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_documents_case_idx').on(t.caseId, t.issuedAt), uniqueIndex('case_documents_sequence_idx').on(t.departmentId, t.kind, t.year, t.seq)],
);

/** The last sequence number given per department, kind and year (文号 are numbered per year). */
export const caseDocumentCounters = pgTable(
  'case_document_counters',
  {
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    kind: text('kind').$type<CaseDocumentKind>().notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.kind, t.year] })],
);

/** A department's letterhead for its documents: the short name in 文号 and its seal image (if any). */
export const documentLetterheads = pgTable('document_letterheads', {
  departmentId: uuid('department_id').primaryKey().references(() => departments.id),
  shortName: text('short_name').notNull(),
  /** The seal image in use (document_seals), or null for the drawn seal. */
  sealSha256: text('seal_sha256').references(() => documentSeals.sha256),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});

/** Seal images by content: a document names the one it was issued with, which never changes. */
export const documentSeals = pgTable('document_seals', {
  sha256: text('sha256').primaryKey(),
  png: bytea('png').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
