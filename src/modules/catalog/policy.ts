import { DomainError } from '../../lib/errors.js';
import { lineage, performerId, type Actor, type DepartmentTree } from '../identity/index.js';

/**
 * Who may see and apply for an item: anyone, once a version of it is published; an unpublished item (being
 * prepared, or withdrawn) is answered as not found in the portal and refused at submission.
 */
export function isItemOffered(item: { published: boolean; currentVersionId: string | null }): boolean {
  return item.published && item.currentVersionId !== null;
}

/**
 * Who may manage the catalogue (the one place these rules live):
 * - The node's catalogue admins (`catalogue_admin`, held at the government services administration
 *   that runs the node's catalogue) and platform admins manage the basic items and every
 *   department's implementations, and review them.
 * - A department admin (`admin`) manages and reviews the implementations of their department and
 *   every unit below it.
 * - Nobody approves a version they wrote themselves (a reviewer other than the author).
 * - Staff act as themselves here: nobody manages the catalogue while acting for someone else.
 */
export function cataloguePolicy(actor: Actor, tree: DepartmentTree) {
  const staff = actor.kind === 'staff' && !actor.agent;
  const nodeWide = staff && actor.roles.some((r) => r.role === 'catalogue_admin' || r.role === 'platform_admin');
  const adminOf = new Set(staff ? actor.roles.filter((r) => r.role === 'admin').map((r) => r.departmentId) : []);
  const mayManage = (departmentId: string) => nodeWide || (tree.has(departmentId) && lineage(tree, departmentId).some((id) => adminOf.has(id)));
  return {
    /** May open the catalogue administration at all. */
    mayAdminister: nodeWide || adminOf.size > 0,
    mayManageBasicItems: nodeWide,
    /** Sees and edits this department's implementations (otherwise they are not found). */
    mayManage,
    /** May approve or return a version under review: a manager of its department who did not write it. */
    mayReview: (departmentId: string, authorAccountId: string | null) => mayManage(departmentId) && authorAccountId !== performerId(actor),
  };
}

export type CataloguePolicy = ReturnType<typeof cataloguePolicy>;

export function assertMayAdministerCatalogue(policy: CataloguePolicy): void {
  if (!policy.mayAdminister) throw new DomainError('FORBIDDEN');
}
