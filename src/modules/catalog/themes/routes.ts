import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/client.js';
import { notFound } from '../../../lib/errors.js';
import { listDepartments, performerId, requireActor } from '../../identity/index.js';
import { themeAdminList, themeAdminView, themeBody, themeDetail, themeIdParams, themeList, themeListQuery } from './contract.js';
import { assertMayManageThemes } from './policy.js';
import { createTheme, publishTheme, unpublishTheme, updateTheme } from './saveTheme.js';
import { codesOf, getTheme, itemsByCode, listThemes, type ThemeRow } from './service.js';
import { themeAdminViewOf, themeDetailView, themeSummaryView } from './view.js';

/** The portal's themes (一件事) and their administration. (Registered by catalogRoutes.) */
export async function themeRoutes(app: FastifyInstance, opts: { db: Db }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalog'];

  r.get(
    '/api/catalog/themes',
    { schema: { tags, querystring: themeListQuery, response: { 200: themeList }, description: 'Published themes (一件事), by audience and life event / enterprise stage.' } },
    async (req) => {
      const rows = await listThemes(db, { ...req.query, published: true });
      const items = await itemsByCode(db, rows.flatMap((t) => t.members.map((m) => m.item)));
      return { items: rows.map((t) => themeSummaryView(req.lang, t, items)) };
    },
  );

  r.get(
    '/api/catalog/themes/:id',
    { schema: { tags, params: themeIdParams, response: { 200: themeDetail }, description: 'A published theme: the combined guide (members by step, total promised days, every material once) and its one form.' } },
    async (req) => {
      const t = await getTheme(db, req.params.id);
      if (!t || t.status !== 'published') throw notFound();
      const items = await itemsByCode(db, t.members.map((m) => m.item));
      const depts = new Map((await listDepartments(db)).map((d) => [d.id, d]));
      return themeDetailView(req.lang, t, items, depts);
    },
  );

  const adminView = async (lang: Parameters<typeof themeAdminViewOf>[0], t: ThemeRow) => themeAdminViewOf(lang, t, await itemsByCode(db, codesOf(t)));

  r.get('/api/catalog/admin/themes', { schema: { tags, response: { 200: themeAdminList } } }, async (req) => {
    assertMayManageThemes(requireActor(req));
    const rows = await listThemes(db);
    const items = await itemsByCode(db, rows.flatMap(codesOf));
    return { items: rows.map((t) => themeAdminViewOf(req.lang, t, items)) };
  });

  r.get('/api/catalog/admin/themes/:id', { schema: { tags, params: themeIdParams, response: { 200: themeAdminView } } }, async (req) => {
    assertMayManageThemes(requireActor(req));
    const t = await getTheme(db, req.params.id);
    if (!t) throw notFound();
    return adminView(req.lang, t);
  });

  r.post('/api/catalog/admin/themes', { schema: { tags, body: themeBody, response: { 201: themeAdminView } } }, async (req, reply) => {
    const actor = assertMayManageThemes(requireActor(req));
    const row = await db.transaction((tx) => createTheme(tx, req.body, { actorAccountId: performerId(actor) }));
    return reply.code(201).send(await adminView(req.lang, row));
  });

  r.put('/api/catalog/admin/themes/:id', { schema: { tags, params: themeIdParams, body: themeBody, response: { 200: themeAdminView } } }, async (req) => {
    const actor = assertMayManageThemes(requireActor(req));
    const row = await db.transaction((tx) => updateTheme(tx, req.params.id, req.body, { actorAccountId: performerId(actor) }));
    return adminView(req.lang, row);
  });

  r.post('/api/catalog/admin/themes/:id/publish', { schema: { tags, params: themeIdParams, response: { 200: themeAdminView }, description: '422 THEME_INVALID listing every issue (unpublished member, prerequisite cycle, unknown field or material of a member).' } }, async (req) => {
    const actor = assertMayManageThemes(requireActor(req));
    const row = await db.transaction((tx) => publishTheme(tx, req.params.id, { actorAccountId: performerId(actor) }));
    return adminView(req.lang, row);
  });

  r.post('/api/catalog/admin/themes/:id/unpublish', { schema: { tags, params: themeIdParams, response: { 200: themeAdminView } } }, async (req) => {
    const actor = assertMayManageThemes(requireActor(req));
    const row = await db.transaction((tx) => unpublishTheme(tx, req.params.id, { actorAccountId: performerId(actor) }));
    return adminView(req.lang, row);
  });
}
