import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { protectedIdentifiers } from '../../lib/pii.js';
import { uuidv7 } from '../../lib/uuid.js';
import { matchesPopulationRegistry, registeredName } from '../registry/index.js';
import { appendAudit } from '../supervision/index.js';
import { findAccountBySignInName, personIdentity, type Actor } from './service.js';
import { assertMayCheckIdentityInPerson, assertMayStepUpWithRegistry } from './policy.js';
import { Refusal } from './refusal.js';
import { accounts } from './tables.js';

/**
 * Real-name assurance levels (实名等级):
 *  L1 self-declared; L2 name and ID number match the population registry; L3 identity seen in
 *  person at a hall window, or an L2 account that registered a passkey. Levels only go up here.
 */
export type AssuranceLevel = 1 | 2 | 3;
export type LevelHow = 'population_registry' | 'hall' | 'passkey';

async function raiseLevel(tx: Tx, accountId: string, from: number, to: AssuranceLevel, how: LevelHow, by: string, extra: Partial<typeof accounts.$inferInsert> = {}) {
  await tx.update(accounts).set({ level: to, ...extra }).where(eq(accounts.id, accountId));
  await appendAudit(tx, { actorAccountId: by, action: 'account.level_raised', entityType: 'account', entityId: accountId, detail: { from, to, how } });
}

/**
 * L1 → L2: the person confirms the name on their ID card; it must match the registry. A mismatch
 * is recorded and returned as a refusal (the record stays when the caller throws it).
 */
export async function stepUpWithRegistry(tx: Tx, actor: Actor, name: string): Promise<AssuranceLevel | Refusal> {
  assertMayStepUpWithRegistry(actor);
  if (actor.level >= 2) return actor.level as AssuranceLevel;
  const me = await personIdentity(tx, actor.accountId);
  if (!me?.idNumber || !(await matchesPopulationRegistry(tx, me.idNumber, name))) {
    await appendAudit(tx, { actorAccountId: actor.accountId, action: 'account.level_check_failed', entityType: 'account', entityId: actor.accountId, detail: { how: 'population_registry' } });
    return new Refusal(new DomainError('REGISTRY_MISMATCH'));
  }
  // The registry's spelling of the name is the one certificates will carry.
  await raiseLevel(tx, actor.accountId, actor.level, 2, 'population_registry', actor.accountId, { name: name.trim() });
  return 2;
}

export type HallIdentity = { accountId: string; name: string; idNumber: string; level: AssuranceLevel; created: boolean };

/**
 * A window clerk has checked a walk-in's ID card (验证身份证原件): the person is raised to L3, or
 * given an account at L3 if they have none (no password: they can set one up online later).
 * The registry must know the number; its name is the one used. Only a clerk of a department that
 * runs a window may do it (`windowDepartmentIds`: the departments whose services the hall
 * receives; see policy.ts). Written in the caller's transaction.
 */
export async function checkIdentityInPerson(tx: Tx, clerk: Actor, idNumber: string, windowDepartmentIds: ReadonlySet<string>): Promise<HallIdentity> {
  assertMayCheckIdentityInPerson(clerk, windowDepartmentIds);
  const name = await registeredName(tx, idNumber);
  if (!name) throw new DomainError('REGISTRY_MISMATCH');
  const existing = await findAccountBySignInName(tx, idNumber);
  if (existing && existing.kind !== 'person') throw new DomainError('REGISTRY_MISMATCH');
  if (existing) {
    const [row] = await tx.select({ level: accounts.level }).from(accounts).where(eq(accounts.id, existing.id)).for('update');
    if (row!.level < 3) await raiseLevel(tx, existing.id, row!.level, 3, 'hall', clerk.accountId, { name });
    return { accountId: existing.id, name, idNumber, level: 3, created: false };
  }
  const id = uuidv7();
  // '!' is no Argon2 hash: no password can match until the person sets one.
  await tx.insert(accounts).values({ id, kind: 'person', name, ...protectedIdentifiers(id, { idNumber }), passwordHash: '!', level: 3 });
  await appendAudit(tx, { actorAccountId: clerk.accountId, action: 'account.register', entityType: 'account', entityId: id, detail: { channel: 'hall', level: 3 } });
  return { accountId: id, name, idNumber, level: 3, created: true };
}

/**
 * L2 → L3 when the account registers a passkey (inside the caller's transaction, beside the
 * passkey's own row). An L1 account stays L1: a passkey proves possession of a device, not who
 * the person is; and staff levels do not apply. Returns the account's level afterwards.
 */
export async function raiseLevelForPasskey(tx: Tx, accountId: string): Promise<number> {
  const [row] = await tx.select({ level: accounts.level, kind: accounts.kind }).from(accounts).where(eq(accounts.id, accountId)).for('update');
  if (!row) throw new DomainError('NOT_FOUND');
  if (row.kind === 'staff' || row.level !== 2) return row.level;
  await raiseLevel(tx, accountId, 2, 3, 'passkey', accountId);
  return 3;
}
