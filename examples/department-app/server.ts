/**
 * A tiny department system (不动产登记系统 demo) that signs its users in through Yiwang with
 * OpenID Connect: authorization code + PKCE, ID token claims, RP-initiated logout, and
 * back-channel logout. No framework, no build step:
 *
 *   npx tsx examples/department-app/server.ts
 *
 * Environment: YIWANG_ISSUER (default http://127.0.0.1:3000/oidc), CLIENT_ID, CLIENT_SECRET
 * (default: the demo client the Yiwang demo seed registers), PORT (4000), HOST (127.0.0.1).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import * as jose from 'jose';
import * as oc from 'openid-client';

type UserSession = { name: string; sub: string; subjectType: string; acr: string; region: string; sid: string; idToken: string; expiresAt: number };
type Pending = { verifier: string; state: string; nonce: string };

export type DepartmentAppOptions = { issuer: string; clientId: string; clientSecret: string; port?: number; host?: string; title?: string };

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>` +
  `<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;background:#f4f6f9;margin:0}header{background:#8c2c1d;color:#fff;padding:14px 24px;font-size:20px}` +
  `main{max-width:640px;margin:32px auto;background:#fff;padding:28px;border-radius:8px;box-shadow:0 1px 4px #0002}a.btn{display:inline-block;background:#8c2c1d;color:#fff;padding:8px 20px;border-radius:6px;text-decoration:none}` +
  `dl{display:grid;grid-template-columns:max-content 1fr;gap:8px 16px}dt{color:#666}dd{margin:0;word-break:break-all}</style></head><body><header>${title}</header><main>${body}</main></body></html>`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function cookies(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    (req.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .filter((p) => p.length === 2) as [string, string][],
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

export async function startDepartmentApp(opts: DepartmentAppOptions): Promise<{ url: string; server: Server; sessions: Map<string, UserSession>; close(): Promise<void> }> {
  const title = opts.title ?? '不动产登记系统（演示）';
  const insecure = opts.issuer.startsWith('http:');
  const config = await oc.discovery(new URL(opts.issuer), opts.clientId, { client_secret: opts.clientSecret }, oc.ClientSecretBasic(opts.clientSecret), {
    ...(insecure ? { execute: [oc.allowInsecureRequests] } : {}),
  });
  const meta = config.serverMetadata();
  const jwks = jose.createRemoteJWKSet(new URL(meta.jwks_uri!));
  const sessions = new Map<string, UserSession>();
  const pending = new Map<string, Pending>();
  let origin = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' }).end(page(title, `<p>出错了 / Error: ${esc(err.message)}</p><p><a href="/">返回</a></p>`));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', origin);
    const jar = cookies(req);
    const session = jar.dept_sid ? sessions.get(jar.dept_sid) : undefined;

    if (req.method === 'GET' && url.pathname === '/') {
      const body = session
        ? `<h2 data-testid="welcome">欢迎，${esc(session.name)}</h2><p>您已通过一网统一身份认证登录。</p><dl>` +
          `<dt>姓名 name</dt><dd data-testid="claim-name">${esc(session.name)}</dd>` +
          `<dt>用户类型 subject_type</dt><dd data-testid="claim-subject-type">${esc(session.subjectType)}</dd>` +
          `<dt>认证等级 acr</dt><dd data-testid="claim-acr">${esc(session.acr)}</dd>` +
          `<dt>地区 region</dt><dd data-testid="claim-region">${esc(session.region)}</dd>` +
          `<dt>用户标识 sub</dt><dd><code>${esc(session.sub)}</code></dd></dl><p><a class="btn" href="/logout" data-testid="dept-logout">退出登录</a></p>`
        : `<p>请使用一网统一身份认证登录本系统。</p><p><a class="btn" href="/login" data-testid="dept-login">使用一网账号登录</a></p>`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(title, body));
      return;
    }

    if (req.method === 'GET' && url.pathname === '/login') {
      const p: Pending = { verifier: oc.randomPKCECodeVerifier(), state: oc.randomState(), nonce: oc.randomNonce() };
      const key = randomBytes(16).toString('base64url');
      pending.set(key, p);
      const to = oc.buildAuthorizationUrl(config, {
        redirect_uri: `${origin}/callback`,
        scope: 'openid profile',
        state: p.state,
        nonce: p.nonce,
        code_challenge: await oc.calculatePKCECodeChallenge(p.verifier),
        code_challenge_method: 'S256',
      });
      res.writeHead(302, { location: to.href, 'set-cookie': `dept_login=${key}; Path=/; HttpOnly; SameSite=Lax; Max-Age=600` }).end();
      return;
    }

    if (req.method === 'GET' && url.pathname === '/callback') {
      const p = jar.dept_login ? pending.get(jar.dept_login) : undefined;
      if (!p) throw new Error('登录请求已过期，请重新登录 / sign-in request expired');
      pending.delete(jar.dept_login!);
      if (url.searchParams.get('error')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(title, `<p data-testid="dept-error">未登录：${esc(url.searchParams.get('error')!)}</p><p><a href="/">返回</a></p>`));
        return;
      }
      const tokens = await oc.authorizationCodeGrant(config, url, { pkceCodeVerifier: p.verifier, expectedState: p.state, expectedNonce: p.nonce });
      const c = tokens.claims()!;
      const id = randomBytes(24).toString('base64url');
      sessions.set(id, {
        name: String(c.name ?? ''),
        sub: c.sub,
        subjectType: String(c.subject_type ?? ''),
        acr: String(c.acr ?? ''),
        region: String(c.region ?? ''),
        sid: String(c.sid ?? ''),
        idToken: tokens.id_token!,
        expiresAt: Date.now() + 8 * 3600_000,
      });
      res.writeHead(302, { location: '/', 'set-cookie': [`dept_sid=${id}; Path=/; HttpOnly; SameSite=Lax`, 'dept_login=; Path=/; Max-Age=0'] }).end();
      return;
    }

    if (req.method === 'GET' && url.pathname === '/logout') {
      if (jar.dept_sid) sessions.delete(jar.dept_sid);
      const to = session
        ? oc.buildEndSessionUrl(config, { id_token_hint: session.idToken, post_logout_redirect_uri: `${origin}/` }).href
        : '/';
      res.writeHead(302, { location: to, 'set-cookie': 'dept_sid=; Path=/; Max-Age=0' }).end();
      return;
    }

    // Yiwang calls this when the user signs out there: end our sessions of that Yiwang session.
    if (req.method === 'POST' && url.pathname === '/backchannel-logout') {
      const token = new URLSearchParams(await readBody(req)).get('logout_token') ?? '';
      try {
        const { payload } = await jose.jwtVerify(token, jwks, { issuer: meta.issuer, audience: opts.clientId, typ: 'logout+jwt', maxTokenAge: '5 min' });
        const events = payload.events as Record<string, unknown> | undefined;
        if (!events?.['http://schemas.openid.net/event/backchannel-logout'] || 'nonce' in payload) throw new Error('not a logout token');
        for (const [id, s] of sessions) {
          if ((payload.sid && s.sid === payload.sid) || (!payload.sid && s.sub === payload.sub)) sessions.delete(id);
        }
        res.writeHead(200, { 'cache-control': 'no-store' }).end();
      } catch {
        res.writeHead(400, { 'cache-control': 'no-store' }).end();
      }
      return;
    }

    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  }

  await new Promise<void>((ok) => server.listen(opts.port ?? 4000, opts.host ?? '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  origin = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  return { url: origin, server, sessions, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const app = await startDepartmentApp({
    issuer: process.env.YIWANG_ISSUER ?? 'http://127.0.0.1:3000/oidc',
    clientId: process.env.CLIENT_ID ?? 'demo-bdc',
    clientSecret: process.env.CLIENT_SECRET ?? 'demo-only-secret-not-for-production',
    port: Number(process.env.PORT ?? 4000),
    host: process.env.HOST ?? '127.0.0.1',
  });
  console.log(`Department app (不动产登记系统 demo): ${app.url}  — signs in through ${process.env.YIWANG_ISSUER ?? 'http://127.0.0.1:3000/oidc'}`);
}
