import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LocalText } from '../../db/types.js';
import { accounts, departments } from '../identity/tables.js';

const tz = { withTimezone: true } as const;

/**
 * What oidc-provider persists (sessions, interactions, grants, codes, tokens), one row per
 * (model, id). The indexed columns are copies of payload fields the provider looks up by.
 */
export const oidcPayloads = pgTable(
  'oidc_payloads',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    /** The signed-in account of Session and Grant rows: sign-out at Yiwang finds them by it. */
    accountId: text('account_id'),
    expiresAt: timestamp('expires_at', tz),
    consumedAt: timestamp('consumed_at', tz),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('oidc_payloads_grant_idx').on(t.grantId),
    index('oidc_payloads_uid_idx').on(t.uid),
    index('oidc_payloads_user_code_idx').on(t.userCode),
    index('oidc_payloads_account_idx').on(t.model, t.accountId),
    index('oidc_payloads_expires_idx').on(t.expiresAt),
  ],
);

/** Department systems registered to sign users in through Yiwang. */
export const oidcClients = pgTable(
  'oidc_clients',
  {
    clientId: text('client_id').primaryKey(),
    name: jsonb('name').$type<LocalText>().notNull(),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    redirectUris: jsonb('redirect_uris').$type<string[]>().notNull(),
    postLogoutRedirectUris: jsonb('post_logout_redirect_uris').$type<string[]>().notNull(),
    backchannelLogoutUri: text('backchannel_logout_uri'),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    pairwise: boolean('pairwise').notNull().default(false),
    /** The client secret sealed under the master key (the provider compares it in constant time). */
    secretSealed: text('secret_sealed').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', tz).notNull().defaultNow(),
  },
  (t) => [index('oidc_clients_department_idx').on(t.departmentId)],
);

/**
 * The provider's keys: `signing` keys (RS256; public JWK in the clear, private JWK sealed), and
 * the one `pairwise` secret that derives per-client subject identifiers. A retired signing key
 * stays published in the JWKS until no token it signed can still be valid.
 */
export const oidcKeys = pgTable('oidc_keys', {
  kid: text('kid').primaryKey(),
  kind: text('kind').$type<'signing' | 'pairwise'>().notNull(),
  alg: text('alg').notNull(),
  publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>(),
  privateSealed: text('private_sealed').notNull(),
  createdAt: timestamp('created_at', tz).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', tz),
});

/** Consent remembered per account and client: the scopes the user allowed that system to receive. */
export const oidcConsents = pgTable(
  'oidc_consents',
  {
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    clientId: text('client_id').notNull().references(() => oidcClients.clientId),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    grantedAt: timestamp('granted_at', tz).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.clientId] })],
);
