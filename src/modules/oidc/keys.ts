import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/client.js';
import { installedKeyring, open, seal } from '../../lib/secretbox.js';
import { appendAudit } from '../supervision/index.js';
import { oidcKeys } from './tables.js';

export const SIGNING_ALG = 'RS256';
/** Longest life of anything signed (ID and logout tokens: 1 h) plus clock skew. */
export const RETIRED_KEY_GRACE_SECONDS = 3600 + 300;

const privateAad = (kid: string) => `oidc-key:${kid}`;
const PAIRWISE_KID = 'pairwise';

type Jwk = Record<string, unknown>;

function newSigningKey() {
  const kid = randomBytes(12).toString('base64url');
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const meta = { kid, alg: SIGNING_ALG, use: 'sig' };
  return {
    kid,
    publicJwk: { ...publicKey.export({ format: 'jwk' }), ...meta } as Jwk,
    privateJwk: { ...privateKey.export({ format: 'jwk' }), ...meta } as Jwk,
  };
}

async function insertSigningKey(db: Executor) {
  const k = newSigningKey();
  await db.insert(oidcKeys).values({
    kid: k.kid,
    kind: 'signing',
    alg: SIGNING_ALG,
    publicJwk: k.publicJwk,
    privateSealed: seal(installedKeyring(), JSON.stringify(k.privateJwk), privateAad(k.kid)),
  });
  return k.kid;
}

/**
 * The keys the provider holds: the active signing keys (newest first: it signs with the first),
 * then retired keys still inside their grace period (published so tokens they signed verify).
 */
export async function loadSigningKeys(db: Db, now = new Date()): Promise<{ kid: string; retired: boolean; jwk: Jwk }[]> {
  const visible = or(isNull(oidcKeys.retiredAt), gt(oidcKeys.retiredAt, new Date(now.getTime() - RETIRED_KEY_GRACE_SECONDS * 1000)));
  let rows = await db
    .select()
    .from(oidcKeys)
    .where(and(eq(oidcKeys.kind, 'signing'), visible))
    .orderBy(asc(oidcKeys.retiredAt), desc(oidcKeys.createdAt));
  if (!rows.some((r) => !r.retiredAt)) {
    await insertSigningKey(db);
    return loadSigningKeys(db, now);
  }
  // Active first (retired_at null sorts last in ascending order by default: reorder explicitly).
  rows = [...rows.filter((r) => !r.retiredAt), ...rows.filter((r) => r.retiredAt)];
  return rows.map((r) => ({ kid: r.kid, retired: !!r.retiredAt, jwk: JSON.parse(open(installedKeyring(), r.privateSealed, privateAad(r.kid))) as Jwk }));
}

/** A cheap fingerprint of the key set, so every instance notices a rotation done by another. */
export async function keySetVersion(db: Executor, now = new Date()): Promise<string> {
  const rows = await db
    .select({ kid: oidcKeys.kid, retiredAt: oidcKeys.retiredAt })
    .from(oidcKeys)
    .where(eq(oidcKeys.kind, 'signing'))
    .orderBy(asc(oidcKeys.kid));
  const graceStart = now.getTime() - RETIRED_KEY_GRACE_SECONDS * 1000;
  return rows
    .filter((r) => !r.retiredAt || r.retiredAt.getTime() > graceStart)
    .map((r) => `${r.kid}:${r.retiredAt ? 'r' : 'a'}`)
    .join(',');
}

/**
 * Key rotation: a new signing key becomes the one that signs; the previous ones are retired and
 * stay in the JWKS for RETIRED_KEY_GRACE_SECONDS, after which nothing they signed is still valid.
 */
export async function rotateSigningKey(tx: Tx, actorAccountId: string | null): Promise<{ kid: string; retired: string[] }> {
  const retired = await tx
    .update(oidcKeys)
    .set({ retiredAt: new Date() })
    .where(and(eq(oidcKeys.kind, 'signing'), isNull(oidcKeys.retiredAt)))
    .returning({ kid: oidcKeys.kid });
  const kid = await insertSigningKey(tx);
  await appendAudit(tx, { actorAccountId, action: 'oidc.key_rotated', entityType: 'oidc_key', entityId: kid, detail: { retired: retired.map((r) => r.kid) } });
  return { kid, retired: retired.map((r) => r.kid) };
}

export async function listSigningKeys(db: Executor, now = new Date()) {
  const rows = await db
    .select({ kid: oidcKeys.kid, alg: oidcKeys.alg, createdAt: oidcKeys.createdAt, retiredAt: oidcKeys.retiredAt })
    .from(oidcKeys)
    .where(eq(oidcKeys.kind, 'signing'))
    .orderBy(desc(oidcKeys.createdAt));
  return rows.map((r) => ({
    ...r,
    publishedUntil: r.retiredAt ? new Date(r.retiredAt.getTime() + RETIRED_KEY_GRACE_SECONDS * 1000) : null,
    published: !r.retiredAt || r.retiredAt.getTime() + RETIRED_KEY_GRACE_SECONDS * 1000 > now.getTime(),
  }));
}

/**
 * The secret behind pairwise subject identifiers: random, made once, sealed at rest. It does not
 * change when the master key rotates (the subjects department systems stored must stay stable).
 */
export async function pairwiseSecret(db: Db): Promise<Buffer> {
  const fresh = randomBytes(32).toString('base64');
  await db
    .insert(oidcKeys)
    .values({ kid: PAIRWISE_KID, kind: 'pairwise', alg: 'HS256', privateSealed: seal(installedKeyring(), fresh, privateAad(PAIRWISE_KID)) })
    .onConflictDoNothing();
  const [row] = await db.select().from(oidcKeys).where(eq(oidcKeys.kid, PAIRWISE_KID)).limit(1);
  return Buffer.from(open(installedKeyring(), row!.privateSealed, privateAad(PAIRWISE_KID)), 'base64');
}

/** sub for a pairwise client: HMAC over (client, account); two systems get unrelated values. */
export function pairwiseSubject(secret: Buffer, clientId: string, accountId: string): string {
  return createHmac('sha256', secret).update(`${clientId}\n${accountId}`).digest('base64url');
}

/** Cookie signing keys for the provider, derived from the master keyring (current key first). */
export function cookieKeys(): string[] {
  const ring = installedKeyring();
  const ids = [ring.currentId, ...[...ring.keys.keys()].filter((k) => k !== ring.currentId)];
  return ids.map((id) => createHmac('sha256', ring.keys.get(id)!).update('oidc-provider-cookies').digest('base64url'));
}
