import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/client.js';
import { local } from '../../../lib/i18n/messages.js';
import { departmentTree, listDepartments, requireActor } from '../../identity/index.js';
import { assertMayAdministerCatalogue, cataloguePolicy } from '../policy.js';
import { serviceItems } from '../tables.js';
import { checkConsistency } from './consistency.js';
import { consistencyReport } from './contract.js';
import { problemView } from './view.js';

/**
 * The consistency report of the catalogue (事项要素一致性检查): each implementation's current content
 * (its published version, or the draft before the first publication) against the rules.
 */
export async function guideRoutes(app: FastifyInstance, opts: { db: Db }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/catalog/consistency',
    { schema: { tags: ['catalog'], response: { 200: consistencyReport } } },
    async (req) => {
      const actor = requireActor(req);
      // The catalogue's managers read it: node catalogue admins everything, department admins their branch.
      const policy = cataloguePolicy(actor, await departmentTree(db));
      assertMayAdministerCatalogue(policy);
      const names = new Map((await listDepartments(db)).map((d) => [d.id, d.name]));
      const rows = (await db.select().from(serviceItems).orderBy(serviceItems.code)).filter((row) => policy.mayManage(row.departmentId));
      return {
        items: rows.map((item) => {
          const problems = checkConsistency(item).map((p) => problemView(req.lang, p));
          return {
            id: item.id,
            code: item.code,
            name: local(req.lang, item.name),
            published: item.published,
            department: { id: item.departmentId, name: local(req.lang, names.get(item.departmentId)!) },
            errors: problems.filter((p) => p.severity === 'error').length,
            warnings: problems.filter((p) => p.severity === 'warning').length,
            problems,
          };
        }),
      };
    },
  );
}
