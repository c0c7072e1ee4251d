import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { DomainError, type ErrorCode, type ErrorParam } from '../../lib/errors.js';
import type { FieldError } from '../../lib/problem.js';
import { applySecurityHeaders } from './securityHeaders.js';
import { errorMessages, fill, label, local, localiseErrorParams as localiseParams, localiseFieldMessage, pickLang, type Lang } from '../../lib/i18n/messages.js';
import { toFieldIssue } from '../../lib/validate.js';

type ZodIssueLike = { keyword: string; instancePath: string; message: string; params: Record<string, unknown> };

export { localiseFieldMessage };

/** A request validation issue (zod's, as fastify-type-provider-zod hands it over) through the shared converter, localised. */
function issueToField(lang: Lang, issue: ZodIssueLike): FieldError {
  const zodIssue = { ...issue.params, code: issue.keyword, message: issue.message, path: issue.instancePath.split('/').slice(1) } as unknown as z.core.$ZodIssue;
  const f = toFieldIssue(zodIssue);
  return { path: f.path, message: localiseFieldMessage(lang, f.code, f.params) };
}

/** An RFC 9457 problem document in the request's language. */
export function problemBody(lang: Lang, code: ErrorCode, status: number, params: Record<string, string | number> = {}, errors: FieldError[] = []) {
  const text = errorMessages[lang][code];
  const body: Record<string, unknown> = {
    type: `urn:yiwang:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: text.title,
    status,
    detail: fill(text.detail, params),
    code,
  };
  if (errors.length) body.errors = errors;
  return body;
}

export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

export function problem(
  reply: FastifyReply,
  lang: Lang,
  code: ErrorCode,
  status: number,
  params: Record<string, string | number> = {},
  errors: FieldError[] = [],
) {
  return reply.code(status).type(PROBLEM_TYPE).serializer(JSON.stringify).send(problemBody(lang, code, status, params, errors));
}

/**
 * Errors the router raises before any hook runs (a malformed `%` escape, a path parameter longer
 * than the router allows): problem+json like everything else. An over-long id names nothing.
 */
export function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const lang = pickLang(req.headers['accept-language']);
  applySecurityHeaders(req, reply); // no hook runs for these
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return problem(reply, lang, 'NOT_FOUND', 404);
  return problem(reply, lang, 'BAD_PATH', 400);
}

const SERVER_PATHS = /^\/(api|\.well-known|oidc|healthz)(\/|$)/;

/** One place maps every failure to RFC 9457 problem+json in the request's language. */
export function registerErrorHandling(app: FastifyInstance, opts: { spaFallback: boolean }) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply) => {
    const lang = req.lang;
    if (err instanceof DomainError) {
      if (typeof err.params.seconds === 'number') reply.header('retry-after', String(err.params.seconds));
      const errors = err.fieldIssues.map((f) => ({ path: f.path, message: localiseFieldMessage(lang, f.code, f.params) }));
      return problem(reply, lang, err.code, err.status, localiseParams(lang, err.params), errors);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const all = (err.validation as unknown as ZodIssueLike[]).map((i) => issueToField(lang, i));
      // One message per field and text: a value failing two rules with one explanation says it once.
      const errors = all.filter((e, i) => all.findIndex((o) => o.path === e.path && o.message === e.message) === i);
      return problem(reply, lang, 'VALIDATION', 400, {}, errors);
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (err.statusCode === 400 && err instanceof SyntaxError)) {
      return problem(reply, lang, 'BAD_JSON', 400);
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
      return problem(reply, lang, 'VALIDATION', 415);
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return problem(reply, lang, 'BODY_TOO_LARGE', 413);
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
      return problem(reply, lang, 'UPLOAD_TOO_LARGE', 413, { maxMb: Math.round(app.uploadMaxBytes / 1048576) });
    }
    if (err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      return problem(reply, lang, 'UPLOAD_MISSING', 400);
    }
    if (err.statusCode === 429) return problem(reply, lang, 'RATE_LIMITED', 429);
    if (isResponseSerializationError(err)) {
      req.log.error({ err: err.cause }, 'response did not match its schema');
      return problem(reply, lang, 'INTERNAL', 500);
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return problem(reply, lang, err.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION', err.statusCode);
    }
    req.log.error({ err }, 'unhandled error');
    return problem(reply, lang, 'INTERNAL', 500);
  });

  app.setNotFoundHandler((req, reply) => {
    // The web app routes on the client: unknown GETs of page paths get its index.html. Paths the
    // server owns (the API, /.well-known of RFC 8615, the provider) are a plain 404. The prefix test
    // is safe on the raw URL because ambiguous spellings (`/%61pi`) were refused (plugins/paths.ts).
    const path = req.url.split('?')[0]!;
    if (opts.spaFallback && req.method === 'GET' && !SERVER_PATHS.test(path) && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return problem(reply, req.lang, 'NOT_FOUND', 404);
  });
}

