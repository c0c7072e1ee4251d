import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../lib/errors.js';
import { unstorableTextPaths } from '../../lib/text.js';

/**
 * One boundary check for every route: a NUL or an unpaired surrogate anywhere in a JSON body, the
 * query or the path parameters is a 400 naming the fields, before any schema or database sees it
 * (PostgreSQL refuses U+0000 with an error that used to surface as a 500).
 */
export function registerTextRules(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const paths = [...unstorableTextPaths(req.params), ...unstorableTextPaths(req.query), ...unstorableTextPaths(req.body)];
    if (paths.length) throw new DomainError('BAD_TEXT', {}, paths.map((path) => ({ path, code: 'TEXT_UNSTORABLE' })));
  });
}
