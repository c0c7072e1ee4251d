import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/client.js';
import { requireActor } from '../../identity/index.js';
import { hallReceipt, submitBody, visitBody, visitIdParams, visitOut } from '../contract.js';
import { applyAtHall, openVisit } from './service.js';
import { queueRoutes } from './queueRoutes.js';

export async function hallRoutes(app: FastifyInstance, opts: { db: Db; regionCode: string }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['hall'];
  await queueRoutes(app, { db });

  r.post(
    '/api/hall/visits',
    {
      schema: {
        tags,
        summary: 'Open a window visit after checking the walk-in’s ID card (raises them to level 3)',
        body: visitBody,
        response: { 201: visitOut },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return reply.code(201).send(await db.transaction((tx) => openVisit(tx, actor, req.body.idNumber, req.body.ticketId)));
    },
  );

  r.post(
    '/api/hall/visits/:id/cases',
    {
      schema: {
        tags,
        summary: 'Apply for the visit’s walk-in; the window accepts it at once',
        params: visitIdParams,
        body: submitBody,
        response: { 201: hallReceipt },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const receipt = await db.transaction((tx) => applyAtHall(tx, actor, req.params.id, req.body, opts.regionCode));
      return reply.code(201).header('location', `/api/cases/${receipt.id}`).send({ ...receipt, status: 'accepted' as const });
    },
  );
}
