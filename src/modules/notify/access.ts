import type { FastifyRequest } from 'fastify';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * A request made on this machine itself. A request relayed by a reverse proxy on this machine
 * also arrives from 127.0.0.1, so any forwarding header counts as "not local".
 */
export function isLoopbackRequest(req: FastifyRequest): boolean {
  if (PROXY_HEADERS.some((h) => req.headers[h] !== undefined)) return false;
  return LOOPBACK.test(req.socket?.remoteAddress ?? req.ip);
}

/** True when PUBLIC_URL (if set) points at this machine only. */
export function isLocalPublicUrl(publicUrl: string | undefined): boolean {
  if (!publicUrl) return true;
  const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
