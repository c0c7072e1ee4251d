import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { isLoopbackRequest } from './access.js';
import { assertMayReadSmsOutbox } from './policy.js';
import type { SmsGateway } from './gateway.js';
import { outboxOut } from './contract.js';
import { listOutbox } from './sandbox.js';

export async function notifyRoutes(app: FastifyInstance, opts: { db: Db; sms: SmsGateway }) {
  const { db, sms } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  /**
   * The sandbox outbox: platform admins may read it; while the sandbox runs, so may anyone on this
   * machine (demo users read their codes here before they can sign in at all).
   */
  r.get('/api/ops/sms-outbox', { schema: { tags: ['ops'], response: { 200: outboxOut } } }, async (req) => {
    assertMayReadSmsOutbox(req.actor, { sandbox: sms.kind === 'sandbox', loopback: isLoopbackRequest(req) });
    const items = await listOutbox(db, 100);
    return { items: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })) };
  });
}
