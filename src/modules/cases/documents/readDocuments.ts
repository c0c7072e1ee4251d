import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../lib/errors.js';
import type { Actor } from '../../identity/index.js';
import { verifyDepartmentSignature } from '../../licences/index.js';
import { canReadCaseDocuments } from '../policy.js';
import { cases } from '../tables.js';
import type { DocumentContent } from './content.js';
import { documentTitles } from './content.js';
import { sealImage } from './letterhead.js';
import { documentPayload, sha256Hex } from './payload.js';
import { renderDocumentPdf } from './render.js';
import { caseDocuments, type CaseDocumentKind } from './tables.js';

async function caseRef(db: Executor, caseId: string) {
  const [c] = await db.select({ applicantAccountId: cases.applicantAccountId, departmentId: cases.departmentId, status: cases.status }).from(cases).where(eq(cases.id, caseId)).limit(1);
  return c ?? null;
}

/** The documents a case has issued, oldest first; not found for anyone who may not read them. */
export async function listCaseDocuments(db: Executor, actor: Actor, caseId: string) {
  const c = await caseRef(db, caseId);
  if (!c || !canReadCaseDocuments(actor, c)) throw new DomainError('NOT_FOUND');
  const rows = await db
    .select({ id: caseDocuments.id, kind: caseDocuments.kind, documentNumber: caseDocuments.documentNumber, issuedAt: caseDocuments.issuedAt, verifyCode: caseDocuments.verifyCode, pdfSha256: caseDocuments.pdfSha256 })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, caseId))
    .orderBy(asc(caseDocuments.issuedAt), asc(caseDocuments.id));
  return rows.map((r) => ({ ...r, title: documentTitles[r.kind] }));
}

/**
 * The PDF of one document, rendered from its record. A file that no longer hashes to the one issued
 * (the record edited, or a renderer that draws differently) is refused rather than served as it.
 */
export async function readCaseDocumentPdf(db: Executor, actor: Actor, documentId: string): Promise<{ fileName: string; pdf: Buffer; sha256: string }> {
  const [d] = await db.select().from(caseDocuments).where(eq(caseDocuments.id, documentId)).limit(1);
  const c = d ? await caseRef(db, d.caseId) : null;
  if (!d || !c || !canReadCaseDocuments(actor, c)) throw new DomainError('NOT_FOUND');
  const content = JSON.parse(d.content) as DocumentContent;
  const pdf = await renderDocumentPdf(content, d.issuedAt, await sealImage(db, content.sealSha256));
  const sha256 = sha256Hex(pdf);
  if (sha256 !== d.pdfSha256) throw new DomainError('FILE_INTEGRITY');
  return { fileName: `${content.title}-${d.documentNumber}.pdf`, pdf, sha256 };
}

export type DocumentVerification = {
  valid: boolean;
  /** Why not: `unknown` code, `unsigned` (the department had no key), `signature` (the record does not match what was signed). */
  reason: 'unknown' | 'unsigned' | 'signature' | null;
  document: { kind: CaseDocumentKind; title: string; documentNumber: string; department: string; issuedOn: string; caseNo: string; pdfSha256: string } | null;
};

/** Public check by the QR code: the signature over the record, and a summary without personal data. */
export async function verifyCaseDocument(db: Executor, code: string): Promise<DocumentVerification> {
  const [d] = await db.select().from(caseDocuments).where(eq(caseDocuments.verifyCode, code)).limit(1);
  if (!d) return { valid: false, reason: 'unknown', document: null };
  let content: Partial<DocumentContent> = {};
  try {
    content = JSON.parse(d.content) as DocumentContent;
  } catch {
    content = {};
  }
  const document = {
    kind: d.kind,
    title: documentTitles[d.kind] ?? content.title ?? '',
    documentNumber: d.documentNumber,
    department: content.department?.name ?? '',
    issuedOn: content.issuedOn ?? '',
    caseNo: content.caseNo ?? '',
    pdfSha256: d.pdfSha256,
  };
  if (!d.keyId || !d.signature) return { valid: false, reason: 'unsigned', document };
  const ok = await verifyDepartmentSignature(db, d.keyId, documentPayload(d), d.signature);
  // The signature covers the content text; its number and code must also be the record's own.
  const consistent = content.number === d.documentNumber && content.verifyCode === d.verifyCode && content.kind === d.kind;
  return ok && consistent ? { valid: true, reason: null, document } : { valid: false, reason: 'signature', document };
}
