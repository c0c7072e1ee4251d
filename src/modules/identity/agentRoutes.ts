import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { requireActor, SESSION_COOKIE } from './httpSession.js';
import { actFor, grantAuthorisation, listAuthorisations, registerEntity, revokeAuthorisation } from './agents.js';
import { actingForBody, authorisationBody, authorisationLists, createdId, entityBody, entityResponse, idParams, noContent, userResponse } from './contract.js';
import { userView } from './views.js';
import { sessionActor } from './service.js';
import { DomainError } from '../../lib/errors.js';

/** Enterprises claimed by their legal representative, authorisations, and acting for a principal. */
export async function agentRoutes(app: FastifyInstance, opts: { db: Db; itemCodesExist: (codes: string[]) => Promise<boolean> }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agents'];

  r.post(
    '/api/entities',
    {
      schema: {
        tags,
        summary: 'Claim an enterprise as its legal representative (checked against the legal-entity registry)',
        body: entityBody,
        response: { 201: entityResponse },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 hour' } },
    },
    async (req, reply) => reply.code(201).send({ entity: await db.transaction((tx) => registerEntity(tx, requireActor(req), req.body)) }),
  );

  r.get('/api/authorisations', { schema: { tags, response: { 200: authorisationLists } } }, async (req) =>
    listAuthorisations(db, requireActor(req)),
  );

  r.post(
    '/api/authorisations',
    {
      schema: {
        tags,
        summary: 'Authorise an agent to act for a principal you manage (yourself, or an enterprise you represent)',
        body: authorisationBody,
        response: { 201: createdId },
      },
    },
    async (req, reply) => {
      const { principalId, agent, itemCodes, validUntil } = req.body;
      if (itemCodes && !(await opts.itemCodesExist(itemCodes))) throw new DomainError('VALIDATION', {}, [{ path: 'itemCodes', code: 'BAD_OPTION' }]);
      // A date means "through that day" in China Standard Time.
      const until = validUntil ? new Date(`${validUntil}T23:59:59.999+08:00`) : null;
      const id = await db.transaction((tx) => grantAuthorisation(tx, requireActor(req), { principalAccountId: principalId, agentIdNumber: agent.idNumber, agentName: agent.name, itemCodes, validUntil: until }));
      return reply.code(201).send({ id });
    },
  );

  r.delete(
    '/api/authorisations/:id',
    { schema: { tags, params: idParams, response: { 204: noContent } } },
    async (req, reply) => {
      await db.transaction((tx) => revokeAuthorisation(tx, requireActor(req), req.params.id));
      return reply.code(204).send();
    },
  );

  r.put(
    '/api/auth/acting-for',
    {
      schema: {
        tags,
        summary: 'Act for a principal under one of your authorisations (null: back to yourself)',
        body: actingForBody,
        response: { 200: userResponse },
      },
    },
    async (req) => {
      const token = req.cookies[SESSION_COOKIE]!;
      await db.transaction((tx) => actFor(tx, requireActor(req), token, req.body.authorisationId));
      const now = await sessionActor(db, token);
      return { user: await userView(db, now!.actor, req.lang) };
    },
  );
}
