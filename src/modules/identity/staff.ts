import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import type { LocalText } from '../../db/types.js';
import { DomainError, isUniqueViolation, notFound, type FieldIssue } from '../../lib/errors.js';
import { regionWithin } from '../../lib/identifiers.js';
import { maskPhone } from '../../lib/mask.js';
import { blindIndexes, openPii, protectedIdentifiers } from '../../lib/pii.js';
import { uuidv7 } from '../../lib/uuid.js';
import { label } from '../../lib/i18n/messages.js';
import { appendAudit } from '../supervision/index.js';
import { hashPassword } from './passwords.js';
import { accountRoles, accounts, departments, sessions, type StaffRole } from './tables.js';
import { performerId, type Actor } from './service.js';
import { staffPolicy, type DepartmentTree, type StaffPolicy } from './staffPolicy.js';

/**
 * Staff administration: the department tree, staff accounts and role grants. Every change is one
 * transaction with its audit event; the rights come from `staffPolicy` only.
 */

export async function departmentTree(db: Executor): Promise<DepartmentTree> {
  const rows = await db.select({ id: departments.id, parentId: departments.parentId }).from(departments);
  return new Map(rows.map((r) => [r.id, r.parentId]));
}

/** The actor's staff-administration rights over the current tree; FORBIDDEN for anyone who administers nothing. */
export async function policyFor(db: Executor, actor: Actor): Promise<StaffPolicy> {
  const policy = staffPolicy(actor, await departmentTree(db));
  if (!policy.mayAdminister) throw new DomainError('FORBIDDEN');
  return policy;
}

const invalid = (path: string, code: string, params?: Record<string, string | number>): DomainError =>
  new DomainError('VALIDATION', {}, [{ path, code, ...(params ? { params } : {}) } satisfies FieldIssue]);

/** Departments the actor administers (the whole tree for a platform admin). */
export async function visibleDepartments(db: Executor, policy: StaffPolicy) {
  const rows = await db.select().from(departments).orderBy(asc(departments.code));
  return rows.filter((d) => policy.mayManageDepartment(d.id));
}

export type NewDepartment = { parentId: string | null; code: string; name: LocalText; creditCode: string; regionCode: string };

/** A new unit: at the root (within the node's region) or under a unit (within that unit's region). */
export async function createDepartment(tx: Tx, actor: Actor, policy: StaffPolicy, input: NewDepartment, nodeRegion: string) {
  if (input.parentId !== null && !policy.mayManageDepartment(input.parentId)) throw notFound();
  if (!policy.mayCreateDepartment(input.parentId)) throw new DomainError('FORBIDDEN');
  const id = uuidv7();
  try {
    const parent = input.parentId ? await departmentRow(tx, input.parentId) : null;
    if (input.parentId && !parent) throw notFound();
    const outer = parent?.regionCode ?? nodeRegion;
    if (!regionWithin(input.regionCode, outer)) throw invalid('regionCode', 'REGION_OUTSIDE', { region: outer });
    const [codeTaken] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, input.code)).limit(1);
    if (codeTaken) throw invalid('code', 'DEPT_CODE_TAKEN');
    const [creditTaken] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.creditCode, input.creditCode)).limit(1);
    if (creditTaken) throw invalid('creditCode', 'CREDIT_CODE_TAKEN');
    const [row] = await tx.insert(departments).values({ id, ...input }).returning();
    await appendAudit(tx, {
      actorAccountId: performerId(actor),
      action: 'department.create',
      entityType: 'department',
      entityId: id,
      detail: { code: input.code, parentId: input.parentId, regionCode: input.regionCode },
    });
    return row!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('CONFLICT');
    throw e;
  }
}

/**
 * What depends on a unit's name elsewhere, brought up to date inside the rename's transaction (the
 * catalogue's search index holds the name in each of the unit's items). Identity cannot know those
 * modules: the composition root hands this in.
 */
export type OnDepartmentRenamed = (tx: Tx, departmentId: string) => Promise<void>;

export async function renameDepartment(tx: Tx, actor: Actor, policy: StaffPolicy, id: string, name: LocalText, opts: { onRenamed: OnDepartmentRenamed }) {
  if (!policy.mayManageDepartment(id)) throw notFound();
  if (!policy.mayRenameDepartment(id)) throw new DomainError('FORBIDDEN');
  const before = await departmentRow(tx, id);
  if (!before) throw notFound();
  const [row] = await tx.update(departments).set({ name }).where(eq(departments.id, id)).returning();
  await opts.onRenamed(tx, id);
  await appendAudit(tx, { actorAccountId: performerId(actor), action: 'department.rename', entityType: 'department', entityId: id, detail: { from: before.name, to: name } });
  return row!;
}

async function departmentRow(db: Executor, id: string) {
  const [d] = await db.select().from(departments).where(eq(departments.id, id)).limit(1);
  return d ?? null;
}

// ---------------------------------------------------------------------------
// Staff accounts

type StaffRow = { id: string; name: string; username: string | null; phoneEnc: string | null; active: boolean; departmentId: string | null };

export type StaffView = {
  id: string;
  name: string;
  username: string;
  maskedPhone: string | null;
  active: boolean;
  departmentId: string;
  roles: { role: StaffRole; departmentId: string; departmentName: LocalText; grantedAt: Date; grantedBy: string | null }[];
  /** Whether the viewer may deactivate or reactivate the account. */
  manageable: boolean;
};

async function staffViews(db: Executor, policy: StaffPolicy, rows: StaffRow[]): Promise<StaffView[]> {
  if (rows.length === 0) return [];
  const grants = await db
    .select({
      accountId: accountRoles.accountId,
      role: accountRoles.role,
      departmentId: accountRoles.departmentId,
      grantedAt: accountRoles.grantedAt,
      grantedBy: accountRoles.grantedBy,
      departmentName: departments.name,
    })
    .from(accountRoles)
    .innerJoin(departments, eq(departments.id, accountRoles.departmentId))
    .where(inArray(accountRoles.accountId, rows.map((r) => r.id)))
    .orderBy(asc(accountRoles.grantedAt));
  const granterIds = [...new Set(grants.map((g) => g.grantedBy).filter((g): g is string => g !== null))];
  const granters = granterIds.length
    ? new Map((await db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(inArray(accounts.id, granterIds))).map((a) => [a.id, a.name]))
    : new Map<string, string>();
  return rows.map((r) => {
    const roles = grants
      .filter((g) => g.accountId === r.id)
      .map((g) => ({ role: g.role, departmentId: g.departmentId, departmentName: g.departmentName, grantedAt: g.grantedAt, grantedBy: g.grantedBy ? (granters.get(g.grantedBy) ?? null) : null }));
    return {
      id: r.id,
      name: r.name,
      username: r.username ?? '',
      maskedPhone: r.phoneEnc ? maskPhone(openPii(r.id, 'phone', r.phoneEnc)) : null,
      active: r.active,
      departmentId: r.departmentId!,
      roles,
      manageable: policy.mayManageAccount({ id: r.id, departmentId: r.departmentId, roles }),
    };
  });
}

const staffColumns = { id: accounts.id, name: accounts.name, username: accounts.username, phoneEnc: accounts.phoneEnc, active: accounts.active, departmentId: accounts.departmentId };

/** The staff whose home unit this is: names, user names, masked mobiles, roles. */
export async function listStaff(db: Executor, policy: StaffPolicy, departmentId: string): Promise<StaffView[]> {
  if (!policy.mayManageDepartment(departmentId)) throw notFound();
  const rows = await db
    .select(staffColumns)
    .from(accounts)
    .where(and(eq(accounts.kind, 'staff'), eq(accounts.departmentId, departmentId)))
    .orderBy(asc(accounts.username));
  return staffViews(db, policy, rows);
}

/** One staff account the policy lets the actor see (else not found), inside the caller's transaction. */
async function visibleStaff(db: Executor, policy: StaffPolicy, accountId: string): Promise<StaffView> {
  const rows = await db.select(staffColumns).from(accounts).where(and(eq(accounts.id, accountId), eq(accounts.kind, 'staff'))).limit(1);
  const row = rows[0];
  if (!row || !policy.maySeeAccount(row)) throw notFound();
  return (await staffViews(db, policy, [row]))[0]!;
}

export async function getStaff(db: Executor, policy: StaffPolicy, accountId: string) {
  return visibleStaff(db, policy, accountId);
}

export type NewStaff = { departmentId: string; name: string; username: string; phone: string; password: string };

/**
 * A staff account in a unit the actor manages. The admin sets the first password (checked against
 * the password policy, never stored or logged in clear); the mobile receives the second factor, so
 * the password alone does not let the admin in as them.
 */
export async function createStaff(tx: Tx, actor: Actor, policy: StaffPolicy, input: NewStaff): Promise<StaffView> {
  if (!policy.mayCreateStaff(input.departmentId)) throw notFound();
  const id = uuidv7();
  const passwordHash = await hashPassword(input.password);
  try {
    const [userTaken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, input.username)).limit(1);
    if (userTaken) throw invalid('username', 'USERNAME_TAKEN');
    const [phoneTaken] = await tx.select({ id: accounts.id }).from(accounts).where(inArray(accounts.phoneBidx, blindIndexes('phone', input.phone))).limit(1);
    if (phoneTaken) throw invalid('phone', 'PHONE_TAKEN');
    await tx.insert(accounts).values({
      id,
      kind: 'staff',
      name: input.name,
      username: input.username,
      ...protectedIdentifiers(id, { phone: input.phone }),
      passwordHash,
      passwordMustChange: true,
      departmentId: input.departmentId,
      level: 3,
    });
    await appendAudit(tx, {
      actorAccountId: performerId(actor),
      action: 'staff.create',
      entityType: 'account',
      entityId: id,
      detail: { username: input.username, departmentId: input.departmentId },
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('CONFLICT');
    throw e;
  }
  return visibleStaff(tx, policy, id);
}

/** Grants a role in a unit; granting a role already held changes nothing and writes no event. */
export async function grantRole(tx: Tx, actor: Actor, policy: StaffPolicy, accountId: string, role: StaffRole, departmentId: string): Promise<StaffView> {
  if (!policy.mayManageDepartment(departmentId)) throw notFound();
  const target = await visibleStaff(tx, policy, accountId);
  if (!policy.mayGrant(role, departmentId)) throw new DomainError('ROLE_NOT_GRANTABLE', { role: roleText(role) });
  const inserted = await tx
    .insert(accountRoles)
    .values({ accountId, role, departmentId, grantedBy: performerId(actor) })
    .onConflictDoNothing()
    .returning({ role: accountRoles.role });
  if (inserted.length === 0) return target;
  await appendAudit(tx, {
    actorAccountId: performerId(actor),
    action: 'role.grant',
    entityType: 'account',
    entityId: accountId,
    detail: { role, departmentId, grantedBy: performerId(actor) },
  });
  return visibleStaff(tx, policy, accountId);
}

/** Revokes one grant; it stops counting on the holder's next request. */
export async function revokeRole(tx: Tx, actor: Actor, policy: StaffPolicy, accountId: string, role: StaffRole, departmentId: string): Promise<StaffView> {
  const target = await visibleStaff(tx, policy, accountId);
  const grant = target.roles.find((r) => r.role === role && r.departmentId === departmentId);
  if (!grant || !policy.mayManageDepartment(departmentId)) throw notFound();
  if (policy.isSelfLockout(accountId, role)) throw new DomainError('OWN_ADMIN_ROLE');
  if (!policy.mayRevoke({ accountId, role, departmentId })) throw new DomainError('ROLE_NOT_GRANTABLE', { role: roleText(role) });
  await tx.delete(accountRoles).where(and(eq(accountRoles.accountId, accountId), eq(accountRoles.role, role), eq(accountRoles.departmentId, departmentId)));
  await appendAudit(tx, {
    actorAccountId: performerId(actor),
    action: 'role.revoke',
    entityType: 'account',
    entityId: accountId,
    detail: { role, departmentId, grantedAt: grant.grantedAt.toISOString() },
  });
  return visibleStaff(tx, policy, accountId);
}

/** Deactivates (ending every session at once) or reactivates a staff account. */
export async function setStaffActive(tx: Tx, actor: Actor, policy: StaffPolicy, accountId: string, active: boolean): Promise<StaffView> {
  const target = await visibleStaff(tx, policy, accountId);
  if (accountId === actor.accountId) throw new DomainError('OWN_ACCOUNT');
  if (!policy.mayManageAccount(target)) throw new DomainError('FORBIDDEN');
  if (target.active === active) return target;
  await tx.update(accounts).set({ active }).where(eq(accounts.id, accountId));
  const ended = active ? [] : await endSessionsOf(tx, accountId);
  await appendAudit(tx, {
    actorAccountId: performerId(actor),
    action: active ? 'staff.reactivate' : 'staff.deactivate',
    entityType: 'account',
    entityId: accountId,
    detail: active ? {} : { sessions: ended.length },
  });
  return { ...target, active };
}

function endSessionsOf(tx: Tx, accountId: string) {
  return tx.delete(sessions).where(eq(sessions.accountId, accountId)).returning({ id: sessions.id });
}

/** A role's name in both languages, for messages. */
const roleText = (role: StaffRole): LocalText => ({ zh: label('zh-CN', `role.${role}`), en: label('en', `role.${role}`) });
