import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { requireActor } from '../../identity/index.js';
import { caseReceipt, submitBody } from '../contract.js';
import { idNumberSchema } from '../../identity/contract.js';
import { applyAtHall, openVisit } from './service.js';

const visitOut = z.object({
  id: z.string().uuid(),
  expiresAt: z.string(),
  applicant: z.object({ id: z.string().uuid(), name: z.string(), maskedIdNumber: z.string(), level: z.number().int(), newAccount: z.boolean() }),
});

export async function hallRoutes(app: FastifyInstance, opts: { db: Db; regionCode: string }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['hall'];

  r.post(
    '/api/hall/visits',
    {
      schema: {
        tags,
        summary: 'Open a window visit after checking the walk-in’s ID card (raises them to level 3)',
        body: z.object({ idNumber: idNumberSchema, cardChecked: z.literal(true, { message: 'REQUIRED' }) }),
        response: { 201: visitOut },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return reply.code(201).send(await db.transaction((tx) => openVisit(tx, actor, req.body.idNumber)));
    },
  );

  r.post(
    '/api/hall/visits/:id/cases',
    {
      schema: {
        tags,
        summary: 'Apply for the visit’s walk-in; the window accepts it at once',
        params: z.object({ id: z.string().uuid() }),
        body: submitBody,
        response: { 201: caseReceipt.extend({ status: z.literal('accepted') }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const receipt = await db.transaction((tx) => applyAtHall(tx, actor, req.params.id, req.body, opts.regionCode));
      return reply.code(201).header('location', `/api/cases/${receipt.id}`).send({ ...receipt, status: 'accepted' as const });
    },
  );
}
