import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../lib/errors.js';
import { sessionActor, type Actor } from './service.js';
import { pickLang, type Lang } from '../../lib/i18n/messages.js';

export const SESSION_COOKIE = 'yw_session';
export const CSRF_COOKIE = 'yw_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    actor: Actor | null;
    sessionCsrf: string | null;
  }
  interface FastifyInstance {
    uploadMaxBytes: number;
    cookieSecure: 'auto' | 'true' | 'false';
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieOptions(app: FastifyInstance, req: FastifyRequest, httpOnly: boolean, maxAgeSeconds?: number) {
  const secure = app.cookieSecure === 'true' || (app.cookieSecure === 'auto' && req.protocol === 'https');
  return { path: '/', httpOnly, sameSite: 'lax' as const, secure, ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) };
}

export function setCsrfCookie(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(CSRF_COOKIE, token, cookieOptions(app, req, false));
}

export function newCsrfToken() {
  return randomBytes(24).toString('base64url');
}

/**
 * Resolves the actor from the session cookie on every request, and enforces double-submit CSRF:
 * a state-changing request must echo the readable csrf cookie in a header, and once signed in
 * that token must be the one bound to the session.
 */
export function registerAuth(app: FastifyInstance, db: Parameters<typeof sessionActor>[0]) {
  app.decorateRequest('lang', 'zh-CN');
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionCsrf', null);

  app.addHook('onRequest', async (req) => {
    req.lang = pickLang(req.headers['accept-language']);
    const token = req.cookies[SESSION_COOKIE];
    if (token && token.length < 200) {
      const s = await sessionActor(db, token);
      if (s) {
        req.actor = s.actor;
        req.sessionCsrf = s.csrf;
      }
    }
    // Decided by the route the router matched (its decoded path), never by the raw URL: a prefix
    // test on req.url let `/%61pi/...` through (OWASP CSRF cheat sheet: protect every state change).
    if (!SAFE_METHODS.has(req.method) && req.routeOptions.url !== undefined && req.routeOptions.config.csrf !== false) assertCsrf(req);
  });
}

/** The double-submit check; every state-changing route gets it unless its config says `csrf: false`. */
export function assertCsrf(req: FastifyRequest): void {
  const header = req.headers['x-csrf-token'];
  const cookie = req.cookies[CSRF_COOKIE];
  const sent = typeof header === 'string' ? header : '';
  const expected = req.sessionCsrf ?? cookie ?? '';
  if (!sent || !expected || !sameSecret(sent, expected) || (cookie !== undefined && !sameSecret(sent, cookie))) {
    throw new DomainError('CSRF');
  }
}

/** What an account whose password someone else set may still do: see itself, change it, leave. */
const WHILE_PASSWORD_MUST_CHANGE = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout', '/api/auth/sessions']);

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new DomainError('UNAUTHENTICATED');
  if (req.actor.mustChangePassword && !WHILE_PASSWORD_MUST_CHANGE.has(req.routeOptions.url ?? '')) throw new DomainError('PASSWORD_CHANGE_REQUIRED');
  return req.actor;
}
