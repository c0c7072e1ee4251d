import { and, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/uuid.js';
import { isLegalRepresentative } from '../registry/index.js';
import { appendAudit } from '../supervision/index.js';
import { assertPersonAsSelf } from './policy.js';
import { accounts, authorisations, sessions } from './tables.js';
import { findAccountBySignInName, hashToken, performerId, personIdentity, type Actor } from './service.js';

/** Managing who acts for whom is done as oneself, never while acting for someone else (policy.ts). */
const asSelf = assertPersonAsSelf;

const active = (now = new Date()) =>
  and(isNull(authorisations.revokedAt), or(isNull(authorisations.validUntil), gt(authorisations.validUntil, now)));

/**
 * A person claims an enterprise (企业认领): the legal-entity registry must list them as its legal
 * representative under this name. The enterprise gets an account (no password of its own) if it
 * has none, and the person the legal-representative authorisation.
 */
export async function registerEntity(tx: Tx, actor: Actor, input: { creditCode: string; name: string }) {
  const me = asSelf(actor);
  if (me.level < 2) throw new DomainError('LEVEL_TOO_LOW', { required: 2, current: me.level });
  const identity = await personIdentity(tx, me.accountId);
  if (!identity?.idNumber || !(await isLegalRepresentative(tx, input.creditCode, input.name, identity.idNumber))) {
    throw new DomainError('ENTITY_MISMATCH');
  }
  const [existing] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.creditCode, input.creditCode)).limit(1);
  const entityId = existing?.id ?? uuidv7();
  if (!existing) {
    await tx.insert(accounts).values({ id: entityId, kind: 'entity', name: input.name.trim(), creditCode: input.creditCode, passwordHash: '!', level: 2 });
    await appendAudit(tx, { actorAccountId: me.accountId, action: 'entity.registered', entityType: 'account', entityId, detail: { creditCode: input.creditCode } });
  }
  const reps = await tx
    .select({ id: authorisations.id, agentAccountId: authorisations.agentAccountId })
    .from(authorisations)
    .where(and(eq(authorisations.principalAccountId, entityId), eq(authorisations.kind, 'legal_representative'), isNull(authorisations.revokedAt)));
  // The registry names one legal representative: a previous one no longer acts for the entity.
  for (const r of reps.filter((r) => r.agentAccountId !== me.accountId)) {
    await tx.update(authorisations).set({ revokedAt: new Date(), revokedByAccountId: me.accountId }).where(eq(authorisations.id, r.id));
    await tx.update(sessions).set({ actingAuthorisationId: null }).where(eq(sessions.actingAuthorisationId, r.id));
  }
  if (!reps.some((r) => r.agentAccountId === me.accountId)) {
    const id = uuidv7();
    await tx.insert(authorisations).values({ id, principalAccountId: entityId, agentAccountId: me.accountId, kind: 'legal_representative', grantedByAccountId: null });
    await appendAudit(tx, { actorAccountId: me.accountId, action: 'authorisation.granted', entityType: 'authorisation', entityId: id, detail: { principal: entityId, agent: me.accountId, kind: 'legal_representative' } });
  }
  return { id: entityId, name: input.name.trim(), creditCode: input.creditCode };
}

/** Principals the person manages: themself, and every entity they are legal representative of. */
async function managedPrincipals(db: Executor, personId: string): Promise<string[]> {
  const reps = await db
    .select({ principal: authorisations.principalAccountId })
    .from(authorisations)
    .where(and(eq(authorisations.agentAccountId, personId), eq(authorisations.kind, 'legal_representative'), active()));
  return [personId, ...reps.map((r) => r.principal)];
}

export type GrantInput = { principalAccountId: string; agentIdNumber: string; agentName: string; itemCodes: string[] | null; validUntil: Date | null };

/** The principal (a person for themself, or an entity's legal representative) authorises an agent. */
export async function grantAuthorisation(tx: Tx, actor: Actor, input: GrantInput) {
  const me = asSelf(actor);
  if (!(await managedPrincipals(tx, me.accountId)).includes(input.principalAccountId)) throw new DomainError('NOT_FOUND');
  const agent = await findAccountBySignInName(tx, input.agentIdNumber);
  const agentRow = agent ? (await tx.select({ name: accounts.name, level: accounts.level }).from(accounts).where(eq(accounts.id, agent.id)).limit(1))[0] : undefined;
  // Number and name must both fit a person's account: a typo must not authorise a stranger.
  if (!agent || agent.kind !== 'person' || !agentRow || agentRow.name !== input.agentName.trim()) throw new DomainError('AGENT_UNKNOWN');
  if (agent.id === input.principalAccountId || agent.id === me.accountId) throw new DomainError('AGENT_UNKNOWN');
  if (agentRow.level < 2) throw new DomainError('AGENT_LEVEL_TOO_LOW');
  if (input.validUntil && input.validUntil.getTime() <= Date.now()) throw new DomainError('VALIDATION', {}, [{ path: 'validUntil', code: 'DATE_PAST' }]);
  const id = uuidv7();
  await tx.insert(authorisations).values({
    id,
    principalAccountId: input.principalAccountId,
    agentAccountId: agent.id,
    kind: 'agent',
    itemCodes: input.itemCodes,
    validUntil: input.validUntil,
    grantedByAccountId: me.accountId,
  });
  await appendAudit(tx, {
    actorAccountId: me.accountId,
    action: 'authorisation.granted',
    entityType: 'authorisation',
    entityId: id,
    detail: { principal: input.principalAccountId, agent: agent.id, kind: 'agent', itemCodes: input.itemCodes, validUntil: input.validUntil?.toISOString() ?? null },
  });
  return id;
}

/** Ends an authorisation: by whoever manages the principal, or by the agent declining it. */
export async function revokeAuthorisation(tx: Tx, actor: Actor, id: string): Promise<void> {
  const me = asSelf(actor);
  const [row] = await tx.select().from(authorisations).where(eq(authorisations.id, id)).limit(1);
  const manages = row ? (await managedPrincipals(tx, me.accountId)).includes(row.principalAccountId) : false;
  if (!row || (!manages && row.agentAccountId !== me.accountId)) throw new DomainError('NOT_FOUND');
  // The registry decides who the legal representative is; nobody revokes that here.
  if (row.kind === 'legal_representative') throw new DomainError('FORBIDDEN');
  if (row.revokedAt) return;
  await tx.update(authorisations).set({ revokedAt: new Date(), revokedByAccountId: me.accountId }).where(eq(authorisations.id, id));
  // Sessions acting under it fall back to their own person at once.
  await tx.update(sessions).set({ actingAuthorisationId: null }).where(eq(sessions.actingAuthorisationId, id));
  await appendAudit(tx, { actorAccountId: me.accountId, action: 'authorisation.revoked', entityType: 'authorisation', entityId: id, detail: { principal: row.principalAccountId, agent: row.agentAccountId } });
}

export type AuthorisationView = {
  id: string;
  kind: 'legal_representative' | 'agent';
  principal: { id: string; kind: string; name: string };
  agent: { id: string; name: string };
  itemCodes: string[] | null;
  validUntil: string | null;
  grantedAt: string;
  revokedAt: string | null;
};

/** What the person can act for (received) and what they manage (granted, including ended ones). */
export async function listAuthorisations(db: Executor, actor: Actor): Promise<{ received: AuthorisationView[]; granted: AuthorisationView[] }> {
  const me = performerId(actor);
  const principals = await managedPrincipals(db, me);
  const rows = await db
    .select()
    .from(authorisations)
    .where(or(and(eq(authorisations.agentAccountId, me), active()), inArray(authorisations.principalAccountId, principals)));
  const ids = [...new Set(rows.flatMap((r) => [r.principalAccountId, r.agentAccountId]))];
  const people = ids.length ? await db.select({ id: accounts.id, kind: accounts.kind, name: accounts.name }).from(accounts).where(inArray(accounts.id, ids)) : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  const view = (r: (typeof rows)[number]): AuthorisationView => ({
    id: r.id,
    kind: r.kind,
    principal: { id: r.principalAccountId, kind: byId.get(r.principalAccountId)?.kind ?? 'person', name: byId.get(r.principalAccountId)?.name ?? '' },
    agent: { id: r.agentAccountId, name: byId.get(r.agentAccountId)?.name ?? '' },
    itemCodes: r.itemCodes ?? null,
    validUntil: r.validUntil?.toISOString() ?? null,
    grantedAt: r.grantedAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
  });
  const now = new Date();
  const isActive = (r: (typeof rows)[number]) => !r.revokedAt && (!r.validUntil || r.validUntil > now);
  return {
    received: rows.filter((r) => r.agentAccountId === me && isActive(r)).map(view),
    granted: rows.filter((r) => r.kind === 'agent' && principals.includes(r.principalAccountId)).map(view),
  };
}

/**
 * Switches this session into a principal's context (or back to oneself with null). Only the
 * session's own person, under an authorisation that stands now.
 */
export async function actFor(tx: Tx, actor: Actor, sessionToken: string, authorisationId: string | null): Promise<void> {
  const me = performerId(actor);
  if (authorisationId) {
    const [row] = await tx
      .select({ id: authorisations.id, principal: authorisations.principalAccountId })
      .from(authorisations)
      .where(and(eq(authorisations.id, authorisationId), eq(authorisations.agentAccountId, me), active()))
      .limit(1);
    if (!row) throw new DomainError('NOT_FOUND');
  }
  await tx.update(sessions).set({ actingAuthorisationId: authorisationId }).where(eq(sessions.id, hashToken(sessionToken)));
  await appendAudit(tx, { actorAccountId: me, action: authorisationId ? 'auth.acting_for' : 'auth.acting_self', entityType: 'account', entityId: me, detail: { authorisationId } });
}
