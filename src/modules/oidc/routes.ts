import { existsSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { local } from '../../lib/i18n/messages.js';
import { requireActor } from '../identity/index.js';
import { getDepartment, selfOf } from '../identity/index.js';
import { appendAudit } from '../supervision/index.js';
import { deactivateClient, getClient, listClients, recordConsent, regenerateSecret, registerClient } from './clients.js';
import { listSigningKeys, rotateSigningKey } from './keys.js';
import { assertCanManageOidc } from './policy.js';
import { OIDC_PREFIX, acrFor, scopeClaims, type OidcService, type RawWithActor } from './provider.js';
import { clientIdParams, clientInput, clientList, clientView, clientWithSecret, consentDetails, interactionParams, interactionResult, keysOut } from './contract.js';

type Opts = { db: Db; oidc: OidcService; webIndex: string | null };

/** Client-system administration (platform admins) under /api, with the usual JSON and CSRF. */
export async function oidcAdminRoutes(app: FastifyInstance, opts: Opts) {
  const { db, oidc } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['oidc-admin'];
  const base = '/api/admin/oidc';

  r.get(`${base}/clients`, { schema: { tags, response: { 200: clientList } } }, async (req) => {
    assertCanManageOidc(req.actor);
    return { items: await listClients(db, req.lang) };
  });

  r.post(`${base}/clients`, { schema: { tags, body: clientInput, response: { 201: clientWithSecret } } }, async (req, reply) => {
    const actor = assertCanManageOidc(req.actor);
    return reply.code(201).send(await db.transaction((tx) => registerClient(tx, actor, req.body, req.lang)));
  });

  r.post(`${base}/clients/:clientId/deactivate`, { schema: { tags, params: clientIdParams, response: { 200: clientView } } }, async (req) => {
    const actor = assertCanManageOidc(req.actor);
    return db.transaction((tx) => deactivateClient(tx, actor, req.params.clientId, req.lang));
  });

  r.post(`${base}/clients/:clientId/secret`, { schema: { tags, params: clientIdParams, response: { 200: clientWithSecret } } }, async (req) => {
    const actor = assertCanManageOidc(req.actor);
    return db.transaction((tx) => regenerateSecret(tx, actor, req.params.clientId, req.lang));
  });

  const keyList = async () => ({
    items: (await listSigningKeys(db)).map((k) => ({
      kid: k.kid,
      alg: k.alg,
      published: k.published,
      createdAt: k.createdAt.toISOString(),
      retiredAt: k.retiredAt?.toISOString() ?? null,
      publishedUntil: k.publishedUntil?.toISOString() ?? null,
    })),
  });

  r.get(`${base}/keys`, { schema: { tags, response: { 200: keysOut } } }, async (req) => {
    assertCanManageOidc(req.actor);
    await oidc.provider(); // makes the first key if none exists yet
    return keyList();
  });

  r.post(`${base}/keys/rotate`, { schema: { tags, response: { 200: keysOut } } }, async (req) => {
    const actor = assertCanManageOidc(req.actor);
    await db.transaction((tx) => rotateSigningKey(tx, actor.accountId));
    await oidc.reload();
    return keyList();
  });
}

/**
 * The provider under /oidc in its own scope: no body parsing (the provider reads the raw
 * stream), the reply hijacked, the prefix stripped. Our interaction routes sit beside it.
 */
export async function oidcProviderRoutes(app: FastifyInstance, opts: Opts) {
  const { db, oidc } = opts;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null));
  app.addHook('onRequest', async (req) => oidc.stampOrigin(req.raw));

  async function details(req: FastifyRequest, reply: FastifyReply) {
    const provider = await oidc.provider();
    try {
      return { provider, details: await provider.interactionDetails(req.raw, reply.raw) };
    } catch {
      throw new DomainError('OIDC_INTERACTION_EXPIRED');
    }
  }

  /** The consent step for the signed-in user of this browser, or 404-like expiry. */
  async function consentStep(req: FastifyRequest, reply: FastifyReply) {
    const actor = selfOf(requireActor(req));
    const d = await details(req, reply);
    if (d.details.prompt.name !== 'consent' || d.details.session?.accountId !== actor.accountId) throw new DomainError('OIDC_INTERACTION_EXPIRED');
    const clientId = String(d.details.params.client_id);
    const client = await getClient(db, clientId);
    if (!client) throw new DomainError('OIDC_INTERACTION_EXPIRED');
    return { ...d, actor, client };
  }

  const params = { params: interactionParams, tags: ['oidc'] };
  const answers = (response: Record<number, unknown>) => ({ schema: { ...params, response } });

  // Where the provider sends the browser: SSO from the Yiwang session, or the sign-in page.
  app.get(`${OIDC_PREFIX}/interaction/:uid`, { schema: params }, async (req, reply) => {
    const { uid } = req.params as { uid: string };
    const { provider, details: d } = await details(req, reply);
    // Department systems sign in the person, never a principal they happen to act for.
    const actor = req.actor && selfOf(req.actor);
    if (!actor) return reply.redirect(`/login?next=${encodeURIComponent(`${OIDC_PREFIX}/interaction/${uid}`)}`, 303);
    if (d.prompt.name === 'login') {
      const to = await provider.interactionResult(
        req.raw,
        reply.raw,
        { login: { accountId: actor.accountId, acr: acrFor(actor.level), amr: ['pwd'] } },
        { mergeWithLastSubmission: false },
      );
      return reply.redirect(to, 303);
    }
    if (d.prompt.name === 'consent') return reply.redirect(`${OIDC_PREFIX}/consent/${uid}`, 303);
    throw new DomainError('OIDC_INTERACTION_EXPIRED');
  });

  app.get(`${OIDC_PREFIX}/interaction/:uid/details`, answers({ 200: consentDetails }), async (req, reply) => {
    const { details: d, actor, client } = await consentStep(req, reply);
    const dept = await getDepartment(db, client.departmentId);
    const scopes = String(d.params.scope ?? '').split(' ').filter(Boolean);
    const claims = [...new Set(scopes.flatMap((s) => (s in scopeClaims ? [...scopeClaims[s as keyof typeof scopeClaims]] : [])))].filter((c) => c !== 'auth_time');
    const body: z.infer<typeof consentDetails> = {
      client: { clientId: client.clientId, name: local(req.lang, client.name), department: dept ? local(req.lang, dept.name) : '' },
      account: { name: actor.name },
      scopes,
      claims,
    };
    return reply.header('cache-control', 'no-store').send(body);
  });

  // CSRF: checked for these like for every state-changing route (server/plugins/auth.ts).
  app.post(`${OIDC_PREFIX}/interaction/:uid/allow`, answers({ 200: interactionResult }), async (req, reply) => {
    const { provider, details: d, actor, client } = await consentStep(req, reply);
    const missing = d.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    const grant = (d.grantId ? await provider.Grant.find(d.grantId) : undefined) ?? new provider.Grant({ accountId: actor.accountId, clientId: client.clientId });
    if (missing.missingOIDCScope?.length) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims?.length) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    const scopes = String(d.params.scope ?? '').split(' ').filter(Boolean);
    await db.transaction((tx) => recordConsent(tx, actor.accountId, client.clientId, scopes));
    const redirectTo = await provider.interactionResult(req.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return { redirectTo };
  });

  app.post(`${OIDC_PREFIX}/interaction/:uid/deny`, answers({ 200: interactionResult }), async (req, reply) => {
    const { provider, actor, client } = await consentStep(req, reply);
    await db.transaction((tx) =>
      appendAudit(tx, { actorAccountId: actor.accountId, action: 'oidc.consent_denied', entityType: 'oidc_client', entityId: client.clientId }),
    );
    const redirectTo = await provider.interactionResult(
      req.raw,
      reply.raw,
      { error: 'access_denied', error_description: 'End-User denied the request' },
      { mergeWithLastSubmission: false },
    );
    return { redirectTo };
  });

  // The consent screen is a page of the web app.
  app.get(`${OIDC_PREFIX}/consent/:uid`, { schema: { hide: true } }, async (_req, reply) => {
    if (!opts.webIndex || !existsSync(opts.webIndex)) throw new DomainError('NOT_FOUND');
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  const passThrough = async (req: FastifyRequest, reply: FastifyReply) => {
    const provider = await oidc.provider();
    reply.hijack();
    const raw = req.raw as RawWithActor;
    raw.originalUrl = raw.url;
    raw.url = raw.url!.slice(OIDC_PREFIX.length) || '/';
    raw.ywActor = req.actor && selfOf(req.actor);
    oidc.handle(provider, raw, reply.raw);
  };
  // The provider's own endpoints are described by its discovery document, not by OpenAPI.
  // They carry no Yiwang CSRF token: department systems call them server to server, and the
  // provider's own forms (sign-out) carry its own xsrf field.
  app.all(OIDC_PREFIX, { schema: { hide: true }, config: { csrf: false } }, passThrough);
  app.all(`${OIDC_PREFIX}/*`, { schema: { hide: true }, config: { csrf: false } }, passThrough);

  // Relying parties that look for discovery at the root (RFC 8414 §3 style) find the issuer's.
  app.get('/.well-known/openid-configuration', { schema: { hide: true } }, async (_req, reply) =>
    reply.redirect(`${OIDC_PREFIX}/.well-known/openid-configuration`, 308),
  );
}
