import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/client.js';
import type { LocalText } from '../../db/types.js';
import { shanghaiDate } from '../../lib/calendar.js';
import { DomainError } from '../../lib/errors.js';
import { makeLicenceIdentifier } from '../../lib/licenceIdentifier.js';
import { maskIdNumber, maskName } from '../../lib/mask.js';
import { PAGE_DEFAULT, toPage, type PageRequest } from '../../lib/page.js';
import { isCurrent } from '../../lib/pii.js';
import { installedKeyring, open, seal } from '../../lib/secretbox.js';
import { sign, verify, type SigningAlg } from '../../lib/signing.js';
import { uuidv7 } from '../../lib/uuid.js';
import { getDepartment } from '../identity/index.js';
import { appendAudit } from '../supervision/index.js';
import { licenceTypes, licences, signingKeys } from './tables.js';

export async function licenceTypeName(db: Executor, code: string): Promise<LocalText | null> {
  const [t] = await db.select({ name: licenceTypes.name }).from(licenceTypes).where(eq(licenceTypes.code, code)).limit(1);
  return t?.name ?? null;
}

/** The exact bytes an issuer signs; rebuilt from the stored columns at verification so any edit breaks it. */
export function licencePayload(l: {
  identifier: string;
  typeCode: string;
  issuerCreditCode: string;
  holderName: string;
  holderIdNumber: string;
  face: Record<string, string>;
  issuedAt: Date;
  validFrom: string;
  validUntil: string | null;
}): string {
  const face = Object.fromEntries(Object.entries(l.face).sort(([a], [b]) => (a < b ? -1 : 1)));
  return JSON.stringify([
    'yiwang-licence-v1',
    l.identifier,
    l.typeCode,
    l.issuerCreditCode,
    l.holderName,
    l.holderIdNumber,
    face,
    l.issuedAt.toISOString(),
    l.validFrom,
    l.validUntil,
  ]);
}

/** `date` plus whole years, as YYYY-MM-DD; 29 February falls back to the 28th. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
}

export type FaceSources = {
  applicant: { name: string; idNumber: string };
  form: Record<string, unknown>;
  caseNo: string;
  issuerName: string;
};

/**
 * Personal identifiers on a certificate (the holder's ID number, wherever it appears: its column,
 * face fields filled from it, the stored signed bytes) are sealed at rest, bound to the licence
 * and field. Rows written before sealing are read as they are; `resealLicences` converts them.
 */
const licenceAad = (licenceId: string, field: string) => `licence:${licenceId}:${field}`;
const isSealed = (v: string) => v.startsWith('sb1.');
function sealLicenceField(licenceId: string, field: string, value: string, keyring = installedKeyring()): string {
  return seal(keyring, value, licenceAad(licenceId, field));
}
function openLicenceField(licenceId: string, field: string, value: string, keyring = installedKeyring()): string {
  return isSealed(value) ? open(keyring, value, licenceAad(licenceId, field)) : value;
}
function openFace(licenceId: string, face: Record<string, string>, keyring = installedKeyring()): Record<string, string> {
  return Object.fromEntries(Object.entries(face).map(([k, v]) => [k, openLicenceField(licenceId, `face:${k}`, v, keyring)]));
}
/** What a licence row holds readable at rest: identifiers sealed, the rest as is. */
function sealedLicenceColumns(id: string, l: { holderIdNumber: string; face: Record<string, string>; signedPayload: string }, sensitiveFaceKeys: Set<string>, keyring = installedKeyring()) {
  return {
    holderIdNumber: sealLicenceField(id, 'holder_id_number', l.holderIdNumber, keyring),
    face: Object.fromEntries(Object.entries(l.face).map(([k, v]) => [k, sensitiveFaceKeys.has(k) && v ? sealLicenceField(id, `face:${k}`, v, keyring) : v])),
    signedPayload: sealLicenceField(id, 'signed_payload', l.signedPayload, keyring),
  };
}

/** The signed bytes of a licence as issued (opened if sealed). */
export function licenceSignedPayload(licenceId: string, stored: string): string {
  return openLicenceField(licenceId, 'signed_payload', stored);
}

function faceValue(source: string, s: FaceSources): string {
  const [scope, key] = source.split('.', 2) as [string, string | undefined];
  if (scope === 'applicant' && key === 'name') return s.applicant.name;
  if (scope === 'applicant' && key === 'idNumber') return s.applicant.idNumber;
  if (scope === 'form' && key) return String(s.form[key] ?? '');
  if (scope === 'case' && key === 'caseNo') return s.caseNo;
  if (scope === 'issuer' && key === 'name') return s.issuerName;
  return '';
}

/** Issues and signs a licence inside the caller's transaction (the case completion). */
export async function issueLicence(
  tx: Tx,
  input: {
    typeCode: string;
    caseId: string;
    holderAccountId: string;
    issuerDepartmentId: string;
    actorAccountId: string;
    sources: Omit<FaceSources, 'issuerName'>;
  },
): Promise<{ id: string; identifier: string }> {
  const [type] = await tx.select().from(licenceTypes).where(eq(licenceTypes.code, input.typeCode)).limit(1);
  const issuer = await getDepartment(tx, input.issuerDepartmentId);
  const [key] = await tx
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.departmentId, input.issuerDepartmentId), eq(signingKeys.active, true)))
    .orderBy(desc(signingKeys.createdAt))
    .limit(1);
  if (!type || !issuer || !key) throw new Error(`licence type ${input.typeCode} or issuer key not configured`);

  const now = new Date();
  const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const today = shanghaiDate(issuedAt);
  const seq = await tx.execute(sql`SELECT nextval('licence_serial_seq')::int AS n`);
  const serial = `${today.slice(0, 4)}${String(((seq as unknown as { rows: { n: number }[] }).rows[0]!).n).padStart(7, '0')}`;
  const identifier = makeLicenceIdentifier({ typeCode: type.code, issuerCreditCode: issuer.creditCode, serial, version: 1 });
  const sources: FaceSources = { ...input.sources, issuerName: issuer.name.zh };
  const face = Object.fromEntries(type.faceFields.map((f) => [f.key, faceValue(f.source, sources)]));
  const validUntil = type.validityYears ? addYears(today, type.validityYears) : null;
  const payload = licencePayload({
    identifier,
    typeCode: type.code,
    issuerCreditCode: issuer.creditCode,
    holderName: sources.applicant.name,
    holderIdNumber: sources.applicant.idNumber,
    face,
    issuedAt,
    validFrom: today,
    validUntil,
  });
  const id = uuidv7();
  const sensitive = new Set(type.faceFields.filter((f) => f.source === 'applicant.idNumber').map((f) => f.key));
  await tx.insert(licences).values({
    id,
    identifier,
    verifyCode: randomBytes(16).toString('base64url'),
    typeId: type.id,
    caseId: input.caseId,
    holderAccountId: input.holderAccountId,
    holderName: sources.applicant.name,
    ...sealedLicenceColumns(id, { holderIdNumber: sources.applicant.idNumber, face, signedPayload: payload }, sensitive),
    issuerDepartmentId: issuer.id,
    issuerName: issuer.name,
    issuerCreditCode: issuer.creditCode,
    issuedAt,
    validFrom: today,
    validUntil,
    keyId: key.id,
    signature: sign(key.alg, open(installedKeyring(), key.privateKey, `signing-key:${key.id}`), Buffer.from(payload)),
  });
  await appendAudit(tx, {
    actorAccountId: input.actorAccountId,
    action: 'licence.issue',
    entityType: 'licence',
    entityId: id,
    detail: { identifier, caseId: input.caseId, alg: key.alg },
  });
  return { id, identifier };
}

/**
 * Exactly what verification reads: the licence row with its type, in one query, fresh on every
 * call (several instances serve one platform): the status changes (revocation) and a type's
 * name may be corrected. Only data that never changes is remembered in the process: the public
 * part of a signing key (below) and the outcome of a signature check (verifyCached).
 */
const verifyColumns = {
  id: licences.id,
  identifier: licences.identifier,
  keyId: licences.keyId,
  holderName: licences.holderName,
  holderIdNumber: licences.holderIdNumber,
  issuerName: licences.issuerName,
  issuerCreditCode: licences.issuerCreditCode,
  face: licences.face,
  issuedAt: licences.issuedAt,
  validFrom: licences.validFrom,
  validUntil: licences.validUntil,
  status: licences.status,
  signature: licences.signature,
  typeCode: licenceTypes.code,
  typeName: licenceTypes.name,
};

/**
 * A signing key's algorithm and public key, by key id. Immutable: a key row's public part is
 * written once (rotation adds a new row; re-keying re-seals only the private key), so every
 * instance may keep it; a missing row is not remembered.
 */
const publicKeys = new Map<string, { alg: SigningAlg; publicKey: string }>();
const PUBLIC_KEYS_MAX = 10_000;
async function publicKeyById(db: Executor, id: string) {
  const hit = publicKeys.get(id);
  if (hit) return hit;
  const [row] = await db.select({ alg: signingKeys.alg, publicKey: signingKeys.publicKey }).from(signingKeys).where(eq(signingKeys.id, id)).limit(1);
  if (!row) return null;
  if (publicKeys.size >= PUBLIC_KEYS_MAX) publicKeys.clear();
  publicKeys.set(id, row);
  return row;
}

const verifyQuery = (db: Executor) => db.select(verifyColumns).from(licences).innerJoin(licenceTypes, eq(licenceTypes.id, licences.typeId));

// The public endpoint's one query, prepared once per database handle (a statement, not data).
const preparedLookup = new WeakMap<object, ReturnType<typeof prepareLookup>>();
function prepareLookup(db: Db) {
  return verifyQuery(db).where(eq(licences.verifyCode, sql.placeholder('code'))).limit(1).prepare('licence_by_verify_code');
}

async function licenceByVerifyCode(db: Executor, code: string) {
  if (!('$client' in db)) {
    const [row] = await verifyQuery(db).where(eq(licences.verifyCode, code)).limit(1);
    return row;
  }
  let q = preparedLookup.get(db);
  if (!q) preparedLookup.set(db, (q = prepareLookup(db as Db)));
  const [row] = await q.execute({ code });
  return row;
}

/** Holder-facing columns (wallet): the face data and its labels, without the signing key. */
const walletColumns = {
  id: licences.id,
  verifyCode: licences.verifyCode,
  identifier: licences.identifier,
  holderName: licences.holderName,
  holderIdNumber: licences.holderIdNumber,
  issuerName: licences.issuerName,
  face: licences.face,
  issuedAt: licences.issuedAt,
  validFrom: licences.validFrom,
  validUntil: licences.validUntil,
  status: licences.status,
  typeName: licenceTypes.name,
  faceFields: licenceTypes.faceFields,
  alg: signingKeys.alg,
};

// Verifying a signature costs far more than a lookup (SM2 in JS: ~4 ms). A verified
// (key, payload, signature) triple stays verified, so remember the outcome by its hash: the
// key is the content itself, immutable, so no instance can hold a stale answer (a changed row
// is a different triple). Revocation and expiry are read fresh on every call, never cached.
const verifiedCache = new Map<string, boolean>();
const VERIFIED_CACHE_MAX = 50_000;

function verifyCached(alg: SigningAlg, publicKey: string, payload: string, signature: string): boolean {
  const k = createHash('sha256').update(publicKey).update('\0').update(payload).update('\0').update(signature).digest('base64');
  const hit = verifiedCache.get(k);
  if (hit !== undefined) return hit;
  const ok = verify(alg, publicKey, Buffer.from(payload), signature);
  if (verifiedCache.size >= VERIFIED_CACHE_MAX) verifiedCache.clear();
  verifiedCache.set(k, ok);
  return ok;
}

export type VerifyResult =
  | { valid: true; licence: VerifiedLicence }
  | { valid: false; reason: 'unknown' | 'revoked' | 'signature' | 'expired'; licence?: VerifiedLicence };

export type VerifiedLicence = {
  identifier: string;
  typeName: LocalText;
  holderName: string;
  holderId: string;
  issuerName: LocalText;
  issuedAt: string;
  validFrom: string;
  validUntil: string | null;
  status: 'valid' | 'revoked';
  alg: SigningAlg;
};

/** Public verification by the QR code: checks signature, status and validity; shows only a masked summary. */
export async function verifyByCode(db: Executor, code: string, opts: { cache?: boolean } = {}): Promise<VerifyResult> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(code)) return { valid: false, reason: 'unknown' };
  const l = await licenceByVerifyCode(db, code);
  if (!l) return { valid: false, reason: 'unknown' };
  const key = await publicKeyById(db, l.keyId);
  if (!key) return { valid: false, reason: 'signature' };
  const holderIdNumber = openLicenceField(l.id, 'holder_id_number', l.holderIdNumber);
  const payload = licencePayload({ ...l, holderIdNumber, face: openFace(l.id, l.face) });
  const ok = opts.cache === false ? verify(key.alg, key.publicKey, Buffer.from(payload), l.signature) : verifyCached(key.alg, key.publicKey, payload, l.signature);
  if (!ok) return { valid: false, reason: 'signature' };
  const summary: VerifiedLicence = {
    identifier: l.identifier,
    typeName: l.typeName,
    holderName: maskName(l.holderName),
    holderId: maskIdNumber(holderIdNumber),
    issuerName: l.issuerName,
    issuedAt: l.issuedAt.toISOString(),
    validFrom: l.validFrom,
    validUntil: l.validUntil,
    status: l.status,
    alg: key.alg,
  };
  if (l.status === 'revoked') return { valid: false, reason: 'revoked', licence: summary };
  if (l.validUntil && l.validUntil < shanghaiDate(new Date())) return { valid: false, reason: 'expired', licence: summary };
  return { valid: true, licence: summary };
}

type WalletRow = { id: string; holderIdNumber: string; face: Record<string, string> };
function openWalletRow<T extends WalletRow>(row: T): T {
  return { ...row, holderIdNumber: openLicenceField(row.id, 'holder_id_number', row.holderIdNumber), face: openFace(row.id, row.face) };
}

/**
 * One page of the holder's own licences, newest first: the holder id comes from the session, never
 * from the client. Keyset-paged on (issued_at, id) over licences_holder_issued_idx, so a holder with
 * ten thousand certificates costs the same per page as one with ten.
 */
export async function listLicencesOfHolder(db: Executor, holderAccountId: string, page: PageRequest = { limit: PAGE_DEFAULT }) {
  const after = page.cursor ? sql`(${licences.issuedAt}, ${licences.id}) < (${page.cursor.at}::timestamptz, ${page.cursor.id}::uuid)` : undefined;
  const rows = await db
    .select({ ...walletColumns, sortAt: sql<string>`${licences.issuedAt}::text` })
    .from(licences)
    .innerJoin(licenceTypes, eq(licenceTypes.id, licences.typeId))
    .innerJoin(signingKeys, eq(signingKeys.id, licences.keyId))
    .where(and(eq(licences.holderAccountId, holderAccountId), after))
    .orderBy(desc(licences.issuedAt), desc(licences.id))
    .limit(page.limit + 1);
  const cut = toPage(rows, page.limit, (r) => ({ at: r.sortAt, id: r.id }));
  return { rows: cut.rows.map(({ sortAt: _, ...r }) => openWalletRow(r)), nextCursor: cut.nextCursor };
}

export async function getLicenceOfHolder(db: Executor, holderAccountId: string, licenceId: string) {
  const [row] = await db
    .select(walletColumns)
    .from(licences)
    .innerJoin(licenceTypes, eq(licenceTypes.id, licences.typeId))
    .innerJoin(signingKeys, eq(signingKeys.id, licences.keyId))
    .where(and(eq(licences.id, licenceId), eq(licences.holderAccountId, holderAccountId)))
    .limit(1);
  return row ? openWalletRow(row) : null;
}

/**
 * Seals certificates' identifiers written readable by an older release, and re-seals those
 * under an older master key (after MASTER_KEYS rotation).
 */
export async function resealLicences(db: Db): Promise<{ resealed: number }> {
  const keyring = installedKeyring();
  const current = (v: string) => isSealed(v) && isCurrent(v, keyring);
  const rows = await db
    .select({ id: licences.id, holderIdNumber: licences.holderIdNumber, face: licences.face, signedPayload: licences.signedPayload, faceFields: licenceTypes.faceFields })
    .from(licences)
    .innerJoin(licenceTypes, eq(licenceTypes.id, licences.typeId));
  const stale = rows.filter((r) => !current(r.holderIdNumber) || !current(r.signedPayload));
  if (stale.length === 0) return { resealed: 0 };
  await db.transaction(async (tx) => {
    for (const r of stale) {
      const sensitive = new Set(r.faceFields.filter((f) => f.source === 'applicant.idNumber').map((f) => f.key));
      const plain = {
        holderIdNumber: openLicenceField(r.id, 'holder_id_number', r.holderIdNumber, keyring),
        face: openFace(r.id, r.face, keyring),
        signedPayload: openLicenceField(r.id, 'signed_payload', r.signedPayload, keyring),
      };
      await tx.update(licences).set(sealedLicenceColumns(r.id, plain, sensitive, keyring)).where(eq(licences.id, r.id));
    }
    await appendAudit(tx, { actorAccountId: null, action: 'licences.resealed', entityType: 'licences', entityId: '*', detail: { rows: stale.length, keyId: keyring.currentId } });
  });
  return { resealed: stale.length };
}

export async function licenceIdForCase(db: Executor, caseId: string) {
  const [row] = await db.select({ id: licences.id, identifier: licences.identifier }).from(licences).where(eq(licences.caseId, caseId)).limit(1);
  return row ?? null;
}

/** Stores an issuer key; the private half is sealed under the master key, never stored in the clear. */
/** Re-seals issuers' private keys still sealed under an older master key (after MASTER_KEYS rotation). */
export async function resealSigningKeys(db: Db): Promise<{ resealed: number }> {
  const keyring = installedKeyring();
  const rows = await db.select({ id: signingKeys.id, privateKey: signingKeys.privateKey }).from(signingKeys);
  const stale = rows.filter((r) => !isCurrent(r.privateKey, keyring));
  if (stale.length === 0) return { resealed: 0 };
  await db.transaction(async (tx) => {
    for (const r of stale) {
      const aad = `signing-key:${r.id}`;
      await tx.update(signingKeys).set({ privateKey: seal(keyring, open(keyring, r.privateKey, aad), aad) }).where(eq(signingKeys.id, r.id));
    }
    await appendAudit(tx, { actorAccountId: null, action: 'signing_keys.resealed', entityType: 'signing_keys', entityId: '*', detail: { rows: stale.length, keyId: keyring.currentId } });
  });
  return { resealed: stale.length };
}

export async function createSigningKey(db: Executor, departmentId: string, alg: SigningAlg, keyPair: { publicKey: string; privateKey: string }) {
  const id = uuidv7();
  const privateKey = seal(installedKeyring(), keyPair.privateKey, `signing-key:${id}`);
  await db.insert(signingKeys).values({ id, departmentId, alg, publicKey: keyPair.publicKey, privateKey });
  return id;
}
