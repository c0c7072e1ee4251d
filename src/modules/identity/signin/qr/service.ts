import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../../../db/client.js';
import { DomainError, notFound } from '../../../../lib/errors.js';
import { uuidv7 } from '../../../../lib/uuid.js';
import { selfOf, type Actor } from '../../service.js';
import { needsSecondFactor } from '../../policy.js';
import type { SessionChannel } from '../../tables.js';
import { appendAudit } from '../../../supervision/index.js';
import { qrSignInRequests, type QrSignInStatus } from './tables.js';
import { TOKEN_PATTERN } from '../../contract.js';

/** A QR code is good for two minutes; the waiting screen asks every 1.5 s. */
export const QR_TTL_SECONDS = 120;
export const QR_POLL_MS = 1500;

/** What the waiting browser and the phone see: the stored status, or `expired` once past its time. */
export type QrSignInState = QrSignInStatus | 'expired';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export { TOKEN_PATTERN };

type Row = typeof qrSignInRequests.$inferSelect;
type Clock = { now?: Date };

function stateOf(row: Row, now: Date): QrSignInState {
  const open = row.status === 'pending' || row.status === 'scanned' || row.status === 'confirmed';
  return open && row.expiresAt <= now ? 'expired' : row.status;
}

async function byToken(db: Executor, token: string, forUpdate: boolean): Promise<Row | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const q = db.select().from(qrSignInRequests).where(eq(qrSignInRequests.tokenHash, sha256(token))).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** The requesting browser's binding: unknown token and someone else's request answer alike (404). */
function assertSameBrowser(row: Row | null, browserSecret: string | undefined): asserts row is Row {
  if (!row || !browserSecret || !TOKEN_PATTERN.test(browserSecret) || sha256(browserSecret) !== row.browserHash) throw notFound();
}

/**
 * A new sign-in request for the browser showing the QR code. Returns the token (goes into the QR
 * code) and the browser secret (goes into this browser's httpOnly cookie); only hashes are kept.
 */
export async function createQrSignInRequest(
  tx: Tx,
  input: { channel: SessionChannel; deviceLabel: string | null; userAgent: string | undefined } & Clock,
): Promise<{ token: string; browserSecret: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const browserSecret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + QR_TTL_SECONDS * 1000);
  await tx.insert(qrSignInRequests).values({
    id: uuidv7(),
    tokenHash: sha256(token),
    browserHash: sha256(browserSecret),
    channel: input.channel,
    deviceLabel: input.channel === 'kiosk' ? input.deviceLabel : null,
    userAgent: input.userAgent ? input.userAgent.slice(0, 300) : null,
    createdAt: now,
    expiresAt,
  });
  return { token, browserSecret, expiresAt };
}

/** The waiting browser's poll: its own request's state, nothing else. */
export async function qrSignInState(db: Db, token: string, browserSecret: string | undefined, clock: Clock = {}) {
  const row = await byToken(db, token, false);
  assertSameBrowser(row, browserSecret);
  return { status: stateOf(row, clock.now ?? new Date()), expiresAt: row.expiresAt };
}

/** What the phone is shown before confirming: where and what is asking, and who will be signed in. */
function details(row: Row, self: Actor, now: Date) {
  return {
    status: stateOf(row, now),
    channel: row.channel,
    deviceLabel: row.deviceLabel,
    userAgent: row.userAgent,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    signInAs: { name: self.name, kind: self.kind },
  };
}

/**
 * The phone's checks, whatever it does: the person (never a principal they act for) may not be
 * staff, the request must be open and not expired, and once scanned it belongs to that person.
 */
function assertPhoneMay(row: Row | null, self: Actor, now: Date): asserts row is Row {
  if (!row) throw notFound();
  if (needsSecondFactor(self.kind)) throw new DomainError('QR_LOGIN_STAFF');
  const state = stateOf(row, now);
  if (state === 'expired') throw new DomainError('QR_LOGIN_EXPIRED');
  if (state === 'pending') return;
  if (state === 'scanned' && row.accountId === self.accountId) return;
  throw new DomainError('QR_LOGIN_CLOSED');
}

/** A signed-in phone opened the QR code's page: the request is now this person's to decide. */
export async function scanQrSignIn(tx: Tx, actor: Actor, token: string, clock: Clock = {}) {
  const now = clock.now ?? new Date();
  const self = selfOf(actor);
  const row = await byToken(tx, token, true);
  assertPhoneMay(row, self, now);
  if (row.status === 'pending') {
    await tx.update(qrSignInRequests).set({ status: 'scanned', accountId: self.accountId, scannedAt: now }).where(eq(qrSignInRequests.id, row.id));
    return details({ ...row, status: 'scanned', accountId: self.accountId, scannedAt: now }, self, now);
  }
  return details(row, self, now);
}

/** The phone confirms or declines; either closes the request for every other phone. */
export async function decideQrSignIn(tx: Tx, actor: Actor, token: string, decision: 'confirm' | 'decline', clock: Clock = {}) {
  const now = clock.now ?? new Date();
  const self = selfOf(actor);
  const row = await byToken(tx, token, true);
  assertPhoneMay(row, self, now);
  const status = decision === 'confirm' ? 'confirmed' : 'declined';
  await tx
    .update(qrSignInRequests)
    .set({ status, accountId: self.accountId, scannedAt: row.scannedAt ?? now, decidedAt: now })
    .where(eq(qrSignInRequests.id, row.id));
  await audit(tx, self.accountId, `qr_login.${status}`, row, actor.agent ? { actingFor: actor.accountId } : {});
  return details({ ...row, status, accountId: self.accountId }, self, now);
}

/**
 * The waiting browser collects its sign-in: only the browser that asked (cookie binding), only a
 * confirmed and unexpired request, only once. Returns whom to sign in and on which channel; the
 * caller opens the session through identity's one session path.
 */
export async function redeemQrSignIn(tx: Tx, token: string, browserSecret: string | undefined, clock: Clock = {}) {
  const now = clock.now ?? new Date();
  const row = await byToken(tx, token, true);
  assertSameBrowser(row, browserSecret);
  const state = stateOf(row, now);
  if (state === 'expired') throw new DomainError('QR_LOGIN_EXPIRED');
  if (state === 'pending' || state === 'scanned') throw new DomainError('QR_LOGIN_PENDING');
  if (state !== 'confirmed' || !row.accountId) throw new DomainError('QR_LOGIN_CLOSED');
  await tx.update(qrSignInRequests).set({ status: 'used', usedAt: now }).where(and(eq(qrSignInRequests.id, row.id), eq(qrSignInRequests.status, 'confirmed')));
  await audit(tx, row.accountId, 'qr_login.signed_in', row, {});
  return { accountId: row.accountId, channel: row.channel };
}

function audit(tx: Tx, accountId: string, action: string, row: Row, extra: Record<string, unknown>) {
  return appendAudit(tx, {
    actorAccountId: accountId,
    action,
    entityType: 'qr_sign_in',
    entityId: row.id,
    detail: { channel: row.channel, ...(row.deviceLabel ? { device: row.deviceLabel } : {}), ...extra },
  });
}

/** Requests a day past their expiry are of no use to anyone. */
export async function purgeOldQrSignIns(db: Executor, now = new Date()): Promise<void> {
  await db.delete(qrSignInRequests).where(lt(qrSignInRequests.expiresAt, new Date(now.getTime() - 24 * 3600_000)));
}
