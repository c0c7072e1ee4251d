import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/app.js';

/** Paths that name nothing answer 404 problem+json; only page paths fall back to the web app. */
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

const get = (url: string, lang = 'en') => ctx.app.inject({ method: 'GET', url, headers: { 'accept-language': lang } });
const isProblem = (res: { headers: Record<string, unknown> }) => String(res.headers['content-type']).startsWith('application/problem+json');

describe('unknown and malformed paths', () => {
  it('pages of the web app still get index.html', async () => {
    for (const url of ['/', '/my/cases', '/verify/abc', '/kiosk']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
    }
  });

  it('unknown /api and /.well-known paths are 404 problem+json, not the web app', async () => {
    for (const url of ['/api/nothing-here', '/api', '/.well-known/security.txt', '/.well-known/oauth-authorization-server', '/api/cases/x/y/z']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(isProblem(res), url).toBe(true);
      expect(res.json().code).toBe('NOT_FOUND');
    }
  });

  it('the root OpenID discovery path redirects to the issuer’s', async () => {
    const res = await get('/.well-known/openid-configuration');
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe('/oidc/.well-known/openid-configuration');
    const doc = await get(res.headers.location as string);
    expect(doc.statusCode).toBe(200);
    expect(doc.json().issuer).toBe('https://zwfw.example.gov.cn/oidc');
  });

  it('an unknown path under /oidc is a 404 problem+json in the request’s language', async () => {
    const res = await get('/oidc/no-such-endpoint', 'zh-CN');
    expect(res.statusCode).toBe(404);
    expect(isProblem(res)).toBe(true);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', title: '未找到' });
  });

  it('a malformed % escape is 400 problem+json, localised', async () => {
    for (const url of ['/api/%', '/api/cases/%E4%B8', '/%zz']) {
      const res = await get(url, 'zh-CN');
      expect(res.statusCode, url).toBe(400);
      expect(isProblem(res), url).toBe(true);
      expect(res.json()).toMatchObject({ code: 'BAD_PATH', title: '请求地址无效' });
    }
    expect((await get('/api/%', 'en')).json().title).toBe('Invalid address');
  });

  it('an over-long id is a 404 problem+json', async () => {
    const res = await get(`/api/cases/${'a'.repeat(300)}`);
    expect(res.statusCode).toBe(404);
    expect(isProblem(res)).toBe(true);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
