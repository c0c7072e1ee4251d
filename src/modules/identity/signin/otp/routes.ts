import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../../db/client.js';
import { inTxKeepingRefusal } from '../../refusal.js';
import { startSession } from '../../startSession.js';
import { authOptions, secondFactorBody, smsCodeBody, smsCodeSent, smsLoginBody, userResponse } from '../../contract.js';
import { isLoopbackRequest } from '../../../notify/index.js';
import type { SmsGateway } from '../../../notify/index.js';
import { completeSecondFactor, OTP_RESEND_SECONDS, OTP_TTL_SECONDS, requestSignInCode, signInWithCode } from './service.js';


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
          200: authOptions,
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
      schema: { tags, body: smsCodeBody, response: { 202: smsCodeSent } },
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
    { schema: { tags, body: smsLoginBody, response: { 200: userResponse } }, config: perIp(20) },
    async (req, reply) => {
      const accountId = await inTxKeepingRefusal(db, (tx) => signInWithCode(tx, req.body.phone, req.body.code));
      return { user: await startSession(app, db, opts.sessionTtlHours, req, reply, accountId, 'sms') };
    },
  );

  r.post(
    '/api/auth/login/second-factor',
    { schema: { tags, body: secondFactorBody, response: { 200: userResponse } }, config: perIp(20) },
    async (req, reply) => {
      const accountId = await inTxKeepingRefusal(db, (tx) => completeSecondFactor(tx, req.body.challengeId, req.body.code));
      return { user: await startSession(app, db, opts.sessionTtlHours, req, reply, accountId, 'second_factor') };
    },
  );
}
