import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/uuid.js';
import { readVerified, sha256Hex, type FileStores } from '../files/index.js';
import type { Actor } from '../identity/index.js';
import { neutraliseFileName } from './fileName.js';
import { canReadMaterials, uploadQuotaCountsAttached } from './policy.js';
import { loadTasks } from './flow/tasks.js';
import { caseMaterials, cases, uploads } from './tables.js';
import { sniffFileType } from './sniff.js';

/** The limits on what one account may upload (configuration: UPLOAD_*). */
export type UploadLimits = {
  maxBytes: number;
  quotaBytes: number;
  quotaWindowHours: number;
  rateMax: number;
  rateWindowSeconds: number;
  purgeGraceHours: number;
};

/** Where an upload's content lives in its store. */
export const uploadKey = (uploadId: string) => `uploads/${uploadId}`;

const mb = (bytes: number) => Number((bytes / 1048576).toFixed(2));

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * Counts one upload attempt in the account's fixed window (one row per account, in the database,
 * so every instance sees the same count) and refuses past the limit. Runs before the body is read.
 */
async function countAttempt(db: Executor, actor: Actor, limits: UploadLimits) {
  const secs = limits.rateWindowSeconds;
  const [row] = rowsOf<{ count: number; retry: number }>(
    await db.execute(sql`
      INSERT INTO upload_rate_windows AS w (account_id, window_start, count) VALUES (${actor.accountId}, now(), 1)
      ON CONFLICT (account_id) DO UPDATE SET
        window_start = CASE WHEN w.window_start <= now() - make_interval(secs => ${secs}) THEN now() ELSE w.window_start END,
        count = CASE WHEN w.window_start <= now() - make_interval(secs => ${secs}) THEN 1 ELSE w.count + 1 END
      RETURNING count, ceil(extract(epoch FROM w.window_start + make_interval(secs => ${secs}) - now()))::int AS retry`),
  );
  if (row!.count > limits.rateMax) throw new DomainError('UPLOAD_RATE_LIMITED', { seconds: Math.max(1, row!.retry) });
}

/** Bytes the account holds against its quota: uploads not on any case, and (for applicants) every recent one. */
async function heldBytes(db: Executor, actor: Actor, limits: UploadLimits): Promise<number> {
  const recent = uploadQuotaCountsAttached(actor)
    ? sql`u.created_at > now() - make_interval(secs => ${Math.round(limits.quotaWindowHours * 3600)}) OR`
    : sql``;
  const [row] = rowsOf<{ held: number | string }>(
    await db.execute(sql`
      SELECT coalesce(sum(u.size), 0)::bigint AS held FROM uploads u
      WHERE u.owner_account_id = ${actor.accountId}
        AND (${recent} NOT EXISTS (SELECT 1 FROM upload_claims k WHERE k.upload_id = u.id))`),
  );
  return Number(row!.held);
}

function quotaError(limits: UploadLimits) {
  return new DomainError('UPLOAD_QUOTA', { quotaMb: mb(limits.quotaBytes), hours: limits.quotaWindowHours, graceHours: limits.purgeGraceHours });
}

/**
 * Before reading an upload's body: the account is within its rate and has room left. The attempt
 * is counted outside the request's transaction on purpose (a refused attempt still counts).
 */
export async function admitUpload(db: Db, actor: Actor, limits: UploadLimits) {
  await countAttempt(db, actor, limits);
  if ((await heldBytes(db, actor, limits)) >= limits.quotaBytes) throw quotaError(limits);
}

/** Stores the content and its row in the caller's transaction (the database store writes in it too). */
export async function storeUpload(tx: Tx, files: FileStores, actor: Actor, file: { fileName: string | undefined; bytes: Buffer }, limits: UploadLimits) {
  if (file.bytes.length === 0) throw new DomainError('UPLOAD_MISSING');
  if (file.bytes.length > limits.maxBytes) throw new DomainError('UPLOAD_TOO_LARGE', { maxMb: Math.round(limits.maxBytes / 1048576) });
  const type = sniffFileType(file.bytes);
  if (!type) throw new DomainError('UPLOAD_TYPE');
  const store = files.writer;
  const row = {
    id: uuidv7(),
    ownerAccountId: actor.accountId,
    fileName: neutraliseFileName(file.fileName, `upload.${type.ext}`),
    mime: type.mime,
    size: file.bytes.length,
    sha256: sha256Hex(file.bytes),
    storage: store.kind,
  };
  // The account's counter row (locked by this no-op upsert) serialises its uploads, so two at
  // once cannot both fit the last room — on one instance or several.
  await tx.execute(sql`
    INSERT INTO upload_rate_windows AS w (account_id, window_start, count) VALUES (${actor.accountId}, now(), 0)
    ON CONFLICT (account_id) DO UPDATE SET count = w.count`);
  if ((await heldBytes(tx, actor, limits)) + row.size > limits.quotaBytes) throw quotaError(limits);
  await store.put(uploadKey(row.id), file.bytes, tx);
  await tx.insert(uploads).values(row);
  return { id: row.id, fileName: row.fileName, mime: row.mime, size: row.size, sha256: row.sha256 };
}

/** Uploads the actor owns, for attaching to a case. Someone else's upload id looks unknown. */
export async function ownUploads(db: Executor, actor: Actor, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; mime: string; size: number }>();
  const rows = await db
    .select({ id: uploads.id, mime: uploads.mime, size: uploads.size })
    .from(uploads)
    .where(and(inArray(uploads.id, ids), eq(uploads.ownerAccountId, actor.accountId)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** A material's file for a reader allowed to see it, its content checked against the recorded SHA-256. */
export async function readMaterial(db: Executor, files: FileStores, actor: Actor, materialId: string) {
  const [row] = await db
    .select({
      uploadId: uploads.id,
      fileName: uploads.fileName,
      mime: uploads.mime,
      sha256: uploads.sha256,
      storage: uploads.storage,
      caseId: cases.id,
      caseNo: cases.caseNo,
      applicantAccountId: cases.applicantAccountId,
      departmentId: cases.departmentId,
      status: cases.status,
    })
    .from(caseMaterials)
    .innerJoin(uploads, eq(uploads.id, caseMaterials.uploadId))
    .innerJoin(cases, eq(cases.id, caseMaterials.caseId))
    .where(eq(caseMaterials.id, materialId))
    .limit(1);
  if (!row || !canReadMaterials(actor, { ...row, tasks: await loadTasks(db, row.caseId) })) throw new DomainError('NOT_FOUND');
  // A FileIntegrityError goes up as it is: the route logs which file failed, then answers FILE_INTEGRITY.
  const content = await readVerified(files.reader(row.storage), uploadKey(row.uploadId), row.sha256, db);
  return { ...row, content };
}

/**
 * Deletes uploads older than `olderThan` that no case and no draft uses, oldest first, in batches. A row an
 * attaching submission holds (its foreign-key check locks it) is skipped and looked at next time;
 * content in the database store goes in the same transaction, content elsewhere right after it.
 */
export async function purgeUnattachedUploads(
  db: Db,
  files: FileStores,
  opts: { olderThan: Date; batch?: number; onContentLeft?: (key: string, err: unknown) => void },
): Promise<number> {
  const batch = opts.batch ?? 500;
  let total = 0;
  for (;;) {
    const gone = await db.transaction(async (tx: Tx) => {
      const rows = rowsOf<{ id: string; storage: (typeof uploads.$inferSelect)['storage'] }>(
        await tx.execute(sql`
          SELECT u.id, u.storage FROM uploads u
          WHERE u.created_at < ${opts.olderThan.toISOString()}
            AND NOT EXISTS (SELECT 1 FROM upload_claims k WHERE k.upload_id = u.id)
            AND NOT EXISTS (SELECT 1 FROM case_draft_uploads d WHERE d.upload_id = u.id)
          ORDER BY u.created_at
          LIMIT ${batch}
          FOR UPDATE OF u SKIP LOCKED`),
      );
      if (rows.length === 0) return rows;
      await tx.delete(uploads).where(inArray(uploads.id, rows.map((r) => r.id)));
      for (const r of rows) if (r.storage === 'db') await files.reader('db').delete(uploadKey(r.id), tx);
      return rows;
    });
    // The rows are gone: content that fails to go now is unreferenced (never served), reported, not retried.
    for (const r of gone) {
      if (r.storage === 'db') continue;
      try {
        await files.reader(r.storage).delete(uploadKey(r.id));
      } catch (err) {
        opts.onContentLeft?.(uploadKey(r.id), err);
      }
    }
    total += gone.length;
    if (gone.length < batch) return total;
  }
}

/** Counter rows whose window ended a day ago carry no information any more. */
export async function purgeUploadRateWindows(db: Db, rateWindowSeconds: number) {
  await db.execute(sql`DELETE FROM upload_rate_windows WHERE window_start < now() - make_interval(secs => ${rateWindowSeconds}) - interval '1 day'`);
}
