import type { FastifyInstance, HTTPMethods } from 'fastify';
import { DomainError } from '../../lib/errors.js';
import { pickLang } from '../../lib/i18n/messages.js';

/** One registered route, as the router knows it (for start-up checks and the CSRF coverage test). */
export type RouteEntry = { method: string; url: string; csrf: boolean };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the app, registered after registerPathRules(). */
    routeList: readonly RouteEntry[];
  }
  interface FastifyContextConfig {
    /**
     * Double-submit CSRF check for state-changing methods: on unless a route opts out (the OpenID
     * provider's own endpoints, which are called server to server or carry their own form token).
     */
    csrf?: boolean;
  }
}

/** Unreserved characters (RFC 3986 §2.3): their escaped and plain spellings name the same resource. */
const isUnreserved = (b: number) =>
  (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e;

/**
 * A path is ambiguous when two spellings reach one route: an escaped unreserved character
 * (`/%61pi` = `/api`, RFC 3986 §6.2.2.2), an escaped `/`, `\` or `%` (a second decoding changes the
 * path), an escaped or raw control character, or a dot segment (`/api/./x`, §5.2.4). The router
 * decodes escapes, so anything that decides by the raw URL could be fooled; such paths are refused.
 */
export function isAmbiguousPath(rawUrl: string): boolean {
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return true;
  if (/(^|\/)\.\.?(\/|$)/.test(path)) return true;
  for (const m of path.matchAll(/%([0-9a-fA-F]{2})/g)) {
    const b = parseInt(m[1]!, 16);
    if (b < 0x20 || b === 0x7f || isUnreserved(b) || b === 0x2f || b === 0x5c || b === 0x25) return true;
  }
  return false;
}

/**
 * Registered first: refuses ambiguous path spellings before any other hook looks at the request,
 * and keeps the list of routes.
 */
export function registerPathRules(app: FastifyInstance) {
  const routes: RouteEntry[] = [];
  app.decorate('routeList', routes);
  app.addHook('onRoute', (route) => {
    const methods = ([] as HTTPMethods[]).concat(route.method);
    for (const method of methods) routes.push({ method, url: route.url, csrf: route.config?.csrf !== false });
  });
  app.addHook('onRequest', async (req) => {
    req.lang = pickLang(req.headers['accept-language']);
    if (isAmbiguousPath(req.url)) throw new DomainError('BAD_PATH');
  });
}
