import { boolean, date, integer, jsonb, pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import type { LocalText } from '../../db/types.js';
import { accounts, departments } from '../identity/tables.js';
import { cases } from '../cases/tables.js';
import type { SigningAlg } from '../../lib/signing.js';

/** How one face field of a licence type is filled from the case. */
export type FaceFieldSpec = { key: string; label: LocalText; source: string };

export const licenceTypes = pgTable('licence_types', {
  id: uuid('id').primaryKey(),
  /** GB/T 36904 type code: defining authority's USCC + 3-digit sequence. */
  code: text('code').notNull().unique(),
  name: jsonb('name').$type<LocalText>().notNull(),
  departmentId: uuid('department_id').notNull().references(() => departments.id),
  validityYears: integer('validity_years'),
  faceFields: jsonb('face_fields').$type<FaceFieldSpec[]>().notNull(),
});

export const signingKeys = pgTable('signing_keys', {
  id: uuid('id').primaryKey(),
  departmentId: uuid('department_id').notNull().references(() => departments.id),
  alg: text('alg').$type<SigningAlg>().notNull(),
  publicKey: text('public_key').notNull(),
  privateKey: text('private_key').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const licences = pgTable(
  'licences',
  {
    id: uuid('id').primaryKey(),
    identifier: text('identifier').notNull().unique(),
    /** Opaque code carried by the QR link; reveals nothing by itself. */
    verifyCode: text('verify_code').notNull().unique(),
    typeId: uuid('type_id').notNull().references(() => licenceTypes.id),
    caseId: uuid('case_id').references(() => cases.id).unique(),
    holderAccountId: uuid('holder_account_id').notNull().references(() => accounts.id),
    holderName: text('holder_name').notNull(),
    holderIdNumber: text('holder_id_number').notNull(),
    issuerDepartmentId: uuid('issuer_department_id').notNull().references(() => departments.id),
    /** The issuer as it was at issuance: a certificate keeps the name and code it was signed with. */
    issuerName: jsonb('issuer_name').$type<LocalText>().notNull(),
    issuerCreditCode: text('issuer_credit_code').notNull(),
    face: jsonb('face').$type<Record<string, string>>().notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    status: text('status').$type<'valid' | 'revoked'>().notNull().default('valid'),
    keyId: uuid('key_id').notNull().references(() => signingKeys.id),
    signedPayload: text('signed_payload').notNull(),
    signature: text('signature').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
  },
  // The holder's wallet list is paged newest first on (issued_at, id): one range scan per page.
  (t) => [index('licences_holder_issued_idx').on(t.holderAccountId, t.issuedAt, t.id)],
);
