import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestContext } from '../test/app.js';

/**
 * The OpenAPI document is the API contract integrators read (docs/api.md links to it): every /api
 * route must say what it takes and what it answers, from the same zod schemas the route uses.
 */

type Operation = {
  parameters?: { in: string; name: string; schema?: Record<string, unknown> }[];
  requestBody?: { content?: Record<string, { schema?: object }> };
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
};
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** State-changing routes that take no body at all; any other POST/PUT/PATCH must declare one. */
const takesNoBody = new Set([
  'POST /api/hall/appointments/{id}/cancel',
  'POST /api/hall/windows/{id}/sit',
  'POST /api/hall/windows/{id}/leave',
  'POST /api/hall/windows/{id}/call-next',
  'POST /api/hall/windows/{id}/tickets/{ticketId}/recall',
  'POST /api/hall/windows/{id}/tickets/{ticketId}/skip',
  'POST /api/hall/windows/{id}/tickets/{ticketId}/serve',
  'POST /api/hall/windows/{id}/tickets/{ticketId}/finish',
  'POST /api/auth/logout',
  'POST /api/auth/logout-everywhere',
  'POST /api/admin/staff/{id}/deactivate',
  'POST /api/admin/staff/{id}/reactivate',
  'POST /api/auth/passkeys/register/options',
  'POST /api/auth/passkeys/sign-in/options',
  'POST /api/qr-login/requests/{id}/redeem',
  'POST /api/qr-login/requests/{id}/scan',
  'POST /api/qr-login/requests/{id}/confirm',
  'POST /api/qr-login/requests/{id}/decline',
  'POST /api/admin/oidc/clients/{clientId}/deactivate',
  'POST /api/admin/oidc/clients/{clientId}/secret',
  'POST /api/admin/oidc/keys/rotate',
  'POST /api/catalog/admin/implementations/{id}/drafts',
  'POST /api/catalog/admin/implementations/{id}/retire',
  'POST /api/catalog/admin/versions/{id}/submit',
  'POST /api/catalog/admin/themes/{id}/publish',
  'POST /api/catalog/admin/themes/{id}/unpublish',
  'POST /api/notifications/{id}/read',
  'POST /api/notifications/read-all',
]);

let ctx: TestContext;
let doc: Doc;
beforeAll(async () => {
  ctx = await createTestApp();
  const res = await new Client(ctx.app).get('/api/docs/json');
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(() => ctx.close());

function operations(): { key: string; path: string; method: string; op: Operation }[] {
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/'))
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, op })));
}

const hasSchema = (content: Record<string, { schema?: object }> | undefined) =>
  !!content && Object.values(content).some((c) => c.schema && Object.keys(c.schema).length > 0);

describe('the OpenAPI document', () => {
  it('lists the API', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(operations().length).toBeGreaterThan(60);
  });

  // The generator lists a path parameter even when the route declares none (as a bare string),
  // so a parameter counts only when its schema constrains it the way the route's zod schema does.
  const constrained = (schema: Record<string, unknown> | undefined) =>
    !!schema && ['format', 'pattern', 'enum', 'maxLength', 'minLength', 'minimum', 'maximum'].some((k) => k in schema);

  it('gives every /api route a schema for each of its path parameters', () => {
    const missing = operations().flatMap(({ key, path, op }) =>
      [...path.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1]!)
        .filter((name) => !constrained(op.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema))
        .map((name) => `${key}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('gives every state-changing /api route a request body schema, unless it takes none', () => {
    const missing = operations()
      .filter(({ method, key }) => ['post', 'put', 'patch'].includes(method) && !takesNoBody.has(key))
      .filter(({ op }) => !hasSchema(op.requestBody?.content))
      .map(({ key }) => key);
    expect(missing).toEqual([]);
    // The list above stays true: a route listed there really takes no body.
    const stale = [...takesNoBody].filter((key) => {
      const [method, path] = key.split(' ') as [string, string];
      const op = doc.paths[path]?.[method.toLowerCase()];
      return !op || op.requestBody;
    });
    expect(stale).toEqual([]);
  });

  it('gives every /api route a schema for its success answer (204: no content)', () => {
    const missing = operations()
      .filter(({ op }) => {
        const ok = Object.entries(op.responses ?? {}).filter(([code]) => code.startsWith('2'));
        return ok.length === 0 || !ok.every(([code, r]) => code === '204' || hasSchema(r.content));
      })
      .map(({ key }) => key);
    expect(missing).toEqual([]);
  });

  it('describes an upload as a multipart body with the file part', () => {
    const body = doc.paths['/api/uploads']!.post!.requestBody!.content!;
    expect(Object.keys(body)).toEqual(['multipart/form-data']);
    expect(body['multipart/form-data']!.schema).toMatchObject({ properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] });
  });
});
