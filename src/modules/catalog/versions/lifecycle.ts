/**
 * The implementations' life: draft → review → published → retired, with a reviewer other than the
 * author. Each use case runs in the caller's transaction, checks the caller's rights against the
 * catalogue policy, and writes its audit event. Rows the caller may not manage are answered as not
 * found, so nobody learns of another department's drafts.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor, Tx } from '../../../db/client.js';
import { DomainError, isUniqueViolation, notFound, type FieldIssue } from '../../../lib/errors.js';
import { bilingualLabel } from '../../../lib/i18n/messages.js';
import { uuidv7 } from '../../../lib/uuid.js';
import { parseInput, toFieldIssue } from '../../../lib/validate.js';
import { departmentTree, getDepartment, listDepartments, performerId, type Actor } from '../../identity/index.js';
import { flowProblems } from '../flow/check.js';
import { appendAudit } from '../../supervision/index.js';
import { catalogContentSchema, itemTypes } from '../contentSchema.js';
import { cataloguePolicy, type CataloguePolicy } from '../policy.js';
import { basicItems, serviceItems, serviceItemVersions, type CatalogContent, type CatalogOverrides, type VersionStatus } from '../tables.js';
import { indexStoredItem } from '../search/indexServiceItem.js';
import { contentOf, mergeContent, overridesSchema, unknownMaterialOverrides } from './content.js';

type Version = typeof serviceItemVersions.$inferSelect;

/** The caller's catalogue rights over the current department tree (one read of the tree). */
export async function policyOf(tx: Executor, actor: Actor): Promise<CataloguePolicy> {
  return cataloguePolicy(actor, await departmentTree(tx));
}

/** Content problems (field validity and the GB/T 39554 rules) as field issues, paths as in the content. */
export function contentProblems(content: CatalogContent, departmentCodes?: ReadonlySet<string>): FieldIssue[] {
  const { form, ...rest } = content;
  const checked = catalogContentSchema.safeParse({ ...rest, fields: form.fields });
  const issues = checked.success ? [] : checked.error.issues.map(toFieldIssue).map((i) => ({ ...i, path: i.path.replace(/^fields\b/, 'form.fields') }));
  // The flow's departments against the department tree (the schema's own check cannot read it).
  const unknown = departmentCodes ? flowProblems(content.flow, departmentCodes).filter((p) => p.rule === 'FLOW_DEPARTMENT_UNKNOWN') : [];
  return [...issues, ...unknown.map((p) => ({ path: p.path, code: p.rule, params: p.params }))];
}

/** The department tree's codes, for the flow's departments. */
export async function departmentCodes(tx: Executor): Promise<Set<string>> {
  return new Set((await listDepartments(tx)).map((d) => d.code));
}

async function assertConsistent(tx: Executor, content: CatalogContent) {
  const problems = contentProblems(content, await departmentCodes(tx));
  if (problems.length) throw new DomainError('CATALOGUE_INCONSISTENT', {}, problems);
}

// ——— basic items ———

export const basicItemInput = z.object({
  code: z.string().trim().regex(/^[0-9A-Z]{4,12}$/, 'BASIC_CODE_PATTERN'),
  itemType: z.enum(itemTypes, 'BAD_OPTION'),
});

/** A basic item (基本目录) with its baseline content; the node's catalogue admins only. */
export async function createBasicItem(tx: Tx, actor: Actor, input: { code: string; baseline: CatalogContent }) {
  const policy = await policyOf(tx, actor);
  if (!policy.mayManageBasicItems) throw new DomainError('FORBIDDEN');
  const { code } = parseInput(basicItemInput.pick({ code: true }), { code: input.code });
  await assertConsistent(tx, input.baseline);
  const id = uuidv7();
  try {
    const [row] = await tx.insert(basicItems).values({ id, code, baseline: input.baseline }).returning();
    await appendAudit(tx, { actorAccountId: performerId(actor), action: 'basic_item.create', entityType: 'basic_item', entityId: id, detail: { code } });
    return row!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('VALIDATION', {}, [{ path: 'code', code: 'ITEM_CODE_TAKEN' }]);
    throw e;
  }
}

/**
 * Changes a basic item's baseline. Published versions keep the content they were published with;
 * each implementation takes the new baseline in its next version (the divergence report shows
 * which still run on the old one).
 */
export async function updateBasicItem(tx: Tx, actor: Actor, id: string, baseline: CatalogContent) {
  const policy = await policyOf(tx, actor);
  if (!policy.mayManageBasicItems) throw new DomainError('FORBIDDEN');
  await assertConsistent(tx, baseline);
  const [row] = await tx.update(basicItems).set({ baseline, updatedAt: new Date() }).where(eq(basicItems.id, id)).returning();
  if (!row) throw notFound();
  await appendAudit(tx, { actorAccountId: performerId(actor), action: 'basic_item.update', entityType: 'basic_item', entityId: id, detail: { code: row.code } });
  return row;
}

// ——— implementations and their versions ———

export const newImplementationInput = z.object({
  basicItemId: z.string().uuid(),
  departmentId: z.string().uuid(),
  code: z.string().trim().regex(/^[0-9A-Z]{4,36}$/, 'ITEM_CODE_PATTERN'),
  overrides: overridesSchema.default({}),
});

function checkOverridesAgainst(baseline: CatalogContent, overrides: CatalogOverrides) {
  const unknown = unknownMaterialOverrides(baseline, overrides);
  if (unknown.length) throw new DomainError('VALIDATION', {}, unknown.map((code) => ({ path: `overrides.materials.${code}`, code: 'MATERIAL_OVERRIDE_UNKNOWN' })));
}

/** A department starts implementing a basic item: the implementation, not offered yet, and its first draft. */
export async function createImplementation(tx: Tx, actor: Actor, input: z.input<typeof newImplementationInput>) {
  const v = parseInput(newImplementationInput, input);
  const policy = await policyOf(tx, actor);
  if (!policy.mayManage(v.departmentId)) throw new DomainError('FORBIDDEN');
  const department = await getDepartment(tx, v.departmentId);
  if (!department) throw new DomainError('VALIDATION', {}, [{ path: 'departmentId', code: 'DEPARTMENT_UNKNOWN' }]);
  const [basic] = await tx.select().from(basicItems).where(eq(basicItems.id, v.basicItemId)).limit(1);
  if (!basic) throw new DomainError('VALIDATION', {}, [{ path: 'basicItemId', code: 'INVALID' }]);
  checkOverridesAgainst(basic.baseline, v.overrides);
  const content = mergeContent(basic.baseline, v.overrides);
  const id = uuidv7();
  const versionId = uuidv7();
  try {
    await tx.insert(serviceItems).values({ id, code: v.code, basicItemId: basic.id, regionCode: department.regionCode, departmentId: v.departmentId, ...content, published: false });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('VALIDATION', {}, [{ path: 'code', code: 'ITEM_CODE_TAKEN' }]);
    throw e;
  }
  await tx.insert(serviceItemVersions).values({ id: versionId, serviceItemId: id, versionNo: 1, status: 'draft', overrides: v.overrides, content, authorAccountId: performerId(actor) });
  await appendAudit(tx, {
    actorAccountId: performerId(actor),
    action: 'implementation.create',
    entityType: 'service_item',
    entityId: id,
    detail: { code: v.code, basicItemCode: basic.code, departmentId: v.departmentId, versionId },
  });
  return { id, versionId };
}

/** The version with its implementation, if the caller may manage that implementation's department. */
async function versionFor(tx: Executor, policy: CataloguePolicy, versionId: string, lock = true) {
  const q = tx
    .select({ version: serviceItemVersions, item: serviceItems })
    .from(serviceItemVersions)
    .innerJoin(serviceItems, eq(serviceItems.id, serviceItemVersions.serviceItemId))
    .where(eq(serviceItemVersions.id, versionId))
    .limit(1);
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !policy.mayManage(row.item.departmentId)) throw notFound();
  return row;
}

function assertStatus(v: Version, ...allowed: VersionStatus[]) {
  if (!allowed.includes(v.status)) throw new DomainError('VERSION_STATE', { status: bilingualLabel(`versionStatus.${v.status}`) });
}

async function baselineOf(tx: Tx, basicItemId: string): Promise<CatalogContent> {
  const [b] = await tx.select({ baseline: basicItems.baseline }).from(basicItems).where(eq(basicItems.id, basicItemId)).limit(1);
  return b!.baseline;
}

/** Changes a draft's overrides (the draft's content is the merge with today's baseline). */
export async function editDraft(tx: Tx, actor: Actor, versionId: string, overridesInput: unknown) {
  const overrides = parseInput(overridesSchema, overridesInput);
  const { version, item } = await versionFor(tx, await policyOf(tx, actor), versionId);
  assertStatus(version, 'draft');
  const baseline = await baselineOf(tx, item.basicItemId);
  checkOverridesAgainst(baseline, overrides);
  const content = mergeContent(baseline, overrides);
  await tx.update(serviceItemVersions).set({ overrides, content, authorAccountId: performerId(actor), reviewNote: null }).where(eq(serviceItemVersions.id, versionId));
  if (!item.currentVersionId) await tx.update(serviceItems).set({ ...content }).where(eq(serviceItems.id, item.id));
  await appendAudit(tx, { actorAccountId: performerId(actor), action: 'implementation.edit_draft', entityType: 'service_item_version', entityId: versionId, detail: { code: item.code, versionNo: version.versionNo } });
}

/** Opens the next draft of an implementation, starting from its latest version's overrides. */
export async function openDraft(tx: Tx, actor: Actor, serviceItemId: string) {
  const policy = await policyOf(tx, actor);
  const [item] = await tx.select().from(serviceItems).where(eq(serviceItems.id, serviceItemId)).for('update').limit(1);
  if (!item || !policy.mayManage(item.departmentId)) throw notFound();
  const [latest] = await tx.select().from(serviceItemVersions).where(eq(serviceItemVersions.serviceItemId, item.id)).orderBy(desc(serviceItemVersions.versionNo)).limit(1);
  if (latest && (latest.status === 'draft' || latest.status === 'review')) throw new DomainError('VERSION_OPEN', { versionNo: latest.versionNo });
  const overrides = latest?.overrides ?? {};
  const content = mergeContent(await baselineOf(tx, item.basicItemId), overrides);
  const id = uuidv7();
  const versionNo = (latest?.versionNo ?? 0) + 1;
  await tx.insert(serviceItemVersions).values({ id, serviceItemId: item.id, versionNo, status: 'draft', overrides, content, authorAccountId: performerId(actor) });
  await appendAudit(tx, { actorAccountId: performerId(actor), action: 'implementation.open_draft', entityType: 'service_item_version', entityId: id, detail: { code: item.code, versionNo } });
  return { id, versionNo };
}

/** Draft → review: the content is merged with today's baseline and must pass the consistency rules. */
export async function submitForReview(tx: Tx, actor: Actor, versionId: string) {
  const { version, item } = await versionFor(tx, await policyOf(tx, actor), versionId);
  assertStatus(version, 'draft');
  const content = mergeContent(await baselineOf(tx, item.basicItemId), version.overrides);
  await assertConsistent(tx, content);
  await tx.update(serviceItemVersions).set({ status: 'review', content, submittedAt: new Date(), reviewNote: null }).where(eq(serviceItemVersions.id, versionId));
  await appendAudit(tx, { actorAccountId: performerId(actor), action: 'implementation.submit_review', entityType: 'service_item_version', entityId: versionId, detail: { code: item.code, versionNo: version.versionNo } });
}

/** Review → draft, with the reviewer's note of what to change. */
export async function returnForChanges(tx: Tx, actor: Actor, versionId: string, note: string) {
  const policy = await policyOf(tx, actor);
  const { version, item } = await versionFor(tx, policy, versionId);
  assertStatus(version, 'review');
  if (!policy.mayReview(item.departmentId, version.authorAccountId)) throw new DomainError('SELF_REVIEW');
  await tx.update(serviceItemVersions).set({ status: 'draft', reviewNote: note, reviewerAccountId: performerId(actor), reviewedAt: new Date() }).where(eq(serviceItemVersions.id, versionId));
  await appendAudit(tx, { actorAccountId: performerId(actor), action: 'implementation.return', entityType: 'service_item_version', entityId: versionId, detail: { code: item.code, versionNo: version.versionNo, note } });
}

/**
 * Review → published, by a reviewer other than the author. The version's content becomes what
 * citizens apply under (the implementation's columns and current version); the version it replaces
 * is retired. Cases keep the version they were applied under.
 */
export async function approveVersion(tx: Tx, actor: Actor, versionId: string, note: string | null = null) {
  const policy = await policyOf(tx, actor);
  const { version, item } = await versionFor(tx, policy, versionId);
  assertStatus(version, 'review');
  if (!policy.mayReview(item.departmentId, version.authorAccountId)) throw new DomainError('SELF_REVIEW');
  await assertConsistent(tx, version.content);
  const now = new Date();
  if (item.currentVersionId) {
    await tx.update(serviceItemVersions).set({ status: 'retired', retiredAt: now }).where(and(eq(serviceItemVersions.id, item.currentVersionId), eq(serviceItemVersions.status, 'published')));
  }
  await tx
    .update(serviceItemVersions)
    .set({ status: 'published', reviewerAccountId: performerId(actor), reviewedAt: now, reviewNote: note, publishedAt: now })
    .where(eq(serviceItemVersions.id, versionId));
  await tx.update(serviceItems).set({ ...version.content, published: true, currentVersionId: versionId }).where(eq(serviceItems.id, item.id));
  await indexStoredItem(tx, { ...item, ...version.content });
  await appendAudit(tx, {
    actorAccountId: performerId(actor),
    action: 'implementation.publish',
    entityType: 'service_item_version',
    entityId: versionId,
    detail: { code: item.code, versionNo: version.versionNo, replaces: item.currentVersionId },
  });
}

/** Withdraws an implementation: its published version is retired and nobody can apply any more. Cases in progress go on. */
export async function retireImplementation(tx: Tx, actor: Actor, serviceItemId: string) {
  const policy = await policyOf(tx, actor);
  const [item] = await tx.select().from(serviceItems).where(eq(serviceItems.id, serviceItemId)).for('update').limit(1);
  if (!item || !policy.mayManage(item.departmentId)) throw notFound();
  if (!item.published || !item.currentVersionId) throw new DomainError('VERSION_STATE', { status: bilingualLabel('versionStatus.retired') });
  await tx.update(serviceItemVersions).set({ status: 'retired', retiredAt: new Date() }).where(eq(serviceItemVersions.id, item.currentVersionId));
  await tx.update(serviceItems).set({ published: false }).where(eq(serviceItems.id, item.id));
  await appendAudit(tx, { actorAccountId: performerId(actor), action: 'implementation.retire', entityType: 'service_item', entityId: item.id, detail: { code: item.code, versionId: item.currentVersionId } });
}

// ——— reads ———
// Each takes the caller's policy when the route has built it for the request already (`policyOf`);
// otherwise it builds it.

/** The versions of an implementation, newest first. */
export async function listVersions(tx: Executor, actor: Actor, serviceItemId: string, built?: CataloguePolicy) {
  const policy = built ?? (await policyOf(tx, actor));
  const [item] = await tx.select().from(serviceItems).where(eq(serviceItems.id, serviceItemId)).limit(1);
  if (!item || !policy.mayManage(item.departmentId)) throw notFound();
  const versions = await tx.select().from(serviceItemVersions).where(eq(serviceItemVersions.serviceItemId, item.id)).orderBy(desc(serviceItemVersions.versionNo));
  return { item, versions };
}

export async function getVersion(tx: Executor, actor: Actor, versionId: string, built?: CataloguePolicy) {
  return versionFor(tx, built ?? (await policyOf(tx, actor)), versionId, false);
}

/** Versions waiting for review that the caller may review (not their own). */
export async function reviewQueue(tx: Executor, actor: Actor, built?: CataloguePolicy) {
  const policy = built ?? (await policyOf(tx, actor));
  const rows = await tx
    .select({ version: serviceItemVersions, item: serviceItems })
    .from(serviceItemVersions)
    .innerJoin(serviceItems, eq(serviceItems.id, serviceItemVersions.serviceItemId))
    .where(eq(serviceItemVersions.status, 'review'))
    .orderBy(serviceItemVersions.submittedAt);
  return rows.filter((r) => policy.mayReview(r.item.departmentId, r.version.authorAccountId));
}

/** The implementations the caller manages (all for the node's catalogue admins), with their current version's number and their open version if any. */
export async function managedImplementations(tx: Executor, actor: Actor, built?: CataloguePolicy) {
  const policy = built ?? (await policyOf(tx, actor));
  const items = (await tx.select().from(serviceItems).orderBy(serviceItems.code)).filter((i) => policy.mayManage(i.departmentId));
  const open = items.length
    ? await tx
        .select()
        .from(serviceItemVersions)
        .where(and(inArray(serviceItemVersions.serviceItemId, items.map((i) => i.id)), sql`${serviceItemVersions.status} IN ('draft', 'review')`))
    : [];
  const currentIds = items.flatMap((i) => (i.currentVersionId ? [i.currentVersionId] : []));
  const current = currentIds.length
    ? await tx.select({ id: serviceItemVersions.id, versionNo: serviceItemVersions.versionNo }).from(serviceItemVersions).where(inArray(serviceItemVersions.id, currentIds))
    : [];
  const openBy = new Map(open.map((v) => [v.serviceItemId, v]));
  const noOf = new Map(current.map((v) => [v.id, v.versionNo]));
  return items.map((item) => ({ item, currentVersionNo: item.currentVersionId ? (noOf.get(item.currentVersionId) ?? null) : null, openVersion: openBy.get(item.id) ?? null }));
}

export { contentOf };
