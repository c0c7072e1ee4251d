import { isIP } from 'node:net';
import type { ServerOptions } from 'node:http';

/**
 * The HTTP edge: which proxies are believed, and how long a client may take. Without limits a
 * client that sends its headers or body slowly (or never) holds a socket for minutes, and enough
 * of them starve every other request (slowloris).
 */

/** TRUST_PROXY: `false`; a hop count (`1` = one proxy in front); or the proxies' addresses/CIDRs. */
export type TrustProxy = false | number | string[];

const KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(s: string): boolean {
  if (KEYWORDS.has(s)) return true;
  const [ip, bits, ...rest] = s.split('/');
  if (rest.length || !ip || !isIP(ip)) return false;
  if (bits === undefined) return true;
  const max = isIP(ip) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/** Parses TRUST_PROXY; an error names what is wrong. `true` (believe anyone) is refused: any client could then pick its address. */
export function parseTrustProxy(value: string): TrustProxy | Error {
  const v = value.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true') return new Error('TRUST_PROXY=true would believe any client; give the number of proxies in front (e.g. 1) or their addresses');
  const list = v.split(',').map((p) => p.trim()).filter(Boolean);
  const bad = list.filter((p) => !isAddressOrRange(p));
  if (bad.length) return new Error(`TRUST_PROXY: not an address, CIDR range or loopback/linklocal/uniquelocal: ${bad.join(', ')}`);
  return list;
}

export type HttpLimits = {
  TRUST_PROXY: TrustProxy;
  HTTP_HEADERS_TIMEOUT_SECONDS: number;
  HTTP_REQUEST_TIMEOUT_SECONDS: number;
  HTTP_IDLE_TIMEOUT_SECONDS: number;
  HTTP_MAX_CONNECTIONS: number;
};

export const defaultHttpLimits: HttpLimits = {
  TRUST_PROXY: false,
  HTTP_HEADERS_TIMEOUT_SECONDS: 10,
  HTTP_REQUEST_TIMEOUT_SECONDS: 120,
  HTTP_IDLE_TIMEOUT_SECONDS: 75,
  HTTP_MAX_CONNECTIONS: 10000,
};

/** Fastify server options for these limits (the connection cap is set on the server after creation). */
/**
 * Believe the last `hops` forwarding entries (proxy-addr walks from the socket's peer outwards).
 * Only sound when the server is reachable through those proxies alone; addresses are safer.
 */
const trustHops = (hops: number) => (_address: string, i: number) => i < hops;

export function httpServerOptions(limits: HttpLimits): {
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean);
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionTimeout: number;
  http: ServerOptions;
} {
  const headers = limits.HTTP_HEADERS_TIMEOUT_SECONDS * 1000;
  const request = Math.max(limits.HTTP_REQUEST_TIMEOUT_SECONDS * 1000, headers);
  const idle = limits.HTTP_IDLE_TIMEOUT_SECONDS * 1000;
  return {
    // A hop count as a function: Fastify 5.12 treats a bare number as "trust nobody".
    trustProxy: typeof limits.TRUST_PROXY === 'number' ? trustHops(limits.TRUST_PROXY) : limits.TRUST_PROXY,
    // Whole request (headers and body) must arrive within this; else 408 and the socket closes.
    requestTimeout: request,
    // Between requests on a kept-alive connection; keep it above a load balancer's idle timeout.
    keepAliveTimeout: idle,
    // A socket with no traffic either way for this long is closed (a stalled body, a dead peer).
    connectionTimeout: Math.max(idle, headers),
    // Node checks these deadlines on a timer: check often enough for short limits to bite on time.
    http: { headersTimeout: headers, requestTimeout: request, connectionsCheckingInterval: Math.min(1000, headers) },
  };
}
