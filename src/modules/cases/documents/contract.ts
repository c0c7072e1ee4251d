import { z } from 'zod';

export const caseDocumentKinds = ['acceptance', 'supplement', 'rejection', 'approval', 'denial'] as const;

/** One document a case issued: 受理通知书, 补正告知书, 不予受理决定书, 准予许可决定书, 不予许可决定书. */
export const caseDocumentSummary = z.object({
  id: z.string().uuid(),
  kind: z.enum(caseDocumentKinds),
  /** The document's own (Chinese) title, as printed. */
  title: z.string(),
  /** 文号, e.g. 兰市监受字〔2026〕第12号. */
  documentNumber: z.string(),
  issuedAt: z.string(),
  verifyCode: z.string(),
  /** SHA-256 (hex) of the PDF as issued; every download is the same file. */
  pdfSha256: z.string(),
  downloadUrl: z.string(),
});
export const caseDocumentList = z.object({ items: z.array(caseDocumentSummary) });

export const caseDocumentIdParams = z.object({ id: z.string().uuid() });
export const documentVerifyParams = z.object({ code: z.string().max(32) });

export const documentVerifyOut = z.object({
  valid: z.boolean(),
  reason: z.enum(['unknown', 'unsigned', 'signature']).optional(),
  /** What the document is, without personal data. */
  document: z
    .object({
      kind: z.enum(caseDocumentKinds),
      title: z.string(),
      documentNumber: z.string(),
      department: z.string(),
      issuedOn: z.string(),
      caseNo: z.string(),
      pdfSha256: z.string(),
    })
    .optional(),
});

const pdfBytes = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' });
export const caseDocumentFile = {
  description: 'The document as a PDF (attachment), the same bytes every time; x-sha256 carries its SHA-256 as issued.',
  content: { 'application/pdf': { schema: pdfBytes } },
};

/** A department's letterhead: 机关代字 for 文号 and the seal image (PNG as base64, or null for the drawn seal). */
export const letterheadBody = z.object({
  shortName: z.string().trim().min(1, { message: 'REQUIRED' }).max(20, { message: 'TOO_LONG' }),
  sealPng: z.string().max(700_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'INVALID' }).nullable(),
});

export type CaseDocumentSummary = z.output<typeof caseDocumentSummary>;
export type DocumentVerifyResult = z.output<typeof documentVerifyOut>;
