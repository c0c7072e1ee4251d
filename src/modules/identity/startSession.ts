import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { SESSION_COOKIE, cookieOptions, setCsrfCookie } from './httpSession.js';
import { maySessionOpen } from './policy.js';
import { createSession, endSession, loadActor, type SessionMethod } from './service.js';
import type { SessionChannel } from './tables.js';
import { userView } from './views.js';

/**
 * Creates the session and sets its cookies: the one place every sign-in method (password, SMS
 * code, second factor, registration, QR code) ends. Staff reach it only through the second factor.
 * A kiosk session's cookie is a browser-session cookie (no Max-Age): nothing outlives the kiosk
 * browser, and the server ends it after its own short lifetime (`sessionTtlHours` of the caller).
 */
export async function startSession(
  app: FastifyInstance,
  db: Db,
  sessionTtlHours: number,
  req: FastifyRequest,
  reply: FastifyReply,
  accountId: string,
  method: SessionMethod,
  channel: SessionChannel = 'web',
) {
  const actor = await loadActor(db, accountId);
  if (!actor) throw new DomainError('BAD_CREDENTIALS');
  // The last line of defence: whatever route got here, staff need the second factor.
  if (!maySessionOpen(actor, method)) throw new DomainError('BAD_CREDENTIALS');
  // A fresh token on every sign-in: a session id planted before login is never promoted.
  const old = req.cookies[SESSION_COOKIE];
  const { token, csrf } = await db.transaction(async (tx) => {
    if (old) await endSession(tx, old);
    return createSession(tx, accountId, sessionTtlHours, req.headers['user-agent'], method, channel);
  });
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(app, req, true, channel === 'kiosk' ? undefined : sessionTtlHours * 3600));
  setCsrfCookie(app, req, reply, csrf);
  return userView(db, actor, req.lang);
}
