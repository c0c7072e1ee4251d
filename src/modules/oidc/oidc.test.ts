import { createServer, type Server } from 'node:http';
import { eq } from 'drizzle-orm';
import * as jose from 'jose';
import * as oc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/seed.js';
import { Client, createTestApp, type TestContext } from '../../test/app.js';
import { authorize, exchange, HttpBrowser, oauthError, relyingParty, type RelyingParty } from '../../test/oidc.js';
import { auditEventsFor } from '../supervision/audit.js';
import { listDepartments } from '../identity/service.js';
import { listSigningKeys, RETIRED_KEY_GRACE_SECONDS } from './keys.js';
import { oidcPayloads } from './tables.js';

let ctx: TestContext;
let origin: string;
let issuer: string;
let admin: Client;
let deptId: string;

/** A department system's back-channel logout endpoint: collects the logout tokens it receives. */
const received: string[] = [];
let bcServer: Server;
let bcUrl: string;

type Registered = { clientId: string; clientSecret: string; rp: RelyingParty };

async function register(name: string, overrides: Record<string, unknown> = {}): Promise<Registered> {
  const redirectUri = 'http://127.0.0.1:9/cb';
  const res = await admin.post('/api/admin/oidc/clients', {
    name: { zh: name, en: name },
    departmentId: deptId,
    redirectUris: [redirectUri],
    postLogoutRedirectUris: ['http://127.0.0.1:9/'],
    backchannelLogoutUri: bcUrl,
    scopes: ['openid', 'profile', 'offline_access'],
    pairwise: true,
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  const { client, clientSecret } = res.json();
  return { clientId: client.clientId, clientSecret, rp: await relyingParty(issuer, client.clientId, clientSecret, redirectUri) };
}

async function citizen(username = '13800000001') {
  const b = new HttpBrowser(origin);
  await b.signIn(username, DEMO_PASSWORD);
  return b;
}

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ctx.app.server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  issuer = `${origin}/oidc`;
  bcServer = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const token = new URLSearchParams(body).get('logout_token');
      if (token) received.push(token);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((ok) => bcServer.listen(0, '127.0.0.1', ok));
  const bcAddress = bcServer.address();
  bcUrl = `http://127.0.0.1:${typeof bcAddress === 'object' && bcAddress ? bcAddress.port : 0}/backchannel-logout`;
  admin = new Client(ctx.app);
  await admin.login('zwfw.platform_admin');
  deptId = (await listDepartments(ctx.database.db)).find((d) => d.code === 'ZWFW')!.id;
});

afterAll(async () => {
  await new Promise((ok) => bcServer.close(ok));
  await ctx.close();
});

describe('discovery', () => {
  it('publishes the issuer, PKCE S256, the acr values and the custom claims', async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    const d = await res.json();
    expect(d.issuer).toBe(issuer);
    expect(d.code_challenge_methods_supported).toEqual(['S256']);
    expect(d.acr_values_supported).toEqual(['urn:yiwang:loa:1', 'urn:yiwang:loa:2', 'urn:yiwang:loa:3']);
    expect(d.claims_supported).toEqual(expect.arrayContaining(['sub', 'name', 'subject_type', 'region', 'acr']));
    expect(d.subject_types_supported).toEqual(expect.arrayContaining(['public', 'pairwise']));
    expect(d.backchannel_logout_supported).toBe(true);
    const jwks = await (await fetch(d.jwks_uri)).json();
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('builds its URLs from the issuer, not from forwarding headers a client sends', async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`, { headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } });
    const d = await res.json();
    expect(d.authorization_endpoint).toBe(`${issuer}/auth`);
    expect(d.token_endpoint).toBe(`${issuer}/token`);
  });
});

describe('sign-in through Yiwang', () => {
  let a: Registered;
  let b: Registered;
  beforeAll(async () => {
    a = await register('不动产登记系统');
    b = await register('公积金系统');
  });

  it('sends a browser without a Yiwang session to the sign-in page, with the way back', async () => {
    const anon = new HttpBrowser(origin);
    const url = oc.buildAuthorizationUrl(a.rp.config, {
      redirect_uri: a.rp.redirectUri,
      scope: 'openid',
      code_challenge: await oc.calculatePKCECodeChallenge(oc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const first = await anon.fetch(url);
    const interaction = new URL(first.headers.get('location')!, origin);
    expect(interaction.pathname).toMatch(/^\/oidc\/interaction\/[\w-]+$/);
    const second = await anon.fetch(interaction);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(`/login?next=${encodeURIComponent(interaction.pathname)}`);
  });

  it('asks consent once, then signs the user in with pairwise sub, name, subject type, acr and region', async () => {
    const browser = await citizen();
    const first = await authorize(browser, a.rp, { scope: 'openid profile offline_access' });
    expect(first.consentShown).toBe(true);
    const tokens = await exchange(a.rp, first);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({ iss: issuer, aud: a.clientId, name: '张三', subject_type: 'person', acr: 'urn:yiwang:loa:2', region: '620100' });
    const me = await (await browser.fetch('/api/auth/me')).json();
    expect(claims.sub).not.toBe(me.user.id);

    // userinfo answers with the same subject and claims
    const info = await oc.fetchUserInfo(a.rp.config, tokens.access_token, claims.sub);
    expect(info).toMatchObject({ sub: claims.sub, name: '张三', subject_type: 'person', region: '620100' });

    // refresh: new access token, same subject
    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await oc.refreshTokenGrant(a.rp.config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.claims()?.sub).toBe(claims.sub);
    // the old refresh token was rotated away
    await expect(oc.refreshTokenGrant(a.rp.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });

    // second visit: consent remembered, same subject for the same system
    const again = await authorize(browser, a.rp, { scope: 'openid profile offline_access' });
    expect(again.consentShown).toBe(false);
    expect((await exchange(a.rp, again)).claims()?.sub).toBe(claims.sub);

    // another device of the same user: still remembered (per account and system)
    const other = await citizen();
    const third = await authorize(other, a.rp, { scope: 'openid profile offline_access' });
    expect(third.consentShown).toBe(false);

    // another department's system cannot join the user: a different subject
    const atB = await authorize(browser, b.rp);
    expect(atB.consentShown).toBe(true);
    const subB = (await exchange(b.rp, atB)).claims()!.sub;
    expect(subB).not.toBe(claims.sub);
    expect(subB).not.toBe(me.user.id);

    const events = await auditEventsFor(ctx.database.db, 'oidc_client', a.clientId);
    expect(events.map((e) => e.action)).toEqual(['oidc.client_registered', 'oidc.consent_granted']);
    expect(events[1]!.actorAccountId).toBe(me.user.id);
  });

  it('consent details name the system and the claims it will receive; deny returns access_denied', async () => {
    const browser = await citizen('13800000002');
    const verifier = oc.randomPKCECodeVerifier();
    let url = oc.buildAuthorizationUrl(a.rp.config, {
      redirect_uri: a.rp.redirectUri,
      scope: 'openid profile',
      state: 's1',
      code_challenge: await oc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    }).href;
    let uid = '';
    for (let i = 0; i < 10 && !uid; i++) {
      const res = await browser.fetch(url);
      url = new URL(res.headers.get('location')!, url).href;
      uid = /\/oidc\/consent\/([\w-]+)$/.exec(url)?.[1] ?? '';
    }
    const details = await (await browser.fetch(`/oidc/interaction/${uid}/details`)).json();
    expect(details).toMatchObject({ client: { clientId: a.clientId, name: '不动产登记系统', department: '兰州市政务服务管理局' }, account: { name: '李四' } });
    expect(details.claims).toEqual(['sub', 'acr', 'name', 'subject_type', 'region']);

    // without the CSRF header the answer is refused
    const noCsrf = await browser.fetch(`/oidc/interaction/${uid}/allow`, { method: 'POST', headers: { 'x-csrf-token': 'wrong' } });
    expect(noCsrf.status).toBe(403);
    expect((await noCsrf.json()).code).toBe('CSRF');

    const denied = await browser.fetch(`/oidc/interaction/${uid}/deny`, { method: 'POST' });
    let next = ((await denied.json()) as { redirectTo: string }).redirectTo;
    for (let i = 0; i < 5 && !next.startsWith(a.rp.redirectUri); i++) {
      next = new URL((await browser.fetch(next)).headers.get('location')!, next).href;
    }
    const cb = new URL(next);
    expect(cb.searchParams.get('error')).toBe('access_denied');
    expect(cb.searchParams.get('state')).toBe('s1');
    // The refusal is on the record too, not only consents given.
    const denials = await auditEventsFor(ctx.database.db, 'oidc_client', a.clientId);
    expect(denials.map((e) => e.action)).toContain('oidc.consent_denied');
  });

  it('a public (non-pairwise) system gets the account id as sub; a staff member is subject type staff with acr level 3', async () => {
    const pub = await register('市民卡系统', { pairwise: false });
    const staff = new HttpBrowser(origin);
    await staff.signIn('ga.clerk', DEMO_PASSWORD, ctx.database.db);
    const me = await (await staff.fetch('/api/auth/me')).json();
    const claims = (await exchange(pub.rp, await authorize(staff, pub.rp))).claims()!;
    expect(claims).toMatchObject({ sub: me.user.id, subject_type: 'staff', acr: 'urn:yiwang:loa:3' });
  });

  it('follows the platform session: another Yiwang user in the browser is signed in as themselves', async () => {
    const browser = await citizen();
    const first = (await exchange(a.rp, await authorize(browser, a.rp))).claims()!;
    await browser.signIn('13800000002', DEMO_PASSWORD);
    const second = (await exchange(a.rp, await authorize(browser, a.rp))).claims()!;
    expect(second.name).toBe('李四');
    expect(second.sub).not.toBe(first.sub);
  });
});

describe('refused requests', () => {
  let a: Registered;
  beforeAll(async () => {
    a = await register('户籍系统');
  });

  it('a redirect_uri that is not registered gets an error page, not a redirect', async () => {
    const browser = await citizen();
    const url = oc.buildAuthorizationUrl(a.rp.config, {
      redirect_uri: 'http://127.0.0.1:9/evil',
      scope: 'openid',
      code_challenge: await oc.calculatePKCECodeChallenge(oc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const res = await browser.fetch(url);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_uri');
  });

  it('PKCE is required', async () => {
    const browser = await citizen();
    const r = await authorize(browser, a.rp, { pkce: false });
    expect(r.callback.searchParams.get('error')).toBe('invalid_request');
    expect(r.callback.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('a wrong PKCE verifier does not get tokens', async () => {
    const browser = await citizen();
    const r = await authorize(browser, a.rp);
    await expect(exchange(a.rp, { ...r, verifier: oc.randomPKCECodeVerifier() })).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('a replayed code fails, and the tokens of the first exchange are revoked', async () => {
    const browser = await citizen();
    const r = await authorize(browser, a.rp, { scope: 'openid profile offline_access' });
    const tokens = await exchange(a.rp, r);
    const sub = tokens.claims()!.sub;
    await oc.fetchUserInfo(a.rp.config, tokens.access_token, sub);
    await expect(exchange(a.rp, r)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oc.fetchUserInfo(a.rp.config, tokens.access_token, sub)).rejects.toMatchObject({ status: 401 });
    await expect(oc.refreshTokenGrant(a.rp.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('an expired code fails', async () => {
    const browser = await citizen();
    const r = await authorize(browser, a.rp);
    const code = r.callback.searchParams.get('code')!;
    // The code's lifetime (60 s) has passed: its stored expiry is in the past.
    await ctx.database.db.update(oidcPayloads).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oidcPayloads.id, code));
    await expect(exchange(a.rp, r)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('a deactivated system can no longer sign users in or use its secret', async () => {
    const c = await register('待停用系统');
    const browser = await citizen();
    const r = await authorize(browser, c.rp);
    const res = await admin.post(`/api/admin/oidc/clients/${c.clientId}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect(await oauthError(exchange(c.rp, r))).toBe('invalid_client');
    const again = await browser.fetch(
      oc.buildAuthorizationUrl(c.rp.config, {
        redirect_uri: c.rp.redirectUri,
        scope: 'openid',
        code_challenge: await oc.calculatePKCECodeChallenge(oc.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      }),
    );
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('invalid_client');
    const secret = await admin.post(`/api/admin/oidc/clients/${c.clientId}/secret`);
    expect(secret.statusCode).toBe(409);
    expect(secret.json().code).toBe('OIDC_CLIENT_INACTIVE');
  });
});

describe('client administration', () => {
  it('is described in the OpenAPI document; the provider endpoints are in its discovery document instead', async () => {
    const doc = (await new Client(ctx.app).get('/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/admin/oidc/clients', '/api/admin/oidc/clients/{clientId}/secret', '/api/admin/oidc/keys/rotate']));
    expect(doc.paths['/api/admin/oidc/clients'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('redirectUris');
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/oidc/*'))).toEqual([]);
  });

  it('only platform admins register systems', async () => {
    const clerk = new Client(ctx.app);
    await clerk.login('scjg.admin');
    const body = { name: { zh: 'x', en: 'x' }, departmentId: deptId, redirectUris: ['https://x.example.gov.cn/cb'], scopes: ['openid'] };
    const res = await clerk.post('/api/admin/oidc/clients', body);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect((await clerk.get('/api/admin/oidc/clients')).statusCode).toBe(403);
    const anon = new Client(ctx.app);
    expect((await anon.post('/api/admin/oidc/clients', body)).statusCode).toBe(401);
  });

  it('rejects plain-http redirect URIs to other hosts, in the request language', async () => {
    admin.lang = 'en';
    const res = await admin.post('/api/admin/oidc/clients', {
      name: { zh: 'x', en: 'x' },
      departmentId: deptId,
      redirectUris: ['http://dept.example.gov.cn/cb'],
      scopes: ['openid'],
    });
    admin.lang = 'zh-CN';
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'redirectUris.0', message: expect.stringContaining('https') }]);
    const zh = await admin.post('/api/admin/oidc/clients', {
      name: { zh: 'x', en: 'x' },
      departmentId: deptId,
      redirectUris: ['https://a.example.gov.cn/cb', 'https://b.example.gov.cn/cb'],
      scopes: ['openid'],
      pairwise: true,
    });
    expect(zh.statusCode).toBe(422);
    expect(zh.json()).toMatchObject({ code: 'OIDC_PAIRWISE_HOSTS', title: '回调地址须在同一主机' });
  });

  it('shows the secret once: never in lists, a regenerated one replaces it', async () => {
    const c = await register('密钥测试系统');
    const list = await admin.get('/api/admin/oidc/clients');
    expect(list.body).not.toContain(c.clientSecret);
    expect(list.json().items.find((i: { clientId: string }) => i.clientId === c.clientId)).not.toHaveProperty('clientSecret');
    const regen = await admin.post(`/api/admin/oidc/clients/${c.clientId}/secret`);
    const fresh = regen.json().clientSecret as string;
    expect(fresh).not.toBe(c.clientSecret);
    // the old secret no longer works, the new one does
    const browser = await citizen();
    expect(await oauthError(exchange(c.rp, await authorize(browser, c.rp)))).toBe('invalid_client');
    const rp = await relyingParty(issuer, c.clientId, fresh, c.rp.redirectUri);
    expect((await exchange(rp, await authorize(browser, rp))).claims()?.name).toBe('张三');
    const events = await auditEventsFor(ctx.database.db, 'oidc_client', c.clientId);
    expect(events.map((e) => e.action)).toContain('oidc.client_secret_regenerated');
    expect(JSON.stringify(events)).not.toContain(fresh);
  });
});

describe('sign-out', () => {
  let a: Registered;
  beforeAll(async () => {
    a = await register('社保系统');
  });

  async function logoutTokenFor(sub: string) {
    const jwks = jose.createRemoteJWKSet(new URL(`${issuer}/jwks`));
    for (const t of received.splice(0)) {
      const { payload, protectedHeader } = await jose.jwtVerify(t, jwks, { issuer });
      expect(protectedHeader.typ).toBe('logout+jwt');
      if (payload.aud === a.clientId && payload.sub === sub) return payload;
    }
    return null;
  }

  it('RP-initiated logout ends the session, notifies the system over the back channel and returns to it', async () => {
    const browser = await citizen();
    const tokens = await exchange(a.rp, await authorize(browser, a.rp, { scope: 'openid profile offline_access' }));
    const claims = tokens.claims()!;
    const end = oc.buildEndSessionUrl(a.rp.config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://127.0.0.1:9/', state: 'bye' });
    const page = await browser.fetch(end);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('社保系统');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const action = /action="([^"]+)"/.exec(html)![1]!;
    const confirm = await browser.fetch(action, {
      method: 'POST',
      body: new URLSearchParams({ xsrf, logout: 'yes' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe('http://127.0.0.1:9/?state=bye');
    const payload = await logoutTokenFor(claims.sub);
    expect(payload).toMatchObject({ sid: claims.sid, events: { 'http://schemas.openid.net/event/backchannel-logout': {} } });
    // signed out of Yiwang too, and the system's tokens are gone
    expect((await browser.fetch('/api/auth/me')).status).toBe(401);
    await expect(oc.refreshTokenGrant(a.rp.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('signing out of Yiwang notifies the systems the browser signed in to and revokes their tokens', async () => {
    const browser = await citizen();
    const tokens = await exchange(a.rp, await authorize(browser, a.rp, { scope: 'openid profile offline_access' }));
    const claims = tokens.claims()!;
    const res = await browser.fetch('/api/auth/logout', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(204);
    const payload = await logoutTokenFor(claims.sub);
    expect(payload?.sid).toBe(claims.sid);
    await expect(oc.refreshTokenGrant(a.rp.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // and the next authorization asks to sign in again
    const url = oc.buildAuthorizationUrl(a.rp.config, {
      redirect_uri: a.rp.redirectUri,
      scope: 'openid',
      prompt: 'none',
      code_challenge: await oc.calculatePKCECodeChallenge(oc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const silent = await browser.fetch(url);
    expect(new URL(silent.headers.get('location')!).searchParams.get('error')).toBe('login_required');
  });
});

describe('signing keys', () => {
  it('rotation publishes the new key, signs with it, and keeps the retired one until its tokens expire', async () => {
    const a = await register('密钥轮换系统');
    const browser = await citizen();
    const before = await exchange(a.rp, await authorize(browser, a.rp));
    const oldKid = jose.decodeProtectedHeader(before.id_token!).kid!;

    const rotated = await admin.post('/api/admin/oidc/keys/rotate');
    expect(rotated.statusCode).toBe(200);
    const keys = rotated.json().items as { kid: string; retiredAt: string | null; published: boolean }[];
    const active = keys.find((k) => !k.retiredAt)!;
    expect(active.kid).not.toBe(oldKid);
    expect(keys.find((k) => k.kid === oldKid)).toMatchObject({ published: true });

    const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([active.kid, oldKid]));

    const after = await exchange(a.rp, await authorize(browser, a.rp));
    expect(jose.decodeProtectedHeader(after.id_token!).kid).toBe(active.kid);
    // a token signed before the rotation still verifies against the published keys
    const set = jose.createRemoteJWKSet(new URL(`${issuer}/jwks`));
    await expect(jose.jwtVerify(before.id_token!, set, { issuer, audience: a.clientId, currentDate: new Date((before.claims()!.iat + 1) * 1000) })).resolves.toBeTruthy();

    // once its grace period has passed, the retired key is no longer published
    const later = new Date(Date.now() + (RETIRED_KEY_GRACE_SECONDS + 1) * 1000);
    expect((await listSigningKeys(ctx.database.db, later)).find((k) => k.kid === oldKid)?.published).toBe(false);
    expect((await auditEventsFor(ctx.database.db, 'oidc_key', active.kid)).map((e) => e.action)).toEqual(['oidc.key_rotated']);
  });

  it('private keys and client secrets are sealed at rest', async () => {
    const rows = await ctx.database.query<{ private_sealed: string }>('SELECT private_sealed FROM oidc_keys');
    for (const r of rows) expect(r.private_sealed).toMatch(/^sb1\./);
    const clients = await ctx.database.query<{ secret_sealed: string }>('SELECT secret_sealed FROM oidc_clients');
    for (const c of clients) expect(c.secret_sealed).toMatch(/^sb1\./);
  });
});
