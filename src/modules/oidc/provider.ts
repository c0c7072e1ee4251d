import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Db } from '../../db/client.js';
import { endSession, loadActor, type Actor } from '../identity/index.js';
import { drizzleAdapter, revokeGrant, sessionIdsOfAccount } from './adapter.js';
import { rememberedScopes } from './clients.js';
import { cookieKeys, keySetVersion, loadSigningKeys, pairwiseSecret, pairwiseSubject } from './keys.js';
import { errorPage, logoutPage, postLogoutPage } from './pages.js';

export const OIDC_PREFIX = '/oidc';
/** The Yiwang session cookie (identity's), read to keep the OIDC session in step with it. */
const YW_SESSION_COOKIE = 'yw_session';

/** Assurance level (account.level 1–3) as an OIDC acr value. */
export const acrFor = (level: number) => `urn:yiwang:loa:${Math.min(3, Math.max(1, level))}`;
export const acrValues = [acrFor(1), acrFor(2), acrFor(3)];

/** Claims each scope releases (the ID token also carries sid). */
export const scopeClaims = { openid: ['sub', 'acr', 'auth_time'], profile: ['name', 'subject_type', 'region'] } as const;

export type OidcTtl = { AuthorizationCode: number; AccessToken: number; IdToken: number; RefreshToken: number; Interaction: number; Session: number; Grant: number };
const defaultTtl: OidcTtl = {
  AuthorizationCode: 60,
  AccessToken: 600,
  IdToken: 3600,
  RefreshToken: 14 * 24 * 3600,
  Interaction: 600,
  Session: 12 * 3600,
  Grant: 14 * 24 * 3600,
};

/** The raw request carries the Yiwang actor resolved by our auth hook into the provider. */
export type RawWithActor = IncomingMessage & { ywActor?: Actor | null; originalUrl?: string };

/**
 * The OpenID provider of this node. Built lazily (the issuer may be the listening address, known
 * only after listen) and rebuilt when the signing keys change: oidc-provider takes its keys at
 * construction, and everything else it keeps lives in the database, so a rebuild loses nothing.
 */
export class OidcService {
  private current: { provider: Provider; handler: (req: IncomingMessage, res: ServerResponse) => void; version: string } | null = null;
  private building: Promise<Provider> | null = null;

  constructor(
    private readonly db: Db,
    private readonly opts: {
      issuer: () => string;
      regionCode: string;
      log: FastifyBaseLogger;
      ttl?: Partial<OidcTtl>;
      /** The platform's problem+json body for a path the provider does not serve. */
      notFound?: (acceptLanguage: string | undefined) => object;
    },
  ) {}

  /**
   * The provider built for the current key set. It is a cache keyed by the key set's version,
   * checked on every request (one small query): with several instances, a rotation made through
   * one must be in every instance's JWKS at once, or a department system that fetches the JWKS
   * from another instance cannot verify tokens signed with the new key (a time-based re-check
   * left that gap open for 30 s).
   */
  async provider(): Promise<Provider> {
    const c = this.current;
    if (c && (await keySetVersion(this.db)) === c.version) return c.provider;
    this.building ??= this.build().finally(() => (this.building = null));
    return this.building;
  }

  /** Rebuild now (after a rotation in this process). */
  async reload(): Promise<void> {
    this.current = null;
    await this.provider();
  }

  /**
   * The provider builds its URLs from the request's origin; behind a TLS proxy that would be the
   * proxy's plain-http hop. Every request it sees is therefore stamped with the issuer's origin
   * (whatever forwarding headers a client sent are replaced).
   */
  stampOrigin(req: IncomingMessage): void {
    const origin = new URL(this.opts.issuer());
    req.headers['x-forwarded-proto'] = origin.protocol.slice(0, -1);
    req.headers['x-forwarded-host'] = origin.host;
    delete req.headers['x-forwarded-for'];
  }

  /**
   * Hands a request to the provider the caller just got from `provider()`: the key-set version is
   * checked once per request, not again here (the caller checks before hijacking the reply, so a
   * failing check still answers problem+json).
   */
  handle(provider: Provider, req: RawWithActor, res: ServerResponse): void {
    const c = this.current;
    (c && c.provider === provider ? c.handler : (provider.callback() as unknown as (q: IncomingMessage, s: ServerResponse) => void))(req, res);
  }

  private async build(): Promise<Provider> {
    const db = this.db;
    const keys = await loadSigningKeys(db);
    const version = await keySetVersion(db);
    const pairwiseKey = await pairwiseSecret(db);
    const regionCode = this.opts.regionCode;
    const log = this.opts.log;

    const policy = interactionPolicy.base();
    // SSO follows the platform session: another (or no) Yiwang user in this browser means the
    // OIDC session is not theirs, so sign-in is asked for again (login_required with prompt=none).
    policy.get('login')!.checks.add(
      new interactionPolicy.Check('yiwang_session', 'the Yiwang sign-in changed', (ctx) => {
        const actor = (ctx.req as RawWithActor).ywActor;
        return !actor || actor.accountId !== ctx.oidc.session?.accountId ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT;
      }),
    );

    const config: Configuration = {
      adapter: drizzleAdapter(db),
      clients: [],
      jwks: { keys: keys.map((k) => k.jwk) as never },
      cookies: { keys: cookieKeys(), long: { signed: true, sameSite: 'lax' }, short: { signed: true, sameSite: 'lax' } },
      scopes: ['openid', 'profile', 'offline_access'],
      claims: { acr: null, sid: null, auth_time: null, iss: null, openid: [...scopeClaims.openid], profile: [...scopeClaims.profile] },
      acrValues,
      subjectTypes: ['public', 'pairwise'],
      pairwiseIdentifier: async (_ctx, accountId, client) => pairwiseSubject(pairwiseKey, client.clientId, accountId),
      async findAccount(_ctx, sub) {
        const actor = await loadActor(db, sub);
        if (!actor) return undefined;
        return { accountId: sub, claims: async () => ({ sub, name: actor.name, subject_type: actor.kind, region: regionCode }) };
      },
      // The ID token itself carries the profile claims: department systems read them there.
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      // Confidential department systems allowed the refresh_token grant get refresh tokens (rotated on use).
      issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      rotateRefreshToken: true,
      interactions: { url: (_ctx, interaction) => `${OIDC_PREFIX}/interaction/${interaction.uid}`, policy },
      features: {
        devInteractions: { enabled: false },
        revocation: { enabled: true },
        userinfo: { enabled: true },
        backchannelLogout: { enabled: true },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: async (ctx, form) => {
            ctx.body = logoutPage(ctx, form);
          },
          postLogoutSuccessSource: async (ctx) => {
            ctx.body = postLogoutPage(ctx);
          },
        },
      },
      async loadExistingGrant(ctx: KoaContextWithOIDC) {
        const clientId = ctx.oidc.client!.clientId;
        const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(clientId);
        if (grantId) {
          const grant = await ctx.oidc.provider.Grant.find(grantId);
          if (grant) return grant;
        }
        // Consent is remembered per account and system across sessions and devices.
        const accountId = ctx.oidc.session?.accountId;
        if (!accountId) return undefined;
        const scopes = await rememberedScopes(db, accountId, clientId);
        if (scopes.length === 0) return undefined;
        const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
        grant.addOIDCScope(scopes.join(' '));
        await grant.save();
        return grant;
      },
      renderError: async (ctx, out) => {
        ctx.type = 'html';
        ctx.body = errorPage(ctx, out);
      },
      ttl: { ...defaultTtl, ...this.opts.ttl },
      // The provider only calls URIs a platform admin registered (back-channel logout), and
      // department systems live on government intranets (10.x, 192.168.x): its guard against
      // private addresses would block exactly them, so outgoing calls go without it.
      fetch: (url, options) => {
        const { dispatcher: _guard, ...rest } = options as RequestInit & { dispatcher?: unknown };
        return globalThis.fetch(url, rest);
      },
      clockTolerance: 5,
    };

    const provider = new Provider(`${this.opts.issuer()}${OIDC_PREFIX}`, config);
    provider.proxy = true; // trusts only the headers stampOrigin() writes
    provider.on('server_error', (_ctx, err) => log.error({ err }, 'oidc server error'));
    provider.on('backchannel.error', (_ctx, err, client) => log.warn({ err: err.message, clientId: client.clientId }, 'back-channel logout failed'));
    // A path the provider has no route for answers like every other unknown path of the platform.
    const notFound = this.opts.notFound;
    if (notFound) {
      provider.use(async (ctx, next) => {
        await next();
        if (ctx.status === 404 && ctx.body === undefined) {
          ctx.status = 404;
          ctx.type = 'application/problem+json; charset=utf-8';
          ctx.body = JSON.stringify(notFound(ctx.get('accept-language') || undefined));
        }
      });
    }
    // Signing out of Yiwang at the end-session page ("sign out of all systems") ends the
    // platform session too.
    provider.use(async (ctx, next) => {
      await next();
      // Only when the OIDC session being ended is the Yiwang user's own: the provider also ends an
      // old session itself when another user signs in in the same browser.
      const actor = (ctx.req as RawWithActor).ywActor;
      if (ctx.oidc?.route === 'end_session_confirm' && ctx.status === 303 && ctx.oidc.params?.logout && actor && actor.accountId === ctx.oidc.session?.accountId) {
        const token = ctx.cookies.get(YW_SESSION_COOKIE, { signed: false });
        if (token) await db.transaction((tx) => endSession(tx, token));
        ctx.append('Set-Cookie', `${YW_SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
      }
    });
    const handler = provider.callback();
    this.current = { provider, handler: handler as never, version };
    return provider;
  }

  /**
   * Sign-out at Yiwang: ends the OIDC sessions (this browser's, or all of the account's), revokes
   * what they granted and tells every system that registered a back-channel logout URI.
   */
  async signOut(accountId: string, sessionIds: string[] | 'all'): Promise<void> {
    const ids = sessionIds === 'all' ? await sessionIdsOfAccount(this.db, accountId) : sessionIds;
    if (ids.length === 0) return;
    const provider = await this.provider();
    const notices: Promise<unknown>[] = [];
    for (const id of ids) {
      const session = await provider.Session.find(id);
      if (!session || session.accountId !== accountId) continue;
      for (const [clientId, auth] of Object.entries(session.authorizations ?? {})) {
        const client = await provider.Client.find(clientId);
        if (client?.backchannelLogoutUri && auth.sid) {
          notices.push(
            (client as unknown as { backchannelLogout(sub: string, sid: string): Promise<void> })
              .backchannelLogout(accountId, auth.sid)
              .catch((err: Error) => this.opts.log.warn({ err: err.message, clientId }, 'back-channel logout failed')),
          );
        }
        if (auth.grantId && !auth.persistsLogout) await revokeGrant(this.db, auth.grantId);
      }
      await session.destroy();
    }
    await Promise.all(notices);
  }
}
