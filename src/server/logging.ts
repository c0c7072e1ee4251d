import type { FastifyLoggerOptions, FastifyRequest } from 'fastify';

/**
 * What the server writes to its log. Secrets and personal data never go there (DESIGN.md,
 * "personal identifiers never appear in logs or URLs"; PIPL Art. 51): errors are logged by an
 * allow-list of their fields, request URLs without one-time ids or query values.
 */

/** Path segments that are bearer secrets: whoever reads them can use them (QR sign-in, verification, OIDC interactions). */
const ONE_TIME_SEGMENT = /^((?:\/api)?\/(?:verify|qr\/confirm|qr-login\/requests)|\/oidc\/(?:interaction|consent|auth))\/[^/?#]+/;

/** A request URL fit for the log: one-time ids replaced, query values dropped (a search `q` may be a name, `id_token_hint` a token). */
export function logUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q === -1 ? url : url.slice(0, q)).replace(ONE_TIME_SEGMENT, '$1/[redacted]');
  if (q === -1) return path;
  const keys = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=~`);
  return `${path}?${keys.join('&')}`;
}

/** Fields of an error that describe it without carrying data: SQLSTATE, constraint, table, column… */
const SAFE_FIELDS = ['code', 'statusCode', 'status', 'severity', 'constraint', 'table', 'column', 'dataType', 'schema', 'routine', 'position'] as const;

/**
 * An error's message without the values it may quote: drizzle appends the query parameters
 * ("params: $argon2id$…, <sealed id>, <blind index>"), PostgreSQL quotes the offending input
 * (`invalid input syntax for type uuid: "…"`) and puts whole rows in `detail`, which is not kept.
 */
export function safeMessage(err: Error): string {
  let m = String(err.message ?? '');
  const params = m.indexOf('\nparams:');
  if (params !== -1) m = m.slice(0, params);
  return m.replace(/: "(?:[^"\\]|\\.)*"/g, ': "[redacted]"');
}

type LoggedError = { type: string; message: string; stack: string; cause?: LoggedError; [k: string]: unknown };

export function serializeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: typeof err === 'string' ? err : '', stack: '' };
  const type = err.constructor?.name ?? 'Error';
  const message = safeMessage(err);
  const out: LoggedError = { type, message, stack: '' };
  for (const k of SAFE_FIELDS) {
    const v = (err as unknown as Record<string, unknown>)[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  // The stack's first line repeats the message: rebuild it from the safe message and the frames.
  if (err.stack) out.stack = [`${type}: ${message}`, ...err.stack.split('\n').filter((l) => /^\s+at /.test(l))].join('\n');
  if (err.cause !== undefined && depth < 4) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

export function serializeRequest(req: FastifyRequest) {
  return { method: req.method, url: logUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

/** Fastify logger options: the serializers above, and headers that carry credentials redacted. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream) {
  return {
    level,
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: { err: (e: unknown) => serializeError(e), req: serializeRequest },
    ...(stream ? { stream } : {}),
  } satisfies FastifyLoggerOptions & { level: string; redact: string[]; stream?: NodeJS.WritableStream };
}
