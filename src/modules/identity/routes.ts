import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import {
  CSRF_COOKIE,
  SESSION_COOKIE,
  newCsrfToken,
  requireActor,
  setCsrfCookie,
} from './httpSession.js';
import { stepUpWithRegistry } from './assurance.js';
import { inTxKeepingRefusal } from './refusal.js';
import {
  csrfOut,
  endedOut,
  loginBody,
  loginResponse,
  noContent,
  passwordChangeBody,
  passwordChangeResponse,
  registerBody,
  sessionList,
  sessionParams,
  stepUpBody,
  userResponse,
} from './contract.js';
import type { SmsGateway } from '../notify/index.js';
import { startSecondFactor } from './signin/otp/service.js';
import { hasPasskey } from './signin/passkeys/service.js';
import { needsSecondFactor } from './policy.js';
import { startSession } from './startSession.js';
import { userView } from './views.js';
import {
  authenticate,
  endAllSessions,
  endSession,
  endSessionByHandle,
  listSessions,
  loadActor,
  registerPerson,
  selfOf,
  changePassword,
  sessionActor,
  type SignInMethod,
} from './service.js';
import { notFound } from '../../lib/errors.js';

export async function identityRoutes(app: FastifyInstance, opts: { db: Db; sessionTtlHours: number; sms: SmsGateway }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  const signIn = (req: FastifyRequest, reply: FastifyReply, accountId: string, method: SignInMethod | 'register' = 'password') =>
    startSession(app, db, opts.sessionTtlHours, req, reply, accountId, method);

  r.get('/api/auth/csrf', { schema: { tags, response: { 200: csrfOut } } }, async (req, reply) => {
    const token = req.sessionCsrf ?? req.cookies[CSRF_COOKIE] ?? newCsrfToken();
    setCsrfCookie(app, req, reply, token);
    return { token };
  });

  r.post('/api/auth/register', { schema: { tags, body: registerBody, response: { 201: userResponse } }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    const id = await registerPerson(db, req.body);
    const user = await signIn(req, reply, id, 'register');
    return reply.code(201).send({ user });
  });

  r.post(
    '/api/auth/login',
    {
      schema: { tags, body: loginBody, response: { 200: loginResponse } },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { accountId, kind, key } = await authenticate(db, req.body.username, req.body.password);
      // Staff always sign in with two factors: the password only earns a code by SMS.
      if (needsSecondFactor(kind)) {
        const methods: ('sms' | 'passkey')[] = (await hasPasskey(db, accountId)) ? ['sms', 'passkey'] : ['sms'];
        return { secondFactor: 'sms' as const, ...(await startSecondFactor(db, opts.sms, accountId, key)), methods };
      }
      return { user: await signIn(req, reply, accountId) };
    },
  );

  r.post('/api/auth/logout', { schema: { tags, response: { 204: noContent } } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await db.transaction((tx) => endSession(tx, token));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    setCsrfCookie(app, req, reply, newCsrfToken());
    return reply.code(204).send();
  });

  r.get('/api/auth/sessions', { schema: { tags, response: { 200: sessionList } } }, async (req) => {
    const actor = selfOf(requireActor(req));
    const list = await listSessions(db, actor.accountId, req.cookies[SESSION_COOKIE]);
    return { items: list.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString() })) };
  });

  r.delete(
    '/api/auth/sessions/:id',
    { schema: { tags, params: sessionParams, response: { 204: noContent } } },
    async (req, reply) => {
      const actor = selfOf(requireActor(req));
      if (!(await db.transaction((tx) => endSessionByHandle(tx, actor.accountId, req.params.id)))) throw notFound();
      return reply.code(204).send();
    },
  );

  r.post('/api/auth/logout-everywhere', { schema: { tags, response: { 200: endedOut } } }, async (req, reply) => {
    const actor = selfOf(requireActor(req));
    const ended = await db.transaction((tx) => endAllSessions(tx, actor.accountId));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    setCsrfCookie(app, req, reply, newCsrfToken());
    return { ended };
  });

  r.post(
    '/api/auth/assurance/registry',
    {
      schema: {
        tags,
        summary: 'Step up to level 2: the name on the ID card must match the population registry',
        body: stepUpBody,
        response: { 200: userResponse },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 hour' } },
    },
    async (req) => {
      const actor = requireActor(req);
      await inTxKeepingRefusal(db, (tx) => stepUpWithRegistry(tx, actor, req.body.name));
      return { user: await userView(db, (await loadActor(db, actor.accountId))!, req.lang) };
    },
  );

  r.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: 'Change one’s own password; every other session of the account ends',
        body: passwordChangeBody,
        response: { 200: passwordChangeResponse },
      },
      config: { rateLimit: { max: 10, timeWindow: '15 minutes' } },
    },
    async (req) => {
      const actor = requireActor(req);
      const { otherSessionsEnded } = await changePassword(db, actor, req.cookies[SESSION_COOKIE]!, req.body.currentPassword, req.body.newPassword);
      const now = await sessionActor(db, req.cookies[SESSION_COOKIE]!);
      return { user: await userView(db, now!.actor, req.lang), otherSessionsEnded };
    },
  );

  r.get('/api/auth/me', { schema: { tags, response: { 200: userResponse } } }, async (req) => {
    const actor = requireActor(req);
    return { user: await userView(db, actor, req.lang) };
  });
}
