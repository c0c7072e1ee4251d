/**
 * OpenID Connect figures: full code flows over HTTP (authorize → SSO from the Yiwang session →
 * remembered consent → code → token exchange with PKCE and client authentication), and ID-token
 * verification (jose, as relying parties do it) against raw RS256 signature verification.
 */
import { createPublicKey, verify as rawVerify } from 'node:crypto';
import * as jose from 'jose';
import { DEMO_PASSWORD, demoCitizens } from '../src/server/demo/seed.js';
import { authorize, exchange, HttpBrowser, relyingParty, type RelyingParty } from '../src/test/oidc.js';
import { runFor, sequentialFor, spinFor, type TimedResult } from './timing.js';

/** Registers a pairwise client through the admin API and consents once, as the citizen. */
async function setup(base: string, workers: number): Promise<{ rp: RelyingParty; browsers: HttpBrowser[] }> {
  const admin = new HttpBrowser(base);
  await admin.signIn('zwfw.platform_admin', DEMO_PASSWORD);
  const depts = (await (await admin.fetch('/api/catalog/departments')).json()) as { items: { id: string; code: string }[] };
  const res = await admin.fetch('/api/admin/oidc/clients', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: { zh: '压测系统', en: 'Bench system' },
      departmentId: depts.items.find((d) => d.code === 'ZWFW')!.id,
      redirectUris: ['http://127.0.0.1:9/cb'],
      scopes: ['openid', 'profile'],
      pairwise: true,
    }),
  });
  if (res.status !== 201) throw new Error(`client registration: HTTP ${res.status} ${await res.text()}`);
  const { client, clientSecret } = (await res.json()) as { client: { clientId: string }; clientSecret: string };
  const rp = await relyingParty(`${base}/oidc`, client.clientId, clientSecret, 'http://127.0.0.1:9/cb');
  const browsers: HttpBrowser[] = [];
  for (let i = 0; i < workers; i++) {
    const b = new HttpBrowser(base);
    await b.signIn(demoCitizens[0]!.phone, DEMO_PASSWORD);
    browsers.push(b);
  }
  await exchange(rp, await authorize(browsers[0]!, rp)); // consent once; remembered from then on
  return { rp, browsers };
}

/** One full flow per op; it fails if consent is asked again or no ID token comes back. */
export async function benchOidcFlows(
  base: string,
  opts: { warmupMs: number; ms: number; concurrency: number },
): Promise<{ result: TimedResult; rp: RelyingParty; idToken: string; flow: () => Promise<boolean> }> {
  const { rp, browsers } = await setup(base, opts.concurrency);
  let idToken = '';
  const op = async (w: number) => {
    const r = await authorize(browsers[w]!, rp);
    if (r.consentShown) return false;
    const tokens = await exchange(rp, r);
    idToken = tokens.id_token ?? '';
    return Boolean(tokens.claims()?.sub);
  };
  await runFor(opts.warmupMs, opts.concurrency, op);
  return { result: await runFor(opts.ms, opts.concurrency, op), rp, idToken, flow: () => op(0) };
}

/**
 * The same flow against plain oidc-provider (bench/oidcPeer.ts): each browser signs in and
 * consents once, then every timed flow is authorize (session and grant reused) → code → token.
 * It fails if the peer served any sign-in or consent page during the timed section.
 */
export async function benchPeerFlows(
  peer: { issuer: string; clientId: string; clientSecret: string; redirectUri: string },
  interactions: () => Promise<number>,
  opts: { warmupMs: number; ms: number; concurrency: number },
): Promise<TimedResult> {
  const rp = await relyingParty(peer.issuer, peer.clientId, peer.clientSecret, peer.redirectUri);
  const browsers = Array.from({ length: opts.concurrency }, () => new HttpBrowser(peer.issuer));
  for (const b of browsers) await exchange(rp, await authorize(b, rp));
  const op = async (w: number) => Boolean((await exchange(rp, await authorize(browsers[w]!, rp))).claims()?.sub);
  await runFor(opts.warmupMs, opts.concurrency, op);
  const before = await interactions();
  const result = await runFor(opts.ms, opts.concurrency, op);
  const shown = (await interactions()) - before;
  if (shown) throw new Error(`plain oidc-provider asked for sign-in or consent ${shown} times during the timed flows`);
  return result;
}

/**
 * ID-token verification as a relying party does it (jose.jwtVerify: parse, RS256 signature with
 * the key from the JWKS, iss/aud/exp checks) vs the raw RS256 signature check of the same token
 * (node:crypto verify over the signing input), both sequential in this process.
 */
export async function benchIdTokenVerify(issuer: string, audience: string, idToken: string, ms: number) {
  const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as jose.JSONWebKeySet;
  const { kid } = jose.decodeProtectedHeader(idToken);
  const jwk = jwks.keys.find((k) => k.kid === kid)!;
  const localSet = jose.createLocalJWKSet(jwks);
  const check = async () => {
    const { payload } = await jose.jwtVerify(idToken, localSet, { issuer, audience });
    if (!payload.sub) throw new Error('no sub');
  };
  await sequentialFor(200, check);
  const viaJose = await sequentialFor(ms, check);

  const key = createPublicKey({ key: jwk as never, format: 'jwk' });
  const [h, p, s] = idToken.split('.') as [string, string, string];
  const input = Buffer.from(`${h}.${p}`);
  const signature = Buffer.from(s, 'base64url');
  spinFor(200, () => rawVerify('sha256', input, key, signature));
  const raw = spinFor(ms, () => rawVerify('sha256', input, key, signature));
  return { viaJose, raw };
}
