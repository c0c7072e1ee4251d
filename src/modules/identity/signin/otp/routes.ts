import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../../db/client.js';
import { startSession } from '../../startSession.js';
import { phoneSchema, userResponse } from '../../contract.js';
import { isLoopbackRequest } from '../../../notify/index.js';
import type { SmsGateway } from '../../../notify/index.js';
import { completeSecondFactor, OTP_RESEND_SECONDS, OTP_TTL_SECONDS, requestSignInCode, signInWithCode } from './service.js';

const codeSchema = z.string().trim().regex(/^\d{6}$/, 'OTP_FORMAT');

/** Per address: how often the code endpoints may be called (on top of the per-number limits). */
const perIp = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

export async function otpRoutes(app: FastifyInstance, opts: { db: Db; sms: SmsGateway; sessionTtlHours: number }) {
  const { db, sms } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.get(
    '/api/auth/options',
    {
      schema: {
        tags,
        response: {
          200: z.object({
            sms: z.enum(['sandbox', 'live']),
            /** Whether this caller may open the sandbox outbox without signing in (loopback only). */
            smsOutboxOpen: z.boolean(),
            codeTtlSeconds: z.number().int(),
            resendSeconds: z.number().int(),
          }),
        },
      },
    },
    async (req) => ({
      sms: sms.kind,
      smsOutboxOpen: sms.kind === 'sandbox' && isLoopbackRequest(req),
      codeTtlSeconds: OTP_TTL_SECONDS,
      resendSeconds: OTP_RESEND_SECONDS,
    }),
  );

  r.post(
    '/api/auth/sms-code',
    {
      schema: { tags, body: z.object({ phone: phoneSchema }), response: { 202: z.object({ sent: z.literal(true), resendSeconds: z.number().int() }) } },
      config: perIp(5),
    },
    async (req, reply) => {
      await requestSignInCode(db, sms, req.body.phone);
      // The same answer whether or not the number has an account.
      return reply.code(202).send({ sent: true as const, resendSeconds: OTP_RESEND_SECONDS });
    },
  );

  r.post(
    '/api/auth/login/sms',
    { schema: { tags, body: z.object({ phone: phoneSchema, code: codeSchema }), response: { 200: userResponse } }, config: perIp(20) },
    async (req, reply) => {
      const accountId = await signInWithCode(db, req.body.phone, req.body.code);
      return { user: await startSession(app, db, opts.sessionTtlHours, req, reply, accountId, 'sms') };
    },
  );

  r.post(
    '/api/auth/login/second-factor',
    { schema: { tags, body: z.object({ challengeId: z.string().uuid(), code: codeSchema }), response: { 200: userResponse } }, config: perIp(20) },
    async (req, reply) => {
      const accountId = await completeSecondFactor(db, req.body.challengeId, req.body.code);
      return { user: await startSession(app, db, opts.sessionTtlHours, req, reply, accountId, 'second_factor') };
    },
  );
}
