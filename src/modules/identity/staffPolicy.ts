import type { StaffRole } from './tables.js';
import type { Actor } from './service.js';

/**
 * Who may administer departments, staff accounts and role grants: the one place these rules live.
 *
 * - A platform admin (the node operator) may do everything anywhere in the department tree.
 * - A department admin may, in the departments where they hold `admin` and every unit below them,
 *   create staff accounts, grant and revoke the handling roles (`adminGrantableRoles`), and
 *   deactivate accounts that hold nothing more. Departments outside their branches are invisible.
 * - Nobody revokes their own admin or platform-admin role or deactivates themselves (no lock-out).
 * - Everyone else (clerks, approvers, citizens) may do none of it.
 */

/** The department tree as the policy needs it: each unit's parent. */
export type DepartmentTree = ReadonlyMap<string, string | null>;

/** Roles a department admin may grant in their branch; admin, supervisor, department head and platform admin are the platform admin's. */
export const adminGrantableRoles = ['clerk', 'approver', 'catalogue_admin', 'data_officer'] as const satisfies readonly StaffRole[];
/** Roles whose holder must not be able to remove them from themselves. */
const selfKeptRoles: readonly StaffRole[] = ['admin', 'platform_admin'];

export const isPlatformAdmin = (actor: Actor) => actor.kind === 'staff' && !actor.agent && actor.roles.some((r) => r.role === 'platform_admin');

/** The unit and every unit above it, nearest first. */
export function lineage(tree: DepartmentTree, departmentId: string): string[] {
  const out: string[] = [];
  let id: string | null | undefined = departmentId;
  while (id && tree.has(id) && !out.includes(id)) {
    out.push(id);
    id = tree.get(id);
  }
  return out;
}

export type StaffPolicy = ReturnType<typeof staffPolicy>;

export function staffPolicy(actor: Actor, tree: DepartmentTree) {
  const platform = isPlatformAdmin(actor);
  const adminOf = new Set(actor.kind === 'staff' && !actor.agent ? actor.roles.filter((r) => r.role === 'admin').map((r) => r.departmentId) : []);

  const mayManageDepartment = (departmentId: string): boolean =>
    tree.has(departmentId) && (platform || lineage(tree, departmentId).some((id) => adminOf.has(id)));

  const mayGrant = (role: StaffRole, departmentId: string): boolean =>
    mayManageDepartment(departmentId) && (platform || (adminGrantableRoles as readonly StaffRole[]).includes(role));

  return {
    platform,
    /** May open staff administration at all (the page, the department list). */
    mayAdminister: platform || adminOf.size > 0,
    /** Sees and administers this unit (it lies in one of the actor's branches); otherwise it is not found. */
    mayManageDepartment,
    /** Creating a unit, and renaming one: the department tree is the node operator's. */
    mayCreateDepartment: (_parentId: string | null) => platform,
    mayRenameDepartment: (departmentId: string) => platform && tree.has(departmentId),
    mayCreateStaff: (departmentId: string) => mayManageDepartment(departmentId),
    mayGrant,
    /** The roles the actor may grant in a unit they manage, for forms. */
    grantableRoles: (): StaffRole[] => (platform ? ['clerk', 'approver', 'admin', 'catalogue_admin', 'data_officer', 'supervisor', 'head', 'platform_admin'] : [...adminGrantableRoles]),
    /** Revoking follows granting, except that one's own admin roles stay. */
    isSelfLockout: (accountId: string, role: StaffRole) => accountId === actor.accountId && selfKeptRoles.includes(role),
    mayRevoke: (grant: { accountId: string; role: StaffRole; departmentId: string }) => mayGrant(grant.role, grant.departmentId),
    /** Sees a staff account: its home unit is in the actor's branches. */
    maySeeAccount: (account: { departmentId: string | null }) => account.departmentId !== null && mayManageDepartment(account.departmentId),
    /**
     * Deactivates or reactivates an account: one the actor sees, not their own, and (for a
     * department admin) holding no role they could not grant themselves.
     */
    mayManageAccount: (account: { id: string; departmentId: string | null; roles: { role: StaffRole; departmentId: string }[] }) =>
      account.id !== actor.accountId &&
      account.departmentId !== null &&
      mayManageDepartment(account.departmentId) &&
      account.roles.every((r) => mayGrant(r.role, r.departmentId)),
  };
}
