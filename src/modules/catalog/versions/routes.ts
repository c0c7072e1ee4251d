import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/client.js';
import { divisionNames } from '../../../lib/divisions.js';
import { notFound } from '../../../lib/errors.js';
import { label, local, localiseFieldMessage, type Lang } from '../../../lib/i18n/messages.js';
import { accountNames, listDepartments, requireActor, type Actor } from '../../identity/index.js';
import { assertMayAdministerCatalogue, type CataloguePolicy } from '../policy.js';
import { basicItems, serviceItems, serviceItemVersions, type CatalogContent } from '../tables.js';
import { count, eq } from 'drizzle-orm';
import type { CatalogContentInput } from '../contentSchema.js';
import {
  approveBody,
  basicItemBody,
  basicItemList,
  basicItemOut,
  basicItemUpdateBody,
  createdImplementation,
  diffQuery,
  divergence,
  divergenceQuery,
  idParams,
  implementationBody,
  noContent,
  implementationList,
  openedDraft,
  overridesBody,
  returnBody,
  reviewQueue,
  versionDetail,
  versionDiff,
  versionHistory,
  type ImplementationOut,
  type VersionSummary,
} from './contract.js';
import { diffContent } from './diff.js';
import { divergenceReport } from './divergence.js';
import {
  approveVersion,
  contentProblems,
  departmentCodes,
  createBasicItem,
  createImplementation,
  editDraft,
  getVersion,
  listVersions,
  managedImplementations,
  openDraft,
  policyOf,
  retireImplementation,
  returnForChanges,
  reviewQueue as queueFor,
  submitForReview,
  updateBasicItem,
} from './lifecycle.js';
import { mergeContent } from './content.js';

type ItemRow = typeof serviceItems.$inferSelect;
type VersionRow = typeof serviceItemVersions.$inferSelect;

const toContent = ({ fields, ...rest }: CatalogContentInput): CatalogContent => ({ ...(rest as Omit<CatalogContent, 'form'>), form: { fields: fields as CatalogContent['form']['fields'] } });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The catalogue administration (basic items, implementations, versions, review) and the public divergence report. */
export async function catalogueAdminRoutes(app: FastifyInstance, opts: { db: Db }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalog'];

  type Department = Awaited<ReturnType<typeof listDepartments>>[number];
  const departmentNames = async (lang: Lang, list?: Department[]) => new Map((list ?? (await listDepartments(db))).map((d) => [d.id, local(lang, d.name)]));

  async function summaries(lang: Lang, versions: VersionRow[]): Promise<VersionSummary[]> {
    const names = await accountNames(db, [...new Set(versions.flatMap((v) => [v.authorAccountId, v.reviewerAccountId]).filter((x): x is string => !!x))]);
    return versions.map((v) => ({
      id: v.id,
      versionNo: v.versionNo,
      status: v.status,
      statusLabel: label(lang, `versionStatus.${v.status}`),
      authorName: v.authorAccountId ? (names.get(v.authorAccountId) ?? null) : null,
      reviewerName: v.reviewerAccountId ? (names.get(v.reviewerAccountId) ?? null) : null,
      reviewNote: v.reviewNote,
      submittedAt: iso(v.submittedAt),
      publishedAt: iso(v.publishedAt),
      retiredAt: iso(v.retiredAt),
      createdAt: v.createdAt.toISOString(),
    }));
  }

  const implementationView = (depts: Map<string, string>, item: ItemRow): Omit<ImplementationOut, 'openVersion'> => ({
    id: item.id,
    code: item.code,
    basicItemId: item.basicItemId,
    name: item.name,
    regionCode: item.regionCode,
    regionName: divisionNames(item.regionCode)?.fullName ?? item.regionCode,
    department: { id: item.departmentId, name: depts.get(item.departmentId) ?? '' },
    published: item.published,
    currentVersionId: item.currentVersionId,
  });

  /** The signed-in catalogue administrator and their policy, built once for the request. */
  const admin = async (req: Parameters<typeof requireActor>[0]): Promise<{ actor: Actor; policy: CataloguePolicy }> => {
    const actor = requireActor(req);
    const policy = await policyOf(db, actor);
    assertMayAdministerCatalogue(policy);
    return { actor, policy };
  };

  r.get('/api/catalog/admin/basic-items', { schema: { tags, response: { 200: basicItemList } } }, async (req) => {
    await admin(req);
    const rows = await db.select().from(basicItems).orderBy(basicItems.code);
    const counts = new Map(
      (await db.select({ id: serviceItems.basicItemId, n: count() }).from(serviceItems).groupBy(serviceItems.basicItemId)).map((c) => [c.id, Number(c.n)]),
    );
    return {
      items: rows.map((b) => ({ id: b.id, code: b.code, name: b.baseline.name, itemType: b.baseline.itemType, implementations: counts.get(b.id) ?? 0, updatedAt: b.updatedAt.toISOString(), baseline: b.baseline })),
    };
  });

  r.post('/api/catalog/admin/basic-items', { schema: { tags, body: basicItemBody, response: { 201: basicItemOut } } }, async (req, reply) => {
    const actor = requireActor(req);
    const row = await db.transaction((tx) => createBasicItem(tx, actor, { code: req.body.code, baseline: toContent(req.body.content) }));
    return reply.code(201).send({ id: row.id, code: row.code, name: row.baseline.name, itemType: row.baseline.itemType, implementations: 0, updatedAt: row.updatedAt.toISOString(), baseline: row.baseline });
  });

  r.put('/api/catalog/admin/basic-items/:id', { schema: { tags, params: idParams, body: basicItemUpdateBody, response: { 200: basicItemOut } } }, async (req) => {
    const actor = requireActor(req);
    const row = await db.transaction((tx) => updateBasicItem(tx, actor, req.params.id, toContent(req.body.content)));
    const [c] = await db.select({ n: count() }).from(serviceItems).where(eq(serviceItems.basicItemId, row.id));
    return { id: row.id, code: row.code, name: row.baseline.name, itemType: row.baseline.itemType, implementations: Number(c?.n ?? 0), updatedAt: row.updatedAt.toISOString(), baseline: row.baseline };
  });

  r.get('/api/catalog/admin/implementations', { schema: { tags, response: { 200: implementationList } } }, async (req) => {
    const { actor, policy } = await admin(req);
    const rows = await managedImplementations(db, actor, policy);
    const departments = await listDepartments(db);
    const depts = await departmentNames(req.lang, departments);
    const open = await summaries(req.lang, rows.flatMap((r) => (r.openVersion ? [r.openVersion] : [])));
    const openById = new Map(open.map((v) => [v.id, v]));
    return {
      items: rows.map((row) => ({
        ...implementationView(depts, row.item),
        currentVersionNo: row.currentVersionNo,
        openVersion: row.openVersion ? openById.get(row.openVersion.id)! : null,
      })),
      departments: departments
        .filter((d) => policy.mayManage(d.id))
        .map((d) => ({ id: d.id, code: d.code, name: local(req.lang, d.name), regionCode: d.regionCode, regionName: divisionNames(d.regionCode)?.fullName ?? d.regionCode })),
      mayManageBasicItems: policy.mayManageBasicItems,
    };
  });

  r.post('/api/catalog/admin/implementations', { schema: { tags, body: implementationBody, response: { 201: createdImplementation } } }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.code(201).send(await db.transaction((tx) => createImplementation(tx, actor, req.body)));
  });

  r.get('/api/catalog/admin/implementations/:id/versions', { schema: { tags, params: idParams, response: { 200: versionHistory } } }, async (req) => {
    const actor = requireActor(req);
    const { item, versions } = await listVersions(db, actor, req.params.id);
    return { implementation: implementationView(await departmentNames(req.lang), item), versions: await summaries(req.lang, versions) };
  });

  r.post('/api/catalog/admin/implementations/:id/drafts', { schema: { tags, params: idParams, response: { 201: openedDraft } } }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.code(201).send(await db.transaction((tx) => openDraft(tx, actor, req.params.id)));
  });

  r.post('/api/catalog/admin/implementations/:id/retire', { schema: { tags, params: idParams, response: { 204: noContent } } }, async (req, reply) => {
    const actor = requireActor(req);
    await db.transaction((tx) => retireImplementation(tx, actor, req.params.id));
    return reply.code(204).send();
  });

  async function detail(lang: Lang, actor: Actor, versionId: string) {
    const policy = await policyOf(db, actor);
    const { version, item } = await getVersion(db, actor, versionId, policy);
    // A draft is shown as it would be published now: merged with today's baseline.
    let content = version.content;
    if (version.status === 'draft') {
      const [b] = await db.select({ baseline: basicItems.baseline }).from(basicItems).where(eq(basicItems.id, item.basicItemId));
      content = mergeContent(b!.baseline, version.overrides);
    }
    const [summary] = await summaries(lang, [version]);
    return {
      ...summary!,
      implementation: implementationView(await departmentNames(lang), item),
      overrides: version.overrides,
      content,
      problems: contentProblems(content, await departmentCodes(db)).map((p) => ({ path: p.path, message: localiseFieldMessage(lang, p.code, p.params) })),
      mayReview: version.status === 'review' && policy.mayReview(item.departmentId, version.authorAccountId),
    };
  }

  r.get('/api/catalog/admin/versions/:id', { schema: { tags, params: idParams, response: { 200: versionDetail } } }, async (req) => detail(req.lang, requireActor(req), req.params.id));

  r.put('/api/catalog/admin/versions/:id/overrides', { schema: { tags, params: idParams, body: overridesBody, response: { 200: versionDetail } } }, async (req) => {
    const actor = requireActor(req);
    await db.transaction((tx) => editDraft(tx, actor, req.params.id, req.body.overrides));
    return detail(req.lang, actor, req.params.id);
  });

  const step = (path: string, run: (tx: Parameters<Parameters<Db['transaction']>[0]>[0], actor: Actor, id: string, body: never) => Promise<unknown>, body?: typeof approveBody | typeof returnBody) =>
    r.post(`/api/catalog/admin/versions/:id/${path}`, { schema: { tags, params: idParams, ...(body ? { body } : {}), response: { 200: versionDetail } } }, async (req) => {
      const actor = requireActor(req);
      await db.transaction((tx) => run(tx, actor, req.params.id, req.body as never));
      return detail(req.lang, actor, req.params.id);
    });
  step('submit', (tx, a, id) => submitForReview(tx, a, id));
  step('approve', (tx, a, id, b: { note: string | null }) => approveVersion(tx, a, id, b.note), approveBody);
  step('return', (tx, a, id, b: { note: string }) => returnForChanges(tx, a, id, b.note), returnBody);

  r.get('/api/catalog/admin/versions/:id/diff', { schema: { tags, params: idParams, querystring: diffQuery, response: { 200: versionDiff } } }, async (req) => {
    const actor = requireActor(req);
    const policy = await policyOf(db, actor);
    const [a, b] = [await getVersion(db, actor, req.query.against, policy), await getVersion(db, actor, req.params.id, policy)];
    if (a.item.id !== b.item.id) throw notFound();
    const [from, to] = await summaries(req.lang, [a.version, b.version]);
    return { from: from!, to: to!, changes: diffContent(a.version.content, b.version.content) };
  });

  r.get('/api/catalog/admin/review-queue', { schema: { tags, response: { 200: reviewQueue } } }, async (req) => {
    const { actor, policy } = await admin(req);
    const rows = await queueFor(db, actor, policy);
    const depts = await departmentNames(req.lang);
    const sums = await summaries(req.lang, rows.map((r) => r.version));
    return { items: rows.map((row, i) => ({ ...sums[i]!, implementation: implementationView(depts, row.item) })) };
  });

  r.get(
    '/api/catalog/divergence',
    {
      schema: {
        tags,
        querystring: divergenceQuery,
        response: { 200: divergence },
        description: 'Per basic item, how each published implementation differs from the baseline (public, as the guides are).',
      },
    },
    async (req) => {
      const report = await divergenceReport(db, req.query);
      const depts = await departmentNames(req.lang);
      return {
        items: report.map(({ basic, implementations }) => ({
          basicItem: {
            id: basic.id,
            code: basic.code,
            name: local(req.lang, basic.baseline.name),
            promisedLimitDays: basic.baseline.promisedLimitDays,
            legalLimitDays: basic.baseline.legalLimitDays,
          },
          implementations: implementations.map((i) => ({
            id: i.item.id,
            code: i.item.code,
            regionCode: i.item.regionCode,
            regionName: divisionNames(i.item.regionCode)?.fullName ?? i.item.regionCode,
            department: depts.get(i.item.departmentId) ?? '',
            versionNo: i.versionNo,
            promisedLimitDays: i.promisedLimitDays,
            changes: i.changes,
          })),
        })),
      };
    },
  );
}
