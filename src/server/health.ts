import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationVersion, type Database } from '../db/client.js';
import { installedKeyring } from '../lib/secretbox.js';
import { checkMasterKeys } from './keyCheck.js';

const base = { database: z.enum(['pglite', 'postgres']), migration: z.string() };

/**
 * `/healthz` for load balancers and monitoring: 200 when the database answers and the configured
 * master keys open what it holds; 503 otherwise, so an instance started with the wrong
 * MASTER_KEYS (every sealed read failing) is taken out of rotation.
 */
export function registerHealth(app: FastifyInstance, database: Database) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/healthz',
    {
      schema: {
        tags: ['ops'],
        response: {
          200: z.object({ status: z.literal('ok'), ...base }),
          503: z.object({ status: z.literal('error'), ...base, problem: z.enum(['master_key_missing', 'master_key_wrong']), message: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      const info = { database: database.kind, migration: await migrationVersion(database) };
      const keys = await checkMasterKeys(database.db, installedKeyring());
      if (!keys.ok) return reply.code(503).send({ status: 'error' as const, ...info, problem: keys.problem, message: keys.message });
      return { status: 'ok' as const, ...info };
    },
  );
}
