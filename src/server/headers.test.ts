import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/app.js';

/** Security headers on every kind of answer: pages, API, docs, the OpenID provider, errors. */
let ctx: TestContext;
let webRoot: string;

beforeAll(async () => {
  webRoot = mkdtempSync(path.join(tmpdir(), 'yw-web-'));
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>一网通办</title><div id="root"></div>');
  ctx = await createTestApp({ webRoot, config: { PUBLIC_URL: 'https://zwfw.example.gov.cn' } });
});
afterAll(async () => {
  await ctx?.close();
  rmSync(webRoot, { recursive: true, force: true });
});

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

function expectHardened(res: { headers: Record<string, unknown> }, url: string) {
  const csp = String(res.headers['content-security-policy'] ?? '');
  const d = directives(csp);
  expect(d.get('frame-ancestors'), `${url} frame-ancestors`).toEqual(["'none'"]);
  expect(d.get('object-src'), url).toEqual(["'none'"]);
  const script = d.get('script-src') ?? [];
  expect(script, `${url} script-src`).toContain("'self'");
  expect(script.filter((s) => s === "'unsafe-inline'" || s === "'unsafe-eval'" || s === '*'), `${url} script-src`).toEqual([]);
  expect(res.headers['x-frame-options'], url).toBe('DENY');
  expect(res.headers['x-content-type-options'], url).toBe('nosniff');
  expect(res.headers['referrer-policy'], url).toBe('same-origin');
  expect(String(res.headers['permissions-policy']), url).toContain('camera=()');
  // Plain HTTP here (no trusted proxy says otherwise): no HSTS.
  expect(res.headers['strict-transport-security'], url).toBeUndefined();
}

describe('security headers', () => {
  it('pages, including the kiosk and the QR confirm page, cannot be framed and run no inline script', async () => {
    for (const url of ['/', '/kiosk', '/qr/confirm/abc', '/verify/abc', '/favicon-does-not-exist.svg']) {
      expectHardened(await ctx.app.inject({ method: 'GET', url }), url);
    }
  });

  it('the API, its errors and router errors carry them too', async () => {
    for (const [method, url] of [
      ['GET', '/api/auth/me'],
      ['GET', '/api/catalog/items'],
      ['GET', '/api/nothing'],
      ['GET', '/api/%'],
      ['GET', '/%61pi/auth/me'],
      ['POST', '/api/auth/logout'],
      ['GET', '/healthz'],
    ] as const) {
      expectHardened(await ctx.app.inject({ method, url }), url);
    }
  });

  it('the API docs', async () => {
    const page = await ctx.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expectHardened(page, '/api/docs');
    expectHardened(await ctx.app.inject({ method: 'GET', url: '/api/docs/json' }), '/api/docs/json');
  });

  it('the OpenID provider’s own answers and pages', async () => {
    const discovery = await ctx.app.inject({ method: 'GET', url: '/oidc/.well-known/openid-configuration' });
    expect(discovery.statusCode).toBe(200);
    expectHardened(discovery, 'discovery');
    const logout = await ctx.app.inject({ method: 'GET', url: '/oidc/session/end' });
    expect(logout.headers['content-type']).toMatch(/^text\/html/);
    expectHardened(logout, 'end-session page');
    expectHardened(await ctx.app.inject({ method: 'GET', url: '/oidc/consent/abc' }), 'consent page');
  });
});
