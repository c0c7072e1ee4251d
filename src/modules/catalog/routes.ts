import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db, Executor } from '../../db/client.js';
import type { LocalText } from '../../db/types.js';
import { divisionNames } from '../../lib/divisions.js';
import { notFound } from '../../lib/errors.js';
import { label, local, type Lang } from '../../lib/i18n/messages.js';
import { listDepartments } from '../identity/index.js';
import { departmentList, departmentsQuery, itemDetail, itemIdParams, itemList, itemListQuery, topicList, type ItemSummary } from './contract.js';
import { formRoutes } from './forms/routes.js';
import { formView } from './forms/view.js';
import { guideRoutes } from './guide/routes.js';
import { guideView, materialsView } from './guide/view.js';
import { isItemOffered } from './policy.js';
import { catalogueIoRoutes } from './io/routes.js';
import { catalogueAdminRoutes } from './versions/routes.js';
import { searchRoutes } from './search/routes.js';
import { themeRoutes } from './themes/routes.js';
import { findItems, getItem, topicCounts } from './service.js';
import { enterpriseStages, lifeEvents } from './topics.js';

type Row = NonNullable<Awaited<ReturnType<typeof getItem>>>;

function summaryView(lang: Lang, { item, department }: Row): ItemSummary {
  return {
    id: item.id,
    code: item.code,
    name: local(lang, item.name),
    itemType: item.itemType,
    itemTypeLabel: label(lang, `itemType.${item.itemType}`),
    department: { id: department.id, name: local(lang, department.name) },
    region: { code: item.regionCode, name: divisionNames(item.regionCode)?.fullName ?? item.regionCode },
    legalLimitDays: item.legalLimitDays,
    promisedLimitDays: item.promisedLimitDays,
    onlineDepth: item.onlineDepth,
    feeFree: item.guide.fees.every((f) => f.amountFen === 0),
  };
}

/**
 * `licenceTypeName` names the certificate an item ends in: the licence library's, handed in by the
 * composition root (the catalogue does not depend on the licence library).
 */
export async function catalogRoutes(app: FastifyInstance, opts: { db: Db; licenceTypeName: (db: Executor, code: string) => Promise<LocalText | null> }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalog'];
  await app.register(formRoutes, { db });
  await searchRoutes(app, { db });
  await guideRoutes(app, opts);
  await themeRoutes(app, { db });

  r.get(
    '/api/catalog/departments',
    {
      schema: {
        tags,
        querystring: departmentsQuery,
        response: { 200: departmentList },
      },
    },
    async (req) => {
      let depts = await listDepartments(db);
      // The portal's filter offers only departments that publish services (not the city government root, say).
      if (req.query.withItems === 'true') {
        const serving = new Set((await findItems(db, {})).map((r) => r.item.departmentId));
        depts = depts.filter((d) => serving.has(d.id));
      }
      return { items: depts.map((d) => ({ id: d.id, code: d.code, name: local(req.lang, d.name) })) };
    },
  );

  r.get(
    '/api/catalog/topics',
    { schema: { tags, response: { 200: topicList }, description: 'Life events (个人) and enterprise stages (法人) with the number of offered services each lists; empty ones are left out.' } },
    async (req) => {
      const counts = await topicCounts(db);
      const list = (codes: readonly string[], kind: 'lifeEvent' | 'enterpriseStage', n: Map<string, number>) =>
        codes.filter((c) => n.has(c)).map((code) => ({ code, name: label(req.lang, `${kind}.${code}`), items: n.get(code)! }));
      return { lifeEvents: list(lifeEvents, 'lifeEvent', counts.lifeEvents), enterpriseStages: list(enterpriseStages, 'enterpriseStage', counts.enterpriseStages) };
    },
  );

  r.get(
    '/api/catalog/items',
    { schema: { tags, querystring: itemListQuery, response: { 200: itemList } } },
    async (req) => ({ items: (await findItems(db, req.query)).map((row) => summaryView(req.lang, row)) }),
  );

  r.get(
    '/api/catalog/items/:id',
    { schema: { tags, params: itemIdParams, response: { 200: itemDetail } } },
    async (req) => {
      const row = await getItem(db, req.params.id);
      if (!row || !isItemOffered(row.item)) throw notFound();
      const lang = req.lang;
      const { item } = row;
      const g = item.guide;
      const typeName = item.licenceTypeCode ? await opts.licenceTypeName(db, item.licenceTypeCode) : null;
      return {
        ...summaryView(lang, row),
        guide: guideView(lang, g),
        materials: materialsView(lang, item.materials),
        form: formView(lang, item.form),
        licenceType: item.licenceTypeCode && typeName ? { code: item.licenceTypeCode, name: local(lang, typeName) } : null,
        minLevel: item.minLevel,
        applicantKinds: item.applicantKinds,
      };
    },
  );

  await catalogueAdminRoutes(app, { db });
  await catalogueIoRoutes(app, { db, licenceTypeName: opts.licenceTypeName });
}
