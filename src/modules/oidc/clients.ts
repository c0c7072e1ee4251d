import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/client.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { installedKeyring, seal } from '../../lib/secretbox.js';
import { local, type Lang } from '../../lib/i18n/messages.js';
import { getDepartment, listDepartments, type Actor } from '../identity/index.js';
import { appendAudit } from '../supervision/index.js';
import { clientSecretAad } from './adapter.js';
import { oidcClients, oidcConsents } from './tables.js';
import type { ClientInput, ClientView } from './contract.js';

type ClientRow = typeof oidcClients.$inferSelect;

const newClientId = () => `yw_${randomBytes(12).toString('base64url')}`;
const newSecret = () => randomBytes(32).toString('base64url');

/**
 * A pairwise system gets one subject per user; the provider groups redirect URIs by host to
 * decide who shares subjects, so a pairwise client must keep all its redirect URIs on one host.
 */
function checkPairwiseHosts(input: ClientInput) {
  if (!input.pairwise) return;
  const hosts = new Set(input.redirectUris.map((u) => new URL(u).host));
  if (hosts.size > 1) throw new DomainError('OIDC_PAIRWISE_HOSTS');
}

async function view(db: Executor, c: ClientRow, lang: Lang, depts?: Map<string, { zh: string; en: string }>): Promise<ClientView> {
  const deptName = depts?.get(c.departmentId) ?? (await getDepartment(db, c.departmentId))?.name ?? { zh: '', en: '' };
  return {
    clientId: c.clientId,
    name: c.name,
    department: { id: c.departmentId, name: local(lang, deptName) },
    redirectUris: c.redirectUris,
    postLogoutRedirectUris: c.postLogoutRedirectUris,
    backchannelLogoutUri: c.backchannelLogoutUri,
    scopes: c.scopes,
    pairwise: c.pairwise,
    active: c.active,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Inserts a client row with a sealed secret (also used by the demo seed with a fixed id and secret). */
export async function insertClient(tx: Tx, input: ClientInput, opts: { clientId?: string; secret?: string; createdBy: string | null }) {
  const clientId = opts.clientId ?? newClientId();
  const secret = opts.secret ?? newSecret();
  const [row] = await tx
    .insert(oidcClients)
    .values({
      clientId,
      name: input.name,
      departmentId: input.departmentId,
      redirectUris: input.redirectUris,
      postLogoutRedirectUris: input.postLogoutRedirectUris,
      backchannelLogoutUri: input.backchannelLogoutUri,
      scopes: input.scopes,
      pairwise: input.pairwise,
      secretSealed: seal(installedKeyring(), secret, clientSecretAad(clientId)),
      createdBy: opts.createdBy,
    })
    .returning();
  await appendAudit(tx, {
    actorAccountId: opts.createdBy,
    action: 'oidc.client_registered',
    entityType: 'oidc_client',
    entityId: clientId,
    detail: { name: input.name.zh, departmentId: input.departmentId, redirectUris: input.redirectUris, scopes: input.scopes, pairwise: input.pairwise },
  });
  return { row: row!, secret };
}

export async function registerClient(tx: Tx, actor: Actor, input: ClientInput, lang: Lang) {
  checkPairwiseHosts(input);
  if (!(await getDepartment(tx, input.departmentId))) throw new DomainError('VALIDATION', {}, [{ path: 'departmentId', code: 'BAD_OPTION' }]);
  const { row, secret } = await insertClient(tx, input, { createdBy: actor.accountId });
  return { client: await view(tx, row, lang), clientSecret: secret };
}

export async function listClients(db: Db, lang: Lang): Promise<ClientView[]> {
  const rows = await db.select().from(oidcClients).orderBy(desc(oidcClients.createdAt));
  const depts = new Map((await listDepartments(db)).map((d) => [d.id, d.name]));
  return Promise.all(rows.map((r) => view(db, r, lang, depts)));
}

export async function deactivateClient(tx: Tx, actor: Actor, clientId: string, lang: Lang): Promise<ClientView> {
  const [row] = await tx
    .update(oidcClients)
    .set({ active: false, updatedAt: new Date() })
    .where(eq(oidcClients.clientId, clientId))
    .returning();
  if (!row) throw notFound();
  await appendAudit(tx, { actorAccountId: actor.accountId, action: 'oidc.client_deactivated', entityType: 'oidc_client', entityId: clientId });
  return view(tx, row, lang);
}

/** A new secret replaces the old one at once; it is returned this one time only. */
export async function regenerateSecret(tx: Tx, actor: Actor, clientId: string, lang: Lang) {
  const secret = newSecret();
  const [existing] = await tx.select().from(oidcClients).where(eq(oidcClients.clientId, clientId)).for('update').limit(1);
  if (!existing) throw notFound();
  if (!existing.active) throw new DomainError('OIDC_CLIENT_INACTIVE');
  const [row] = await tx
    .update(oidcClients)
    .set({ secretSealed: seal(installedKeyring(), secret, clientSecretAad(clientId)), updatedAt: new Date() })
    .where(eq(oidcClients.clientId, clientId))
    .returning();
  await appendAudit(tx, { actorAccountId: actor.accountId, action: 'oidc.client_secret_regenerated', entityType: 'oidc_client', entityId: clientId });
  return { client: await view(tx, row!, lang), clientSecret: secret };
}

export async function getClient(db: Executor, clientId: string) {
  const [c] = await db.select().from(oidcClients).where(and(eq(oidcClients.clientId, clientId), eq(oidcClients.active, true))).limit(1);
  return c ?? null;
}

/** The scopes this account already allowed this system to receive (empty when never asked). */
export async function rememberedScopes(db: Executor, accountId: string, clientId: string): Promise<string[]> {
  const [c] = await db
    .select({ scopes: oidcConsents.scopes })
    .from(oidcConsents)
    .where(and(eq(oidcConsents.accountId, accountId), eq(oidcConsents.clientId, clientId)))
    .limit(1);
  return c?.scopes ?? [];
}

/** Records a consent (adding to what was allowed before) and its audit event in one transaction. */
export async function recordConsent(tx: Tx, accountId: string, clientId: string, scopes: string[]) {
  const before = await rememberedScopes(tx, accountId, clientId);
  const all = [...new Set([...before, ...scopes])].sort();
  await tx
    .insert(oidcConsents)
    .values({ accountId, clientId, scopes: all })
    .onConflictDoUpdate({ target: [oidcConsents.accountId, oidcConsents.clientId], set: { scopes: all, grantedAt: new Date() } });
  await appendAudit(tx, { actorAccountId: accountId, action: 'oidc.consent_granted', entityType: 'oidc_client', entityId: clientId, detail: { scopes: all } });
}
