import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/client.js';
import { local } from '../../../lib/i18n/messages.js';
import { listDepartments, performerId, requireActor } from '../../identity/index.js';
import { getItems } from '../service.js';
import { addSynonym } from './addSynonym.js';
import { noContent } from '../versions/contract.js';
import { newSynonym, suggestionList, suggestQuery, synonymIdParams, synonymList, synonymView } from './contract.js';
import { assertCanManageSynonyms } from './policy.js';
import { removeSynonym } from './removeSynonym.js';
import { listSynonyms, suggestItemIds } from './service.js';

const view = (s: { id: string; term: string; expansions: string[]; createdAt: Date }) => ({ id: s.id, term: s.term, expansions: s.expansions, createdAt: s.createdAt.toISOString() });

/** Search-as-you-type for everyone; the synonym list for catalogue admins. (Registered by catalogRoutes.) */
export async function searchRoutes(app: FastifyInstance, opts: { db: Db }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalog'];

  r.get('/api/catalog/suggest', { schema: { tags, querystring: suggestQuery, response: { 200: suggestionList } } }, async (req) => {
    const ids = await suggestItemIds(db, req.query.q);
    if (!ids.length) return { items: [] };
    const items = await getItems(db, ids);
    const depts = new Map((await listDepartments(db)).map((d) => [d.id, d]));
    return {
      items: ids.flatMap((id) => {
        const item = items.get(id);
        const dept = item && depts.get(item.departmentId);
        return item && dept ? [{ id, code: item.code, name: local(req.lang, item.name), department: { id: dept.id, name: local(req.lang, dept.name) } }] : [];
      }),
    };
  });

  r.get('/api/catalog/synonyms', { schema: { tags, response: { 200: synonymList } } }, async (req) => {
    assertCanManageSynonyms(requireActor(req));
    return { items: (await listSynonyms(db)).map(view) };
  });

  r.post('/api/catalog/synonyms', { schema: { tags, body: newSynonym, response: { 201: synonymView } } }, async (req, reply) => {
    const actor = assertCanManageSynonyms(requireActor(req));
    const row = await db.transaction((tx) => addSynonym(tx, req.body, { actorAccountId: performerId(actor) }));
    return reply.code(201).send(view(row));
  });

  r.delete('/api/catalog/synonyms/:id', { schema: { tags, params: synonymIdParams, response: { 204: noContent } } }, async (req, reply) => {
    const actor = assertCanManageSynonyms(requireActor(req));
    await db.transaction((tx) => removeSynonym(tx, req.params.id, { actorAccountId: performerId(actor) }));
    return reply.code(204).send();
  });
}
