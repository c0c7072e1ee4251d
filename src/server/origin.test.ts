import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestContext } from '../test/app.js';
import { issueNoCriminalRecordLicence } from '../test/factories.js';
import { loadConfig } from './config.js';

/** Links the platform hands out (certificate QR codes, QR sign-in) never come from the Host header. */
let ctx: TestContext;
let unset: TestContext;

beforeAll(async () => {
  ctx = await createTestApp({ config: { PUBLIC_URL: 'https://zwfw.example.gov.cn' } });
  unset = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
  await unset?.close();
});

const evil = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

async function licenceOf(app: TestContext) {
  const { citizen, licence } = await issueNoCriminalRecordLicence(app.app);
  return { citizen, id: licence.id as string };
}

describe('the public origin', () => {
  it('a certificate’s QR link uses PUBLIC_URL whatever Host the request names', async () => {
    const { citizen, id } = await licenceOf(ctx);
    const licence = (await citizen.request('GET', `/api/licences/${id}`, undefined, evil)).json();
    expect(licence.verifyUrl).toMatch(/^https:\/\/zwfw\.example\.gov\.cn\/verify\/[A-Za-z0-9_-]+$/);
    expect(licence.qrSvg).not.toContain('evil');
  });

  it('without PUBLIC_URL the link is the server’s own address, still not the Host header', async () => {
    const { citizen, id } = await licenceOf(unset);
    const licence = (await citizen.request('GET', `/api/licences/${id}`, undefined, evil)).json();
    expect(licence.verifyUrl).not.toContain('evil.example');
    expect(licence.verifyUrl).toMatch(/^http:\/\/localhost:3000\/verify\//);
  });

  it('a QR sign-in code points at PUBLIC_URL', async () => {
    const res = await new Client(ctx.app).post('/api/qr-login/requests', { channel: 'web' }, evil);
    expect(res.statusCode).toBe(201);
    expect(res.json().confirmUrl).toMatch(/^https:\/\/zwfw\.example\.gov\.cn\/qr\/confirm\//);
  });

  it('production mode refuses to start without PUBLIC_URL', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL: required when NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://zwfw.example.gov.cn' }).PUBLIC_URL).toBe('https://zwfw.example.gov.cn');
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });
});
