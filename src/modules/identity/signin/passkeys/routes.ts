import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../../db/client.js';
import { requireActor } from '../../httpSession.js';
import { startSession } from '../../startSession.js';
import { userView } from '../../views.js';
import { noContent, passkeyRegistered, userResponse } from '../../contract.js';
import { loadActor } from '../../service.js';
import {
  ceremonyOut,
  passkeyChallengeBody,
  passkeyList,
  passkeyParams,
  passkeyRegisterBody,
  passkeyRenameBody,
  passkeyResponse,
  passkeySignInBody,
} from './contract.js';
import {
  completeRegistration,
  completeSecondFactorWithPasskey,
  completeSignIn,
  listPasskeys,
  registrationOptions,
  relyingPartyFor,
  removePasskey,
  renamePasskey,
  secondFactorOptions,
  signInOptions,
  type PasskeyView,
} from './service.js';

const perIp = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
const out = (p: PasskeyView) => ({ id: p.id, name: p.name, createdAt: p.createdAt.toISOString(), lastUsedAt: p.lastUsedAt?.toISOString() ?? null });

/**
 * Passkeys (WebAuthn): adding and managing one's own, signing in with one, and a staff member's
 * second step. `publicOrigin` is the server's trusted origin (PUBLIC_URL or the listening address).
 */
export async function passkeyRoutes(app: FastifyInstance, opts: { db: Db; sessionTtlHours: number; publicOrigin: () => string }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['passkeys'];
  const rp = () => relyingPartyFor(opts.publicOrigin());

  r.get('/api/auth/passkeys', { schema: { tags, response: { 200: passkeyList } } }, async (req) => {
    const actor = requireActor(req);
    return { items: (await listPasskeys(db, actor)).map(out) };
  });

  r.post(
    '/api/auth/passkeys/register/options',
    { schema: { tags, summary: 'Start adding a passkey to one’s own account', response: { 200: ceremonyOut } }, config: perIp(20) },
    async (req) => db.transaction((tx) => registrationOptions(tx, rp(), requireActor(req))),
  );

  r.post(
    '/api/auth/passkeys/register',
    {
      schema: {
        tags,
        summary: 'Finish adding a passkey; an L2 account becomes L3',
        body: passkeyRegisterBody,
        response: { 201: passkeyRegistered },
      },
      config: perIp(20),
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { passkey } = await completeRegistration(db, rp(), actor, { ...req.body, response: req.body.response as RegistrationResponseJSON });
      const user = await userView(db, (await loadActor(db, actor.accountId))!, req.lang);
      return reply.code(201).send({ passkey: out(passkey), user });
    },
  );

  r.put(
    '/api/auth/passkeys/:id',
    { schema: { tags, params: passkeyParams, body: passkeyRenameBody, response: { 200: passkeyResponse } } },
    async (req) => ({ passkey: out(await db.transaction((tx) => renamePasskey(tx, requireActor(req), req.params.id, req.body.name))) }),
  );

  r.delete('/api/auth/passkeys/:id', { schema: { tags, params: passkeyParams, response: { 204: noContent } } }, async (req, reply) => {
    await db.transaction((tx) => removePasskey(tx, requireActor(req), req.params.id));
    return reply.code(204).send();
  });

  r.post(
    '/api/auth/passkeys/sign-in/options',
    { schema: { tags, summary: 'Start signing in with a passkey (no user name needed)', response: { 200: ceremonyOut } }, config: perIp(30) },
    async () => db.transaction((tx) => signInOptions(tx, rp())),
  );

  r.post(
    '/api/auth/passkeys/sign-in',
    { schema: { tags, body: passkeySignInBody, response: { 200: userResponse } }, config: perIp(20) },
    async (req, reply) => {
      const accountId = await completeSignIn(db, rp(), { challengeId: req.body.challengeId, response: req.body.response as AuthenticationResponseJSON });
      return { user: await startSession(app, db, opts.sessionTtlHours, req, reply, accountId, 'passkey') };
    },
  );

  r.post(
    '/api/auth/passkeys/second-factor/options',
    {
      schema: {
        tags,
        summary: 'Staff: answer the second step with a passkey instead of the SMS code',
        body: passkeyChallengeBody,
        response: { 200: ceremonyOut },
      },
      config: perIp(20),
    },
    async (req) => db.transaction((tx) => secondFactorOptions(tx, rp(), req.body.challengeId)),
  );

  r.post(
    '/api/auth/passkeys/second-factor',
    { schema: { tags, body: passkeySignInBody, response: { 200: userResponse } }, config: perIp(20) },
    async (req, reply) => {
      const accountId = await completeSecondFactorWithPasskey(db, rp(), { challengeId: req.body.challengeId, response: req.body.response as AuthenticationResponseJSON });
      return { user: await startSession(app, db, opts.sessionTtlHours, req, reply, accountId, 'second_factor') };
    },
  );
}
