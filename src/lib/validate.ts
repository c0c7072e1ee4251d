import type { z } from 'zod';
import { DomainError, type FieldIssue } from './errors.js';

/**
 * A use case's input checked by its zod schema, for callers that are not an HTTP route (the demo
 * seed, imports, other modules, tests). A failure is a VALIDATION error whose field issues carry
 * field-message codes, as the HTTP edge reports them: schemas name their own codes as messages
 * (`'DEPT_CODE_PATTERN'`), the rest map to the generic ones.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new DomainError('VALIDATION', {}, r.error.issues.map(toFieldIssue));
}

const CODE = /^[A-Z][A-Z0-9_]+$/;

/**
 * One zod issue as a field issue with a field-message code: the one converter, used by
 * `parseInput`, by checks that report issues instead of throwing (catalogue content problems), and
 * by the HTTP edge for request validation.
 */
export function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  const path = issue.path.map(String).join('.');
  if (CODE.test(issue.message)) {
    // A custom issue may carry the message's parameters (a form condition names its field).
    const params = issue.code === 'custom' ? (issue.params as FieldIssue['params']) : undefined;
    return { path, code: issue.message, ...(params ? { params } : {}) };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { path, code: /undefined/.test(issue.message) ? 'REQUIRED' : 'INVALID' };
    case 'too_big':
      return issue.origin === 'string' ? { path, code: 'TOO_LONG', params: { max: Number(issue.maximum) } } : { path, code: 'OUT_OF_RANGE' };
    case 'too_small':
      return { path, code: issue.origin === 'string' && Number(issue.minimum) <= 1 ? 'REQUIRED' : 'OUT_OF_RANGE' };
    case 'invalid_format':
      return { path, code: 'PATTERN' };
    case 'invalid_value':
      return { path, code: 'BAD_OPTION' };
    case 'unrecognized_keys':
      return { path, code: 'UNKNOWN_FIELD' };
    default:
      return { path, code: 'INVALID' };
  }
}
