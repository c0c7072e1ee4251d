import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { requireActor } from '../../identity/index.js';
import { attachmentDisposition } from '../fileName.js';
import { caseDocumentFile, caseDocumentIdParams, caseDocumentList, documentVerifyOut, documentVerifyParams, letterheadBody } from './contract.js';
import { setDocumentLetterhead } from './setDocumentLetterhead.js';
import { caseIdParams } from '../contract.js';
import { listCaseDocuments, readCaseDocumentPdf, verifyCaseDocument } from './readDocuments.js';

export async function caseDocumentRoutes(app: FastifyInstance, opts: { db: Db }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  r.get(
    '/api/cases/:id/documents',
    { schema: { tags, params: caseIdParams, response: { 200: caseDocumentList }, description: "The case's documents, oldest first: its applicant's and its department's clerks' and approvers' only (404 for anyone else)." } },
    async (req) => {
      const rows = await listCaseDocuments(db, requireActor(req), req.params.id);
      return { items: rows.map((d) => ({ ...d, issuedAt: d.issuedAt.toISOString(), downloadUrl: `/api/case-documents/${d.id}` })) };
    },
  );

  r.get('/api/case-documents/:id', { schema: { tags, params: caseDocumentIdParams, response: { 200: caseDocumentFile } } }, async (req, reply) => {
    const doc = await readCaseDocumentPdf(db, requireActor(req), req.params.id);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', attachmentDisposition(doc.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('x-sha256', doc.sha256)
      .send(doc.pdf);
  });

  r.get(
    '/api/verify/document/:code',
    { schema: { tags: ['verify'], params: documentVerifyParams, response: { 200: documentVerifyOut }, description: 'Public: whether a case document (by the code its QR carries) is genuine, with a summary without personal data.' } },
    async (req) => {
      const v = await verifyCaseDocument(db, req.params.code.trim().toUpperCase());
      return { valid: v.valid, ...(v.reason ? { reason: v.reason } : {}), ...(v.document ? { document: v.document } : {}) };
    },
  );

  r.put(
    '/api/departments/:id/document-letterhead',
    {
      schema: {
        tags: ['staff administration'],
        params: caseIdParams,
        body: letterheadBody,
        response: { 204: z.undefined() },
        description: "The department admin sets the short name its documents' numbers (文号) begin with and its seal image (PNG, base64, at most 512 KB; null: the drawn seal). Documents already issued keep theirs.",
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const sealPng = req.body.sealPng ? Buffer.from(req.body.sealPng, 'base64') : null;
      await db.transaction((tx) => setDocumentLetterhead(tx, actor, req.params.id, { shortName: req.body.shortName, sealPng }));
      return reply.code(204).send();
    },
  );
}
