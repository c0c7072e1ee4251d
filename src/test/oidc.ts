import type { Db } from '../db/client.js';
import { codeFromOutbox, prepareStaffSignIn } from './sms.js';
import * as oc from 'openid-client';

/**
 * A browser over real HTTP for OIDC flows: a cookie jar that honours cookie paths, redirects
 * followed by hand so each hop can be checked, and the web app's CSRF header on POSTs.
 */
export class HttpBrowser {
  private jar = new Map<string, { name: string; value: string; path: string }>();
  constructor(readonly origin: string) {}

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((p) => p.trim());
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      let path = '/';
      let expired = value === '';
      for (const a of attrs) {
        const [k, v] = a.split('=');
        if (k!.toLowerCase() === 'path' && v) path = v;
        if (k!.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
        if (k!.toLowerCase() === 'expires' && v && new Date(v).getTime() < Date.now()) expired = true;
      }
      const key = `${name}|${path}`;
      if (expired) this.jar.delete(key);
      else this.jar.set(key, { name, value, path });
    }
  }

  cookie(name: string): string | undefined {
    return [...this.jar.values()].find((c) => c.name === name)?.value;
  }

  private cookieHeader(url: URL): string {
    return [...this.jar.values()]
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  async fetch(input: string | URL, init: { method?: string; body?: string | URLSearchParams; headers?: Record<string, string> } = {}): Promise<Response> {
    const url = new URL(input, this.origin);
    const headers: Record<string, string> = { 'accept-language': 'zh-CN', ...init.headers };
    if (url.origin === this.origin) {
      const cookie = this.cookieHeader(url);
      if (cookie) headers.cookie = cookie;
      const csrf = this.cookie('yw_csrf');
      if (init.method && init.method !== 'GET' && csrf && !headers['x-csrf-token']) headers['x-csrf-token'] = csrf;
    }
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body, redirect: 'manual' });
    if (url.origin === this.origin) this.store(res);
    return res;
  }

  private async codeFromOutboxPage(maskedPhone: string): Promise<string> {
    const { items } = (await (await this.fetch('/api/ops/sms-outbox')).json()) as { items: { maskedPhone: string; text: string }[] };
    const code = /\d{6}/.exec(items.find((i) => i.maskedPhone === maskedPhone)?.text ?? '')?.[0];
    if (!code) throw new Error(`no code for ${maskedPhone} in the SMS outbox`);
    return code;
  }

  /** Signs in; staff finish with the code from the SMS sandbox (`db` if given, else the outbox page). */
  async signIn(username: string, password: string, db?: Db) {
    await this.fetch('/api/auth/csrf');
    const staff = db ? await prepareStaffSignIn(db, username) : null;
    const post = (path: string, body: unknown) => this.fetch(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    let res = await post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { secondFactor?: string; challengeId?: string };
    if (body.secondFactor) {
      // With the database at hand read the sandbox directly; otherwise as an operator would, from the loopback-only outbox page.
      const code = db && staff ? await codeFromOutbox(db, staff.phone) : await this.codeFromOutboxPage((body as { maskedPhone?: string }).maskedPhone ?? '');
      res = await post('/api/auth/login/second-factor', { challengeId: body.challengeId, code });
      if (res.status !== 200) throw new Error(`second factor failed: ${res.status} ${await res.text()}`);
    }
  }
}

export type RelyingParty = { config: oc.Configuration; clientId: string; redirectUri: string };

export async function relyingParty(issuer: string, clientId: string, clientSecret: string, redirectUri: string): Promise<RelyingParty> {
  const config = await oc.discovery(new URL(issuer), clientId, { client_secret: clientSecret }, oc.ClientSecretBasic(clientSecret), {
    execute: [oc.allowInsecureRequests],
  });
  return { config, clientId, redirectUri };
}

export type AuthorizeResult = { callback: URL; consentShown: boolean; verifier: string; state: string; nonce: string };

/**
 * Runs an authorization request in the browser: follows every redirect, allows (or denies) on
 * the consent screen if it appears, and stops at the system's redirect URI.
 */
export async function authorize(
  browser: HttpBrowser,
  rp: RelyingParty,
  opts: { scope?: string; consent?: 'allow' | 'deny'; pkce?: boolean; redirectUri?: string; extra?: Record<string, string> } = {},
): Promise<AuthorizeResult> {
  const verifier = oc.randomPKCECodeVerifier();
  const state = oc.randomState();
  const nonce = oc.randomNonce();
  const params: Record<string, string> = {
    redirect_uri: opts.redirectUri ?? rp.redirectUri,
    scope: opts.scope ?? 'openid profile',
    state,
    nonce,
    ...opts.extra,
  };
  if (opts.pkce !== false) {
    params.code_challenge = await oc.calculatePKCECodeChallenge(verifier);
    params.code_challenge_method = 'S256';
  }
  let url = oc.buildAuthorizationUrl(rp.config, params).href;
  let consentShown = false;
  for (let hop = 0; hop < 20; hop++) {
    const res = await browser.fetch(url);
    const location = res.headers.get('location');
    if (!location && res.status === 200) {
      // An auto-submitting form (the provider ends the previous user's session this way): submit it.
      const html = await res.text();
      const form = /<form method="post" action="([^"]+)"/.exec(html);
      if (form) {
        const fields = new URLSearchParams([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as [string, string]));
        const posted = await browser.fetch(form[1]!.replace(/&amp;/g, '&'), { method: 'POST', body: fields, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        url = new URL(posted.headers.get('location')!, url).href;
        continue;
      }
      throw new Error(`no redirect from ${url}: ${res.status} ${html.slice(0, 300)}`);
    }
    if (!location) throw new Error(`no redirect from ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const next = new URL(location, url);
    if (next.href.startsWith(params.redirect_uri!)) return { callback: next, consentShown, verifier, state, nonce };
    const consent = /^\/oidc\/consent\/([\w-]+)$/.exec(next.pathname);
    if (consent) {
      consentShown = true;
      const answer = await browser.fetch(`/oidc/interaction/${consent[1]}/${opts.consent ?? 'allow'}`, { method: 'POST' });
      if (answer.status !== 200) throw new Error(`consent answer failed: ${answer.status} ${await answer.text()}`);
      url = ((await answer.json()) as { redirectTo: string }).redirectTo;
      continue;
    }
    url = next.href;
  }
  throw new Error('too many redirects');
}

export async function exchange(rp: RelyingParty, r: AuthorizeResult) {
  return oc.authorizationCodeGrant(rp.config, r.callback, { pkceCodeVerifier: r.verifier, expectedState: r.state, expectedNonce: r.nonce });
}

/** The OAuth error code of a failed openid-client call (token endpoint errors and 401 challenges alike). */
export async function oauthError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { error?: string; cause?: { parameters?: { error?: string } }[] };
    return err.error ?? err.cause?.[0]?.parameters?.error ?? String(e);
  }
  throw new Error('expected the call to fail');
}
