import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../../db/client.js';
import { DomainError } from '../../../../lib/errors.js';
import { startSession } from '../../startSession.js';
import { kioskOptions, loginBody, userResponse } from '../../contract.js';
import { authenticate } from '../../service.js';
import { needsSecondFactor } from '../../policy.js';

export type KioskConfig = { label: string; sessionTtlMinutes: number; idleSeconds: number; warnSeconds: number };

/**
 * Self-service kiosks (自助终端) in the service hall: shared machines, so their sessions are short
 * (KIOSK_SESSION_TTL_MINUTES on the server), their cookies die with the browser, and the kiosk
 * signs itself out after KIOSK_IDLE_SECONDS without a touch. QR sign-in is the preferred way in
 * (nothing is typed on the shared screen); the password is the fallback. Staff do not use kiosks.
 */
export async function kioskRoutes(app: FastifyInstance, opts: { db: Db; kiosk: KioskConfig }) {
  const { db, kiosk } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['kiosk'];

  r.get(
    '/api/kiosk/options',
    {
      schema: {
        tags,
        response: { 200: kioskOptions },
      },
    },
    async () => ({ label: kiosk.label, idleSeconds: kiosk.idleSeconds, warnSeconds: Math.min(kiosk.warnSeconds, kiosk.idleSeconds - 1), sessionTtlMinutes: kiosk.sessionTtlMinutes }),
  );

  r.post(
    '/api/kiosk/login',
    { schema: { tags, summary: 'Password sign-in at a kiosk: a kiosk session (short, not remembered)', body: loginBody, response: { 200: userResponse } }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const { accountId, kind } = await authenticate(db, req.body.username, req.body.password);
      if (needsSecondFactor(kind)) throw new DomainError('KIOSK_STAFF');
      return { user: await startSession(app, db, kiosk.sessionTtlMinutes / 60, req, reply, accountId, 'password', 'kiosk') };
    },
  );
}
