import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/uuid.js';
import type { Actor } from '../identity/service.js';
import { canReadMaterials } from './policy.js';
import { caseMaterials, cases, uploads } from './schema.js';
import { sniffFileType } from './sniff.js';

export async function storeUpload(db: Db, actor: Actor, file: { fileName: string; bytes: Buffer }, maxBytes: number) {
  if (file.bytes.length === 0) throw new DomainError('UPLOAD_MISSING');
  if (file.bytes.length > maxBytes) throw new DomainError('UPLOAD_TOO_LARGE', { maxMb: Math.round(maxBytes / 1048576) });
  const type = sniffFileType(file.bytes);
  if (!type) throw new DomainError('UPLOAD_TYPE');
  const fileName = file.fileName.replace(/[\u0000-\u001f\\/]/g, '_').slice(0, 200) || `upload.${type.ext}`;
  const row = {
    id: uuidv7(),
    ownerAccountId: actor.accountId,
    fileName,
    mime: type.mime,
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    content: file.bytes,
  };
  await db.insert(uploads).values(row);
  return { id: row.id, fileName, mime: row.mime, size: row.size, sha256: row.sha256 };
}

/** Uploads the actor owns, for attaching to a case. Someone else's upload id looks unknown. */
export async function ownUploads(db: Executor, actor: Actor, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; mime: string }>();
  const rows = await db
    .select({ id: uploads.id, mime: uploads.mime })
    .from(uploads)
    .where(and(inArray(uploads.id, ids), eq(uploads.ownerAccountId, actor.accountId)));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function readMaterial(db: Executor, actor: Actor, materialId: string) {
  const [row] = await db
    .select({
      fileName: uploads.fileName,
      mime: uploads.mime,
      content: uploads.content,
      sha256: uploads.sha256,
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
  if (!row || !canReadMaterials(actor, row)) throw new DomainError('NOT_FOUND');
  return row;
}
