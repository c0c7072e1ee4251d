import { and, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db, Executor } from '../../db/client.js';
import { installedKeyring, open } from '../../lib/secretbox.js';
import { oidcClients, oidcPayloads } from './tables.js';

/** The AAD binding a sealed client secret to its client. */
export const clientSecretAad = (clientId: string) => `oidc-client-secret:${clientId}`;

const live = (now: Date) => or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, now));

function withConsumed(row: { payload: Record<string, unknown>; consumedAt: Date | null }): AdapterPayload {
  const payload = row.payload as AdapterPayload;
  return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
}

/** The provider's view of a registered client system; inactive systems do not exist for it. */
export async function clientMetadata(db: Executor, clientId: string): Promise<AdapterPayload | undefined> {
  const [c] = await db.select().from(oidcClients).where(eq(oidcClients.clientId, clientId)).limit(1);
  if (!c || !c.active) return undefined;
  return {
    client_id: c.clientId,
    client_secret: open(installedKeyring(), c.secretSealed, clientSecretAad(c.clientId)),
    client_name: c.name.zh,
    redirect_uris: c.redirectUris,
    post_logout_redirect_uris: c.postLogoutRedirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
    subject_type: c.pairwise ? 'pairwise' : 'public',
    scope: c.scopes.join(' '),
    ...(c.backchannelLogoutUri ? { backchannel_logout_uri: c.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
  };
}

/** oidc-provider storage on our database (PGlite or PostgreSQL), one class per model name. */
export function drizzleAdapter(db: Db) {
  return class DrizzleAdapter implements Adapter {
    constructor(readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const row = {
        payload: payload as Record<string, unknown>,
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        accountId: payload.accountId ?? null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      await db
        .insert(oidcPayloads)
        .values({ model: this.model, id, ...row })
        .onConflictDoUpdate({ target: [oidcPayloads.model, oidcPayloads.id], set: row });
    }

    private async findWhere(column: typeof oidcPayloads.id | typeof oidcPayloads.userCode | typeof oidcPayloads.uid, value: string) {
      const [row] = await db
        .select({ payload: oidcPayloads.payload, consumedAt: oidcPayloads.consumedAt })
        .from(oidcPayloads)
        .where(and(eq(oidcPayloads.model, this.model), eq(column, value), live(new Date())))
        .limit(1);
      return row ? withConsumed(row) : undefined;
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return this.model === 'Client' ? clientMetadata(db, id) : this.findWhere(oidcPayloads.id, id);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.findWhere(oidcPayloads.userCode, userCode);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.findWhere(oidcPayloads.uid, uid);
    }

    async consume(id: string): Promise<void> {
      await db
        .update(oidcPayloads)
        .set({ consumedAt: new Date() })
        .where(and(eq(oidcPayloads.model, this.model), eq(oidcPayloads.id, id)));
    }

    async destroy(id: string): Promise<void> {
      await db.delete(oidcPayloads).where(and(eq(oidcPayloads.model, this.model), eq(oidcPayloads.id, id)));
    }

    /** The provider calls this on each token model (codes, access and refresh tokens) in turn. */
    async revokeByGrantId(grantId: string): Promise<void> {
      await db.delete(oidcPayloads).where(and(eq(oidcPayloads.model, this.model), eq(oidcPayloads.grantId, grantId)));
    }
  };
}

/** Housekeeping: rows whose lifetime has ended (the provider never reads them again). */
export async function purgeExpiredOidcPayloads(db: Executor, now = new Date()): Promise<number> {
  const gone = await db.delete(oidcPayloads).where(lt(oidcPayloads.expiresAt, now)).returning({ id: oidcPayloads.id });
  return gone.length;
}

/** The models issued under a grant (an interaction or session only names one). */
export const grantableModels = ['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest'];

/** Revokes a grant and everything issued under it. */
export async function revokeGrant(db: Executor, grantId: string): Promise<void> {
  await db
    .delete(oidcPayloads)
    .where(or(and(inArray(oidcPayloads.model, grantableModels), eq(oidcPayloads.grantId, grantId)), and(eq(oidcPayloads.model, 'Grant'), eq(oidcPayloads.id, grantId))));
}

/** The ids of a signed-in account's OIDC sessions (for sign-out everywhere). */
export async function sessionIdsOfAccount(db: Executor, accountId: string): Promise<string[]> {
  const rows = await db
    .select({ id: oidcPayloads.id })
    .from(oidcPayloads)
    .where(and(eq(oidcPayloads.model, 'Session'), eq(oidcPayloads.accountId, accountId), live(new Date())));
  return rows.map((r) => r.id);
}

