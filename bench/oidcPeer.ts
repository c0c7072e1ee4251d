/**
 * The peer a department would otherwise pick for its own OpenID provider: plain `oidc-provider`
 * (the version Yiwang builds on) with its default in-memory adapter, an RS256 key, PKCE, one
 * confidential client, and interactions that sign the user in and consent at once. No database,
 * no platform session, no audit: what the library itself costs per code flow. It runs in the
 * bench server process beside Yiwang, so both are timed under the same conditions.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

export type OidcPeer = { issuer: string; clientId: string; clientSecret: string; redirectUri: string };

let peer: { server: http.Server; interactions: number; info: OidcPeer } | undefined;

export async function startOidcPeer(): Promise<OidcPeer> {
  if (peer) return peer.info;
  let provider: Provider | undefined;
  const state = { interactions: 0 };
  const server = http.createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith('/interaction/')) return void interact(provider, req, res).catch((e: unknown) => res.writeHead(500).end(String(e)));
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'bench-peer';
  const clientSecret = randomBytes(24).toString('base64url');
  const redirectUri = 'http://127.0.0.1:9/cb';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'peer-rs256', alg: 'RS256', use: 'sig' };
  const config: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub'], profile: ['name'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    async findAccount(_ctx, sub) {
      return { accountId: sub, claims: async () => ({ sub, name: '张三' }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    // Yiwang's lifetimes (src/modules/oidc/provider.ts), so both keep the same artefacts as long.
    ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 3600, Interaction: 600, Session: 12 * 3600, Grant: 14 * 24 * 3600 },
  };
  provider = new Provider(issuer, config);
  peer = {
    server,
    get interactions() {
      return state.interactions;
    },
    info: { issuer, clientId, clientSecret, redirectUri },
  };
  // Counted so the bench can check the timed flows needed no sign-in or consent page.
  const interact = async (p: Provider, req: http.IncomingMessage, res: http.ServerResponse) => {
    state.interactions++;
    const details = await p.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      await p.interactionFinished(req, res, { login: { accountId: 'peer-citizen' } }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = details.grantId
      ? (await p.Grant.find(details.grantId))!
      : new p.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
    grant.addOIDCScope('openid profile');
    await p.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  };
  return peer.info;
}

/** Sign-in or consent pages the peer has served so far. */
export const oidcPeerInteractions = () => peer?.interactions ?? 0;

export async function stopOidcPeer(): Promise<void> {
  const p = peer;
  peer = undefined;
  if (p) await new Promise<void>((resolve) => p.server.close(() => resolve()));
}
