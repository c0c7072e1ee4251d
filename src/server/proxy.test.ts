import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestContext } from '../test/app.js';
import { parseTrustProxy } from './http.js';

/**
 * Behind a TLS-terminating proxy: the proxy's X-Forwarded-Proto makes cookies Secure and turns on
 * HSTS, and X-Forwarded-For is the client address the rate limits count — but only from a proxy
 * TRUST_PROXY names; anyone else's forwarding headers are ignored.
 */
let behindProxy: TestContext;
let direct: TestContext;

beforeAll(async () => {
  behindProxy = await createTestApp({ rateLimit: true, config: { TRUST_PROXY: '1', PUBLIC_URL: 'https://zwfw.example.gov.cn' } });
  direct = await createTestApp({ rateLimit: true, config: { PUBLIC_URL: 'https://zwfw.example.gov.cn' } });
});
afterAll(async () => {
  await behindProxy?.close();
  await direct?.close();
});

const csrf = (ctx: TestContext, headers: Record<string, string>) => ctx.app.inject({ method: 'GET', url: '/api/auth/csrf', headers });
const secureCookie = (res: { cookies: { name: string; secure?: boolean }[] }) => res.cookies.find((c) => c.name === 'yw_csrf')?.secure === true;

describe('TRUST_PROXY', () => {
  it('a trusted proxy’s https makes cookies Secure and sends HSTS', async () => {
    const res = await csrf(behindProxy, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' });
    expect(secureCookie(res)).toBe(true);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    const plain = await csrf(behindProxy, {});
    expect(secureCookie(plain)).toBe(false);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('without TRUST_PROXY a client’s forwarding headers change nothing', async () => {
    const res = await csrf(direct, { 'x-forwarded-proto': 'https' });
    expect(secureCookie(res)).toBe(false);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('rate limits count the forwarded client address behind a trusted proxy', async () => {
    // Registration allows 10 attempts a minute per client address.
    const from = (ip: string) => new Client(behindProxy.app).post('/api/auth/register', {}, { 'x-forwarded-for': ip });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await from('203.0.113.10')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another citizen behind the same proxy is not blocked by the first one's attempts.
    expect((await from('198.51.100.20')).statusCode).toBe(400);
  });

  it('a spoofed X-Forwarded-For does not escape the limit when no proxy is trusted', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await new Client(direct.app).post('/api/auth/register', {}, { 'x-forwarded-for': `192.0.2.${i + 1}` })).statusCode);
    expect(statuses[10]).toBe(429);
  });

  it('parses hop counts and proxy addresses, and refuses to believe everyone', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1,::1,loopback')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'loopback']);
    expect(parseTrustProxy('true')).toBeInstanceOf(Error);
    expect(parseTrustProxy('proxy.example')).toBeInstanceOf(Error);
    expect(parseTrustProxy('10.0.0.0/40')).toBeInstanceOf(Error);
  });
});
