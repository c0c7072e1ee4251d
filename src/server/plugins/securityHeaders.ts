import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Response headers every answer carries: the web app, the API, /api/docs, the OpenID provider's
 * pages and every error (OWASP Secure Headers Project; CSP Level 3; RFC 6797 for HSTS).
 *
 * They are set on the raw response before anything else runs, so they also reach answers that
 * bypass Fastify's reply (the OpenID provider writes its own). A route that needs another policy
 * (a stricter one for downloads) sets the header on its reply: Node gives the headers of
 * writeHead precedence over those set here.
 */

const common = [
  "default-src 'self'",
  // No inline script anywhere: the web build loads only its own files (checked by e2e/headers.e2e.ts).
  "script-src 'self'",
  "script-src-attr 'none'",
  // antd writes its CSS-in-JS into <style> elements, and components set style attributes.
  "style-src 'self' 'unsafe-inline'",
  // QR codes are SVG data: URIs.
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  // The kiosk and the QR confirm page (like every page) must never be framed: clickjacking.
  "frame-ancestors 'none'",
];

/** The web app, the API and the docs: forms post only here. */
export const APP_CSP = [...common, "base-uri 'none'", "form-action 'self'"].join('; ');

/**
 * The OpenID provider's pages post to department systems (form_post responses) and sign-out
 * redirects to them after a form, so form-action stays open there; the provider adds the hash of
 * its one auto-submit script to script-src itself.
 */
export const OIDC_CSP = [...common, "base-uri 'none'"].join('; ');

/** Powerful features no page of the platform uses are off; passkeys only for this origin. */
export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'bluetooth=()',
  'publickey-credentials-get=(self)',
  'publickey-credentials-create=(self)',
].join(', ');

/** One year; only ever sent over HTTPS (RFC 6797 §7.2: a UA ignores it over plain HTTP anyway). */
export const HSTS = 'max-age=31536000';

export function applySecurityHeaders(req: FastifyRequest, reply: FastifyReply): void {
  const res = reply.raw;
  const oidc = req.url === '/oidc' || req.url.startsWith('/oidc/') || req.url.startsWith('/oidc?');
  res.setHeader('content-security-policy', oidc ? OIDC_CSP : APP_CSP);
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('x-content-type-options', 'nosniff');
  // Page URLs can carry one-time ids (/qr/confirm/…, /verify/…): never send them to other sites.
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('permissions-policy', PERMISSIONS_POLICY);
  // req.protocol follows X-Forwarded-Proto only from a trusted proxy (TRUST_PROXY).
  if (req.protocol === 'https') res.setHeader('strict-transport-security', HSTS);
}

/** Registered first, so even a request refused by a later hook gets the headers. */
export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onRequest', async (req, reply) => applySecurityHeaders(req, reply));
}
