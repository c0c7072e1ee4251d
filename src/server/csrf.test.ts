import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestContext } from '../test/app.js';
import { isAmbiguousPath } from './plugins/paths.js';

/**
 * A cross-site attacker has only the victim's cookies: no CSRF header. Every state-changing
 * route the app registers must refuse such a request, however its path is spelled.
 */
let ctx: TestContext;
let victim: Client;
let cookie: string;

beforeAll(async () => {
  ctx = await createTestApp();
  victim = new Client(ctx.app);
  await victim.login('13800000001');
  cookie = [...victim.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
});
afterAll(() => ctx?.close());

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const SOME_ID = '0190f3c8-7a1e-7000-8000-0000000000aa';

const fill = (url: string) => url.replace(/:[A-Za-z]+/g, SOME_ID).replace(/\*$/, 'x');
const hex = (c: string, upper = false) => {
  const h = c.charCodeAt(0).toString(16).padStart(2, '0');
  return `%${upper ? h.toUpperCase() : h}`;
};

/** Spellings that a router which decodes escapes (and a naive prefix test) might treat differently. */
function variants(path: string): string[] {
  const second = path.indexOf('/', 1);
  return [
    `/${hex(path[1]!)}${path.slice(2)}`, // /%61pi/...
    `${path.slice(0, -1)}${hex(path.at(-1)!, true)}`, // last character escaped, upper-case hex
    second > 0 ? `${path.slice(0, second)}%2F${path.slice(second + 1)}` : `${path}%2F`, // an escaped slash
    second > 0 ? `${path.slice(0, second)}/.${path.slice(second)}` : `/.${path}`, // a dot segment
    `/%25${hex(path[1]!).slice(1)}${path.slice(2)}`, // double escaping
    `${path.slice(0, 1)}${path.slice(1, 2).toUpperCase()}${path.slice(2)}`, // another case
  ];
}

describe('CSRF on every state-changing route', () => {
  it('the only routes without the check are the OpenID provider endpoints', () => {
    const optedOut = ctx.app.routeList.filter((r) => !SAFE.has(r.method) && !r.csrf).map((r) => r.url);
    expect(new Set(optedOut)).toEqual(new Set(['/oidc', '/oidc/*']));
  });

  it('refuses a request without the token, on the plain path and on every encoded spelling of it', async () => {
    const routes = ctx.app.routeList.filter((r) => !SAFE.has(r.method) && r.csrf);
    expect(routes.length).toBeGreaterThan(40);
    const accepted: string[] = [];
    for (const route of routes) {
      const path = fill(route.url);
      for (const url of [path, ...variants(path)]) {
        const res = await ctx.app.inject({
          method: route.method as 'POST',
          url,
          headers: { cookie, 'content-type': 'application/json' },
          payload: '{}',
        });
        const refused = [400, 403, 404].includes(res.statusCode) && String(res.headers['content-type']).startsWith('application/problem+json');
        if (!refused) accepted.push(`${route.method} ${url} → ${res.statusCode}`);
        if (url === path && res.json().code !== 'CSRF') accepted.push(`${route.method} ${url} → ${res.json().code}, not CSRF`);
      }
    }
    expect(accepted).toEqual([]);
    // Sign-out, sign-out everywhere and the rest were all attempted: the victim is still signed in.
    expect((await victim.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('refuses ambiguous spellings of any path, also for reading', async () => {
    for (const url of ['/%61pi/auth/me', '/api/auth/m%65', '/api%2Fauth/me', '/api/auth/me%00']) {
      const res = await victim.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code).toBe('BAD_PATH');
    }
    // Dot segments (the test client normalises them, a raw socket need not).
    expect(['/api/./auth/me', '/api/x/../auth/me', '/api/auth/me/..'].filter((p) => !isAmbiguousPath(p))).toEqual([]);
    // Escapes of characters that have no plain spelling in a path stay legitimate.
    expect((await victim.get('/api/catalog/items?q=%E8%90%A5%E4%B8%9A')).statusCode).toBe(200);
  });

  it('lets the web app through with the token', async () => {
    const res = await victim.post('/api/auth/logout');
    expect(res.statusCode).toBe(204);
  });
});
