import { createHash, randomBytes } from 'node:crypto';

/**
 * The exact bytes a department signs for a document, rebuilt from the stored columns at
 * verification (so an edit of any of them breaks the signature): a JSON array in a fixed order,
 * the content as the stored text itself.
 */
export function documentPayload(d: {
  id: string;
  caseId: string;
  kind: string;
  documentNumber: string;
  departmentId: string;
  issuedAt: Date;
  verifyCode: string;
  pdfSha256: string;
  content: string;
}): Buffer {
  return Buffer.from(
    JSON.stringify(['yiwang.case-document.v1', d.id, d.caseId, d.kind, d.documentNumber, d.departmentId, d.issuedAt.toISOString(), d.verifyCode, d.pdfSha256, d.content]),
    'utf8',
  );
}

export const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** No 0/O, 1/I: read aloud or typed from paper without confusion. 10 characters, 50 bits. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const VERIFY_CODE = /^[2-9A-HJ-NP-Z]{10}$/;

export function newVerifyCode(): string {
  return [...randomBytes(10)].map((b) => CODE_ALPHABET[b & 31]).join('');
}
