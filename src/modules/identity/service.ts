import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/client.js';
import { DomainError, isUniqueViolation } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/uuid.js';
import { matchesPopulationRegistry } from '../registry/index.js';
import { appendAudit } from '../supervision/index.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { passwordProblem } from './passwordPolicy.js';
import { blindIndexes, openPii, protectedIdentifiers } from '../../lib/pii.js';
import { accountRoles, accounts, authorisations, departments, sessions, signInThrottle, type AccountKind, type SessionChannel, type StaffRole } from './tables.js';
import type { RegisterInput } from './contract.js';

/**
 * Who is acting: loaded from the session on every request, never from the client. When a
 * person acts for a principal (an enterprise, or another person), the actor IS the principal
 * (whose cases, uploads and certificates these are) and `agent` is the human doing it, whom
 * every event records.
 */
export type Actor = {
  accountId: string;
  kind: AccountKind;
  name: string;
  level: number;
  departmentId: string | null;
  roles: { role: StaffRole; departmentId: string }[];
  agent?: AgentInfo;
  /** Someone else set the password: until it is changed, only the password change is allowed. */
  mustChangePassword?: boolean;
};
export type AgentInfo = { accountId: string; name: string; level: number; authorisationId: string; itemCodes: string[] | null };

/** The human behind the request: the agent when acting for someone, else the actor. */
export const performerId = (actor: Actor): string => actor.agent?.accountId ?? actor.accountId;

/** The request's own person, ignoring any principal they act for (sign-in, sessions, SSO). */
export function selfOf(actor: Actor): Actor {
  if (!actor.agent) return actor;
  return { accountId: actor.agent.accountId, kind: 'person', name: actor.agent.name, level: actor.agent.level, departmentId: null, roles: [] };
}

export function hasRole(actor: Actor, role: StaffRole, departmentId: string): boolean {
  return actor.roles.some((r) => r.role === role && r.departmentId === departmentId);
}

export async function registerPerson(db: Db, input: RegisterInput): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  const id = uuidv7();
  // Name and number matching the population registry make a level-2 account from the start.
  const level = (await matchesPopulationRegistry(db, input.idNumber, input.name)) ? 2 : 1;
  try {
    await db.transaction(async (tx) => {
      await tx.insert(accounts).values({
        id,
        kind: 'person',
        name: input.name,
        ...protectedIdentifiers(id, { idNumber: input.idNumber, phone: input.phone }),
        passwordHash,
        level,
      });
      await appendAudit(tx, { actorAccountId: id, action: 'account.register', entityType: 'account', entityId: id, detail: { level } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('ACCOUNT_EXISTS');
    throw e;
  }
  return id;
}

// Lockout: after FREE_FAILURES wrong passwords for one sign-in name, each further failure
// doubles the wait (30 s, 1 min, 2 min … capped at 1 h). A quiet day forgives the count.
const FREE_FAILURES = 5;
const BASE_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 3600;
const FORGET_AFTER_MS = 24 * 3600_000;

export function lockSecondsAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** (failures - FREE_FAILURES));
}

/** The throttle key of a sign-in name (hashed: the throttle table must not list phone numbers). */
export const signInKey = (name: string) => createHash('sha256').update('sign-in-name:').update(name.trim().toUpperCase()).digest('hex');

/** How a sign-in was attempted; one failure counter per sign-in name covers all of them. */
export type SignInMethod = 'password' | 'sms' | 'second_factor' | 'passkey';
/** How a session was earned: a sign-in method, registration, or a QR code confirmed on a signed-in phone. */
export type SessionMethod = SignInMethod | 'register' | 'qr';

/** The account a sign-in name (ID number, credit code, phone or staff user name) belongs to. */
export async function findAccountBySignInName(db: Executor, name: string) {
  const key = name.trim();
  const upper = key.toUpperCase();
  if (!key) return null;
  const [account] = await db
    .select({ id: accounts.id, kind: accounts.kind, passwordHash: accounts.passwordHash, active: accounts.active, phoneEnc: accounts.phoneEnc })
    .from(accounts)
    .where(
      or(
        inArray(accounts.idNumberBidx, blindIndexes('id_number', upper)),
        inArray(accounts.phoneBidx, blindIndexes('phone', key)),
        eq(accounts.creditCode, upper),
        eq(accounts.username, key),
      ),
    )
    .limit(1);
  if (!account) return null;
  const { phoneEnc, ...rest } = account;
  return { ...rest, phone: phoneEnc ? openPii(rest.id, 'phone', phoneEnc) : null };
}

/** The account whose mobile number this is (sign-in by SMS code), or null. */
export async function findAccountByPhone(db: Executor, phone: string) {
  const [account] = await db
    .select({ id: accounts.id, kind: accounts.kind, active: accounts.active })
    .from(accounts)
    .where(inArray(accounts.phoneBidx, blindIndexes('phone', phone.trim())))
    .limit(1);
  return account ?? null;
}

/** The mobile number on file for an account (where codes are sent), or null. */
export async function accountPhone(db: Executor, accountId: string): Promise<string | null> {
  const [a] = await db.select({ phoneEnc: accounts.phoneEnc }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  return a?.phoneEnc ? openPii(accountId, 'phone', a.phoneEnc) : null;
}

/** Throws ACCOUNT_LOCKED while the sign-in name is locked; answers for existing and unknown names alike. */
export async function assertSignInAllowed(db: Executor, key: string, now = new Date()): Promise<void> {
  const [throttle] = await db.select({ lockedUntil: signInThrottle.lockedUntil }).from(signInThrottle).where(eq(signInThrottle.nameHash, key)).limit(1);
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    throw new DomainError('ACCOUNT_LOCKED', { seconds: Math.ceil((throttle.lockedUntil.getTime() - now.getTime()) / 1000) });
  }
}

/**
 * Counts one failed sign-in (wrong password, SMS code or second-factor code) against the name and
 * audits it, inside the caller's transaction.
 */
export async function recordSignInFailure(tx: Tx, input: { key: string; accountId: string | null; method: SignInMethod; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  // The count is incremented in the upsert itself, never read first and written back: failures
  // arriving together (on several instances) would otherwise overwrite each other's count and
  // give a guesser more tries than the lockout allows. The upsert keeps the row locked until
  // this transaction ends, so the lock time below is set from the count just made.
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
  const [counted] = await tx
    .insert(signInThrottle)
    .values({ nameHash: input.key, failures: 1, lockedUntil: null, lastFailureAt: now })
    .onConflictDoUpdate({
      target: signInThrottle.nameHash,
      set: {
        failures: sql`CASE WHEN ${signInThrottle.lastFailureAt} < ${forgetBefore}::timestamptz THEN 1 ELSE ${signInThrottle.failures} + 1 END`,
        lastFailureAt: now,
      },
    })
    .returning({ failures: signInThrottle.failures });
  const failures = counted!.failures;
  const lock = lockSecondsAfter(failures);
  const lockedUntil = lock ? new Date(now.getTime() + lock * 1000) : null;
  await tx.update(signInThrottle).set({ lockedUntil }).where(eq(signInThrottle.nameHash, input.key));
  await appendAudit(tx, {
    actorAccountId: input.accountId,
    action: lock ? 'auth.locked' : 'auth.login_failed',
    entityType: 'account',
    entityId: input.accountId ?? 'unknown',
    detail: { method: input.method, failures, ...(lock ? { lockSeconds: lock } : {}) },
  });
}

/** A completed sign-in forgives the name's failures. */
export async function clearSignInFailures(db: Executor, key: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.nameHash, key));
}

/**
 * Checks a password. Same answer and similar time for unknown accounts and wrong passwords; names
 * are throttled whether or not an account exists, so a lockout does not reveal one either.
 * Staff accounts still owe their second factor, so their failure count is cleared only when that
 * succeeds (a known password must not reset the count of wrong codes).
 */
export async function authenticate(db: Db, username: string, password: string): Promise<{ accountId: string; kind: AccountKind; key: string }> {
  const key = signInKey(username);
  const now = new Date();
  await assertSignInAllowed(db, key, now);
  const account = await findAccountBySignInName(db, username);
  const ok = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!account || !ok || !account.active) {
    await db.transaction((tx) => recordSignInFailure(tx, { key, accountId: account?.id ?? null, method: 'password', now }));
    throw new DomainError('BAD_CREDENTIALS');
  }
  if (account.kind !== 'staff') await clearSignInFailures(db, key);
  return { accountId: account.id, kind: account.kind, key };
}

/** A session's row id: the SHA-256 of its cookie token (the table never holds live tokens). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  tx: Tx,
  accountId: string,
  ttlHours: number,
  userAgent?: string,
  method: SessionMethod = 'password',
  channel: SessionChannel = 'web',
): Promise<{ token: string; csrf: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await tx.insert(sessions).values({
    id: hashToken(token),
    accountId,
    csrf,
    userAgent: userAgent ? userAgent.slice(0, 200) : null,
    channel,
    expiresAt: new Date(Date.now() + ttlHours * 3600_000),
  });
  await appendAudit(tx, { actorAccountId: accountId, action: 'auth.login', entityType: 'account', entityId: accountId, detail: channel === 'web' ? { method } : { method, channel } });
  return { token, csrf };
}

export async function endSession(tx: Tx, token: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

/** A session's public handle: a prefix of its stored hash (the token cannot be derived from it). */
const sessionHandle = (storedId: string) => storedId.slice(0, 24);

export async function listSessions(db: Executor, accountId: string, currentToken: string | undefined) {
  const current = currentToken ? hashToken(currentToken) : null;
  const rows = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent, channel: sessions.channel })
    .from(sessions)
    .where(and(eq(sessions.accountId, accountId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.createdAt));
  return rows.map((r) => ({ id: sessionHandle(r.id), createdAt: r.createdAt, expiresAt: r.expiresAt, userAgent: r.userAgent, channel: r.channel, current: r.id === current }));
}

/** Ends one of the caller's own sessions by its handle; someone else's handle matches nothing. */
export async function endSessionByHandle(tx: Tx, accountId: string, handle: string): Promise<boolean> {
  if (!/^[0-9a-f]{24}$/.test(handle)) return false;
  const gone = await tx
    .delete(sessions)
    .where(and(eq(sessions.accountId, accountId), sql`left(${sessions.id}, 24) = ${handle}`))
    .returning({ id: sessions.id });
  return gone.length > 0;
}

/** "Sign out everywhere": every session of the account, this one included. */
export async function endAllSessions(tx: Tx, accountId: string): Promise<number> {
  const gone = await tx.delete(sessions).where(eq(sessions.accountId, accountId)).returning({ id: sessions.id });
  await appendAudit(tx, { actorAccountId: accountId, action: 'auth.logout_everywhere', entityType: 'account', entityId: accountId, detail: { sessions: gone.length } });
  return gone.length;
}

export async function purgeExpiredSessions(db: Executor): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

function sessionQuery(db: Executor) {
  return db
    .select({
      csrf: sessions.csrf,
      actingAuthorisationId: sessions.actingAuthorisationId,
      passwordMustChange: accounts.passwordMustChange,
      accountId: accounts.id,
      kind: accounts.kind,
      name: accounts.name,
      level: accounts.level,
      departmentId: accounts.departmentId,
      role: accountRoles.role,
      roleDepartmentId: accountRoles.departmentId,
    })
    .from(sessions)
    .innerJoin(accounts, and(eq(accounts.id, sessions.accountId), eq(accounts.active, true)))
    .leftJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now'))));
}
// Every signed-in request runs this; prepare it once per database handle.
const preparedSession = new WeakMap<object, ReturnType<ReturnType<typeof sessionQuery>['prepare']>>();

/** One round trip per request: the session, its account and the account's roles. */
export async function sessionActor(db: Db, token: string): Promise<{ actor: Actor; csrf: string } | null> {
  let q = preparedSession.get(db);
  if (!q) preparedSession.set(db, (q = sessionQuery(db).prepare('session_actor')));
  const rows = await q.execute({ id: hashToken(token), now: new Date().toISOString() });
  const first = rows[0];
  if (!first) return null;
  const roles = rows.filter((r) => r.role && r.roleDepartmentId).map((r) => ({ role: r.role!, departmentId: r.roleDepartmentId! }));
  const self: Actor = {
    accountId: first.accountId,
    kind: first.kind,
    name: first.name,
    level: first.level,
    departmentId: first.departmentId,
    roles,
    ...(first.passwordMustChange ? { mustChangePassword: true } : {}),
  };
  if (!first.actingAuthorisationId) return { csrf: first.csrf, actor: self };
  // Acting for someone: only while the authorisation stands (not revoked, not expired).
  const principal = await actingPrincipal(db, first.actingAuthorisationId, self.accountId);
  if (!principal) return { csrf: first.csrf, actor: self };
  return {
    csrf: first.csrf,
    actor: {
      ...principal.account,
      departmentId: null,
      roles: [],
      agent: { accountId: self.accountId, name: self.name, level: self.level, authorisationId: principal.authorisationId, itemCodes: principal.itemCodes },
    },
  };
}

async function actingPrincipal(db: Executor, authorisationId: string, agentAccountId: string) {
  const now = new Date();
  const [row] = await db
    .select({
      authorisationId: authorisations.id,
      itemCodes: authorisations.itemCodes,
      accountId: accounts.id,
      kind: accounts.kind,
      name: accounts.name,
      level: accounts.level,
    })
    .from(authorisations)
    .innerJoin(accounts, and(eq(accounts.id, authorisations.principalAccountId), eq(accounts.active, true)))
    .where(
      and(
        eq(authorisations.id, authorisationId),
        eq(authorisations.agentAccountId, agentAccountId),
        isNull(authorisations.revokedAt),
        or(isNull(authorisations.validUntil), gt(authorisations.validUntil, now)),
      ),
    )
    .limit(1);
  if (!row) return null;
  return { authorisationId: row.authorisationId, itemCodes: row.itemCodes ?? null, account: { accountId: row.accountId, kind: row.kind, name: row.name, level: row.level } };
}

/** The account and its roles in one read (the OpenID provider asks twice per sign-in flow). */
export async function loadActor(db: Executor, accountId: string): Promise<Actor | null> {
  const rows = await db
    .select({
      id: accounts.id,
      kind: accounts.kind,
      name: accounts.name,
      level: accounts.level,
      departmentId: accounts.departmentId,
      passwordMustChange: accounts.passwordMustChange,
      role: accountRoles.role,
      roleDepartmentId: accountRoles.departmentId,
    })
    .from(accounts)
    .leftJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(and(eq(accounts.id, accountId), eq(accounts.active, true)));
  const a = rows[0];
  if (!a) return null;
  const roles = rows.filter((r) => r.role && r.roleDepartmentId).map((r) => ({ role: r.role!, departmentId: r.roleDepartmentId! }));
  return { accountId: a.id, kind: a.kind, name: a.name, level: a.level, departmentId: a.departmentId, roles, ...(a.passwordMustChange ? { mustChangePassword: true } : {}) };
}

/** Identity facts other modules may need about a person (e.g. licence holder). */
export async function personIdentity(db: Executor, accountId: string) {
  const [a] = await db
    .select({ id: accounts.id, name: accounts.name, idNumberEnc: accounts.idNumberEnc, phoneEnc: accounts.phoneEnc, creditCode: accounts.creditCode })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .limit(1);
  if (!a) return null;
  return {
    id: a.id,
    name: a.name,
    idNumber: a.idNumberEnc ? openPii(a.id, 'id_number', a.idNumberEnc) : null,
    phone: a.phoneEnc ? openPii(a.id, 'phone', a.phoneEnc) : null,
    creditCode: a.creditCode,
  };
}

export async function accountNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(inArray(accounts.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listDepartments(db: Executor) {
  return db.select().from(departments).orderBy(departments.code);
}

export async function getDepartment(db: Executor, id: string) {
  const [d] = await db.select().from(departments).where(eq(departments.id, id)).limit(1);
  return d ?? null;
}

/**
 * Changes one's own password: the current one must be right, the new one must pass the policy
 * (including the person's own phone and ID digits) and differ. Every other session of the account
 * ends, since a password change usually means "someone may know the old one".
 */
export async function changePassword(db: Db, actor: Actor, currentToken: string, current: string, next: string): Promise<{ otherSessionsEnded: number }> {
  const me = selfOf(actor);
  const [row] = await db.select({ passwordHash: accounts.passwordHash }).from(accounts).where(eq(accounts.id, me.accountId)).limit(1);
  if (!row || !(await verifyPassword(row.passwordHash, current))) {
    throw new DomainError('VALIDATION', {}, [{ path: 'currentPassword', code: 'PASSWORD_WRONG' }]);
  }
  if (current === next) throw new DomainError('VALIDATION', {}, [{ path: 'newPassword', code: 'PASSWORD_SAME' }]);
  const personal = await personIdentity(db, me.accountId);
  const problem = passwordProblem(next, { phone: personal?.phone ?? (await accountPhone(db, me.accountId)), idNumber: personal?.idNumber });
  if (problem) throw new DomainError('VALIDATION', {}, [{ path: 'newPassword', code: problem }]);
  const passwordHash = await hashPassword(next);
  return db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, passwordMustChange: false }).where(eq(accounts.id, me.accountId));
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.accountId, me.accountId), ne(sessions.id, hashToken(currentToken))))
      .returning({ id: sessions.id });
    await appendAudit(tx, { actorAccountId: me.accountId, action: 'account.password_changed', entityType: 'account', entityId: me.accountId, detail: { otherSessionsEnded: ended.length } });
    return { otherSessionsEnded: ended.length };
  });
}
