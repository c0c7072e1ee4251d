import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport as AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { and, asc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../../../db/client.js';
import { DomainError, isUniqueViolation, notFound } from '../../../../lib/errors.js';
import { maskIdNumber } from '../../../../lib/mask.js';
import { uuidv7 } from '../../../../lib/uuid.js';
import { raiseLevelForPasskey } from '../../assurance.js';
import {
  assertSignInAllowed,
  clearSignInFailures,
  loadActor,
  personIdentity,
  recordSignInFailure,
  signInKey,
  type Actor,
  type SignInMethod,
} from '../../service.js';
import { closeSecondFactor, openSecondFactor } from '../otp/service.js';
import { appendAudit } from '../../../supervision/index.js';
import { assertActingAsSelf, needsSecondFactor } from '../../policy.js';
import { passkeys, webauthnChallenges, type WebauthnPurpose } from './tables.js';

export const CHALLENGE_TTL_SECONDS = 300;
const RP_NAME = '一网 Yiwang';

/** Who the passkeys are for: the RP ID (a host name) and the one origin allowed to answer. */
export type RelyingParty = { id: string; origin: string };

/**
 * The relying party from the server's public origin (PUBLIC_URL, or in development the address
 * it listens on). Browsers refuse IP addresses as RP IDs, so a loopback address becomes
 * `localhost` (open the development server as http://localhost:PORT to use passkeys). The
 * request's Host header is never used: it is the client's to choose.
 */
export function relyingPartyFor(publicOrigin: string): RelyingParty {
  const url = new URL(publicOrigin);
  if (url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === '0.0.0.0') url.hostname = 'localhost';
  return { id: url.hostname, origin: url.origin };
}

type Clock = { now?: Date };

/** Stores the challenge of a ceremony; old rows are swept on the way. */
async function saveChallenge(
  tx: Tx,
  input: { purpose: WebauthnPurpose; challenge: string; accountId: string | null; secondFactorOf?: string; now: Date },
): Promise<string> {
  const id = uuidv7();
  await tx.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, new Date(input.now.getTime() - 3600_000)));
  await tx.insert(webauthnChallenges).values({
    id,
    purpose: input.purpose,
    challenge: input.challenge,
    accountId: input.accountId,
    secondFactorOf: input.secondFactorOf ?? null,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + CHALLENGE_TTL_SECONDS * 1000),
  });
  return id;
}

/**
 * Takes a challenge for one answer: live, of this purpose, and consumed before the answer is even
 * checked, so a challenge never serves twice (also under a race: one request flips consumed_at).
 */
async function takeChallenge(db: Db, id: string, purpose: WebauthnPurpose, now: Date) {
  const [row] = await db
    .update(webauthnChallenges)
    .set({ consumedAt: now })
    .where(and(eq(webauthnChallenges.id, id), eq(webauthnChallenges.purpose, purpose), isNull(webauthnChallenges.consumedAt), gt(webauthnChallenges.expiresAt, now)))
    .returning();
  if (!row) throw new DomainError('PASSKEY_CHALLENGE_EXPIRED');
  return row;
}

const uuidBytes = (id: string) => Uint8Array.from(Buffer.from(id.replace(/-/g, ''), 'hex'));

async function accountPasskeys(db: Executor, accountId: string) {
  return db.select().from(passkeys).where(eq(passkeys.accountId, accountId)).orderBy(asc(passkeys.createdAt));
}

/** Whether the account has at least one passkey (the staff login then offers it as second factor). */
export async function hasPasskey(db: Executor, accountId: string): Promise<boolean> {
  const [row] = await db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.accountId, accountId)).limit(1);
  return !!row;
}

/** Passkeys are one's own: never added, listed, renamed or removed while acting for someone else (policy.ts). */
const assertSelf = assertActingAsSelf;

/** Step 1 of adding a passkey: what the browser hands the authenticator. */
export async function registrationOptions(tx: Tx, rp: RelyingParty, actor: Actor, clock: Clock = {}) {
  assertSelf(actor);
  const now = clock.now ?? new Date();
  const person = await personIdentity(tx, actor.accountId);
  const existing = await accountPasskeys(tx, actor.accountId);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userID: uuidBytes(actor.accountId),
    // What the device's account picker shows: never a full ID number.
    userName: person?.idNumber ? maskIdNumber(person.idNumber) : (person?.creditCode ?? actor.name),
    userDisplayName: actor.name,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransportFuture[] })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  const challengeId = await saveChallenge(tx, { purpose: 'register', challenge: options.challenge, accountId: actor.accountId, now });
  return { challengeId, options: { ...options } };
}

export type PasskeyView = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };
const view = (p: typeof passkeys.$inferSelect): PasskeyView => ({ id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt });

/**
 * Step 2 of adding a passkey: checks the authenticator's answer and stores the credential. In the
 * same transaction: the audit event and, for an L2 account, the raise to L3.
 */
export async function completeRegistration(
  db: Db,
  rp: RelyingParty,
  actor: Actor,
  input: { challengeId: string; name: string; response: RegistrationResponseJSON },
  clock: Clock = {},
): Promise<{ passkey: PasskeyView; level: number }> {
  assertSelf(actor);
  const now = clock.now ?? new Date();
  const challenge = await takeChallenge(db, input.challengeId, 'register', now);
  if (challenge.accountId !== actor.accountId) throw new DomainError('PASSKEY_CHALLENGE_EXPIRED');
  let info;
  try {
    const result = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    info = result.verified ? result.registrationInfo : undefined;
  } catch {
    info = undefined;
  }
  if (!info) throw new DomainError('PASSKEY_REGISTRATION_FAILED');
  const id = uuidv7();
  const { credential } = info;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(passkeys)
        .values({
          id,
          accountId: actor.accountId,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey).toString('base64url'),
          counter: credential.counter,
          transports: credential.transports ?? [],
          name: input.name,
          createdAt: now,
        })
        .returning();
      await appendAudit(tx, { actorAccountId: actor.accountId, action: 'passkey.added', entityType: 'account', entityId: actor.accountId, detail: { passkeyId: id, name: input.name } });
      const level = await raiseLevelForPasskey(tx, actor.accountId);
      return { passkey: view(row!), level };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('PASSKEY_EXISTS');
    throw e;
  }
}

export async function listPasskeys(db: Executor, actor: Actor): Promise<PasskeyView[]> {
  assertSelf(actor);
  return (await accountPasskeys(db, actor.accountId)).map(view);
}

/** Renames one of the caller's passkeys; someone else's is not found. */
export async function renamePasskey(tx: Tx, actor: Actor, id: string, name: string): Promise<PasskeyView> {
  assertSelf(actor);
  const [row] = await tx.update(passkeys).set({ name }).where(and(eq(passkeys.id, id), eq(passkeys.accountId, actor.accountId))).returning();
  if (!row) throw notFound();
  await appendAudit(tx, { actorAccountId: actor.accountId, action: 'passkey.renamed', entityType: 'account', entityId: actor.accountId, detail: { passkeyId: id, name } });
  return view(row);
}

/**
 * Removes one of the caller's passkeys; someone else's is not found. The account's level stays:
 * it recorded who the person was shown to be, which removing a device does not undo.
 */
export async function removePasskey(tx: Tx, actor: Actor, id: string): Promise<void> {
  assertSelf(actor);
  const [row] = await tx.delete(passkeys).where(and(eq(passkeys.id, id), eq(passkeys.accountId, actor.accountId))).returning();
  if (!row) throw notFound();
  await appendAudit(tx, { actorAccountId: actor.accountId, action: 'passkey.removed', entityType: 'account', entityId: actor.accountId, detail: { passkeyId: id, name: row.name } });
}

/** Step 1 of signing in with a passkey: any passkey of this site (discoverable credentials). */
export async function signInOptions(tx: Tx, rp: RelyingParty, clock: Clock = {}) {
  const now = clock.now ?? new Date();
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'required', allowCredentials: [] });
  const challengeId = await saveChallenge(tx, { purpose: 'sign_in', challenge: options.challenge, accountId: null, now });
  return { challengeId, options: { ...options } };
}

/**
 * Checks an assertion against a stored passkey and moves its counter forward. A counter that does
 * not move forward (a cloned authenticator, or a replayed answer) is refused. Failures count
 * toward the sign-in name's lockout, like wrong passwords.
 */
async function verifyAssertion(
  db: Db,
  rp: RelyingParty,
  passkey: typeof passkeys.$inferSelect,
  challenge: string,
  response: AuthenticationResponseJSON,
  failure: { key: string; method: SignInMethod; now: Date },
): Promise<void> {
  let newCounter: number | null = null;
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: {
        id: passkey.credentialId,
        publicKey: Uint8Array.from(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        transports: passkey.transports as AuthenticatorTransportFuture[],
      },
    });
    if (result.verified) newCounter = result.authenticationInfo.newCounter;
  } catch {
    newCounter = null;
  }
  // The counter moves only forward, also when two answers race (both 0: the device keeps none).
  const moved =
    newCounter !== null &&
    (await db
      .update(passkeys)
      .set({ counter: newCounter, lastUsedAt: failure.now })
      .where(and(eq(passkeys.id, passkey.id), newCounter === 0 ? eq(passkeys.counter, 0) : lt(passkeys.counter, newCounter)))
      .returning({ id: passkeys.id }));
  if (!moved || moved.length !== 1) {
    await db.transaction((tx) => recordSignInFailure(tx, { key: failure.key, accountId: passkey.accountId, method: failure.method, now: failure.now }));
    throw new DomainError('PASSKEY_INVALID');
  }
}

async function passkeyOf(db: Executor, credentialId: string) {
  const [row] = await db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId)).limit(1);
  return row ?? null;
}

/** The sign-in name whose lockout a passkey sign-in shares: the ID number, credit code or phone. */
async function lockoutKey(db: Executor, accountId: string): Promise<string> {
  const who = await personIdentity(db, accountId);
  return signInKey(who?.idNumber ?? who?.creditCode ?? who?.phone ?? accountId);
}

/** The browser's answer to a sign-in ceremony, and the challenge it answers. */
type Assertion = { challengeId: string; response: AuthenticationResponseJSON };

/** Step 2 of signing in with a passkey; returns the account to start a session for. */
export async function completeSignIn(db: Db, rp: RelyingParty, input: Assertion, clock: Clock = {}): Promise<string> {
  const now = clock.now ?? new Date();
  const challenge = await takeChallenge(db, input.challengeId, 'sign_in', now);
  const passkey = await passkeyOf(db, input.response.id);
  // No account known: nothing to lock, the per-address rate limit applies.
  if (!passkey) throw new DomainError('PASSKEY_INVALID');
  const key = await lockoutKey(db, passkey.accountId);
  await assertSignInAllowed(db, key, now);
  await verifyAssertion(db, rp, passkey, challenge.challenge, input.response, { key, method: 'passkey', now });
  const actor = await loadActor(db, passkey.accountId);
  if (!actor) throw new DomainError('PASSKEY_INVALID');
  // Staff sign in with two steps: the password first, then the passkey.
  if (needsSecondFactor(actor.kind)) throw new DomainError('PASSKEY_STAFF_NEEDS_PASSWORD');
  await clearSignInFailures(db, key);
  return passkey.accountId;
}

/** A staff member's second step by passkey: options limited to their own passkeys. */
export async function secondFactorOptions(tx: Tx, rp: RelyingParty, otpChallengeId: string, clock: Clock = {}) {
  const now = clock.now ?? new Date();
  const open = await openSecondFactor(tx, otpChallengeId, now);
  if (!open) throw new DomainError('PASSKEY_CHALLENGE_EXPIRED');
  await assertSignInAllowed(tx, open.throttleKey, now);
  const mine = await accountPasskeys(tx, open.accountId);
  if (mine.length === 0) throw notFound();
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: 'required',
    allowCredentials: mine.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransportFuture[] })),
  });
  const challengeId = await saveChallenge(tx, { purpose: 'second_factor', challenge: options.challenge, accountId: open.accountId, secondFactorOf: otpChallengeId, now });
  return { challengeId, options: { ...options } };
}

/**
 * The second step answered with a passkey: it must be the staff member's own, and it closes the
 * password step's SMS challenge (the code can no longer be used). Returns the account id.
 */
export async function completeSecondFactorWithPasskey(db: Db, rp: RelyingParty, input: Assertion, clock: Clock = {}): Promise<string> {
  const now = clock.now ?? new Date();
  const challenge = await takeChallenge(db, input.challengeId, 'second_factor', now);
  const open = challenge.secondFactorOf ? await openSecondFactor(db, challenge.secondFactorOf, now) : null;
  if (!open || open.accountId !== challenge.accountId) throw new DomainError('PASSKEY_CHALLENGE_EXPIRED');
  await assertSignInAllowed(db, open.throttleKey, now);
  const passkey = await passkeyOf(db, input.response.id);
  if (!passkey || passkey.accountId !== open.accountId) {
    await db.transaction((tx) => recordSignInFailure(tx, { key: open.throttleKey, accountId: open.accountId, method: 'second_factor', now }));
    throw new DomainError('PASSKEY_INVALID');
  }
  await verifyAssertion(db, rp, passkey, challenge.challenge, input.response, { key: open.throttleKey, method: 'second_factor', now });
  if (!(await closeSecondFactor(db, challenge.secondFactorOf!, now))) throw new DomainError('PASSKEY_CHALLENGE_EXPIRED');
  await clearSignInFailures(db, open.throttleKey);
  return open.accountId;
}
