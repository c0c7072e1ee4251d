import { boolean, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { LocalText } from '../../db/types.js';

export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: jsonb('name').$type<LocalText>().notNull(),
    creditCode: text('credit_code').notNull().unique(),
    regionCode: text('region_code').notNull(),
    /** The unit above in the department tree (a bureau under the city government, a branch under a bureau); null at a root. */
    parentId: uuid('parent_id').references((): AnyPgColumn => departments.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('departments_parent_idx').on(t.parentId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').$type<AccountKind>().notNull(),
    name: text('name').notNull(),
    /**
     * Plaintext columns of releases before 0.2: always NULL now. Rows still holding a value are
     * sealed at start-up (`sealLegacyIdentifiers`); the columns go in a later release.
     */
    legacyIdNumber: text('id_number').unique(),
    legacyPhone: text('phone').unique(),
    /** ID number (GB 11643) and mobile number: sealed, and found through their blind index (see pii.ts). */
    idNumberEnc: text('id_number_enc'),
    idNumberBidx: text('id_number_bidx').unique(),
    phoneEnc: text('phone_enc'),
    phoneBidx: text('phone_bidx').unique(),
    /** Unified social credit codes are public registry data (GB 32100): kept readable. */
    creditCode: text('credit_code').unique(),
    username: text('username').unique(),
    passwordHash: text('password_hash').notNull(),
    /** Set when someone else chose the password (an admin creating a staff account): changed at first sign-in. */
    passwordMustChange: boolean('password_must_change').notNull().default(false),
    departmentId: uuid('department_id').references(() => departments.id),
    level: smallint('level').notNull().default(1),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('accounts_department_idx').on(t.departmentId)],
);

export const accountRoles = pgTable(
  'account_roles',
  {
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    role: text('role').$type<StaffRole>().notNull(),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    /** The admin who granted the role; null for roles set up at installation (seed). */
    grantedBy: uuid('granted_by').references((): AnyPgColumn => accounts.id),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.role, t.departmentId] })],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a leaked table does not leak live sessions. */
    id: text('id').primaryKey(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    csrf: text('csrf').notNull(),
    /** Shown in the user's session list so they can tell their devices apart. */
    userAgent: text('user_agent'),
    /** The principal this session currently acts for (an authorisation's), or null for oneself. */
    actingAuthorisationId: uuid('acting_authorisation_id'),
    /** Where the session was opened: the web app, or a shared self-service kiosk (short-lived, not remembered). */
    channel: text('channel').$type<SessionChannel>().notNull().default('web'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  // The hourly purge deletes by expiry: without this index it reads the whole table each time.
  (t) => [index('sessions_account_idx').on(t.accountId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Failed sign-ins per sign-in name (hashed: the table must not become a list of phone numbers).
 * Keyed by the name typed, existing or not, so locking never reveals whether an account exists.
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  nameHash: text('name_hash').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
});

/**
 * Staff roles, each granted per department: window clerk (综合窗口), approver (审批), department
 * admin, catalogue admin (事项管理), data officer (数据共享), supervisor (电子监察), department head
 * (负责人: decides extensions of the promised limit, 延期), and platform admin (the node operator:
 * client systems, departments, platform settings).
 */
export const staffRoles = ['clerk', 'approver', 'admin', 'catalogue_admin', 'data_officer', 'supervisor', 'head', 'platform_admin'] as const;
export type StaffRole = (typeof staffRoles)[number];
/** web = a person's own browser or phone; kiosk = a shared self-service terminal (自助终端). */
export type SessionChannel = 'web' | 'kiosk';
/** person = natural person (ID number), entity = legal entity (credit code), staff = government staff. */
export type AccountKind = 'person' | 'entity' | 'staff';

/**
 * Who may act for whom (授权): the legal representative of an entity (from the entity registry),
 * an agent (经办人) the principal granted, limited to some items and a date, or a person
 * authorised by another person (e.g. for an elderly parent). Revoked rows stay for the record.
 */
export const authorisations = pgTable(
  'authorisations',
  {
    id: uuid('id').primaryKey(),
    principalAccountId: uuid('principal_account_id').notNull().references(() => accounts.id),
    agentAccountId: uuid('agent_account_id').notNull().references(() => accounts.id),
    kind: text('kind').$type<'legal_representative' | 'agent'>().notNull(),
    /** Item codes the agent may apply for; null = every item. */
    itemCodes: jsonb('item_codes').$type<string[] | null>(),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    grantedByAccountId: uuid('granted_by_account_id').references(() => accounts.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedByAccountId: uuid('revoked_by_account_id').references(() => accounts.id),
  },
  (t) => [index('authorisations_agent_idx').on(t.agentAccountId), index('authorisations_principal_idx').on(t.principalAccountId)],
);
