import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { requireActor } from '../../server/plugins/auth.js';
import { caseDetail, caseIdParams, caseReceipt, caseSummary, listQuery, opinionBody, reasonBody, resubmitBody, submitBody, supplementBody, uploadOut } from './schemas.js';
import {
  acceptCase,
  approveCase,
  denyCase,
  listCases,
  rejectCase,
  requestSupplement,
  resubmitCase,
  submitCase,
} from './service.js';
import { readCase, readCaseMaterial } from './readCase.js';
import { storeUpload } from './uploads.js';
import { caseDetailView, caseSummaries } from './views.js';

export async function caseRoutes(app: FastifyInstance, opts: { db: Db; regionCode: string; uploadMaxBytes: number }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const detail = async (req: FastifyRequest, id: string) => {
    const actor = requireActor(req);
    return caseDetailView(db, actor, req.lang, await readCase(db, actor, id));
  };

  r.post(
    '/api/uploads',
    { schema: { tags, consumes: ['multipart/form-data'], response: { 201: uploadOut } } },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) throw new DomainError('UPLOAD_MISSING');
      const file = await req.file({ limits: { fileSize: opts.uploadMaxBytes, files: 1 } });
      if (!file) throw new DomainError('UPLOAD_MISSING');
      const bytes = await file.toBuffer();
      const out = await storeUpload(db, actor, { fileName: file.filename, bytes }, opts.uploadMaxBytes);
      return reply.code(201).send(out);
    },
  );

  // The answer is the receipt (办件回执); the full case is one GET away at the Location.
  r.post('/api/cases', { schema: { tags, body: submitBody, response: { 201: caseReceipt } } }, async (req, reply) => {
    const actor = requireActor(req);
    const receipt = await submitCase(db, actor, req.body, opts.regionCode);
    return reply.code(201).header('location', `/api/cases/${receipt.id}`).send(receipt);
  });

  r.get('/api/cases', { schema: { tags, querystring: listQuery, response: { 200: z.object({ items: z.array(caseSummary) }) } } }, async (req) => {
    const actor = requireActor(req);
    return { items: await caseSummaries(db, actor, req.lang, await listCases(db, actor, req.query.scope)) };
  });

  r.get('/api/cases/:id', { schema: { tags, params: caseIdParams, response: { 200: caseDetail } } }, async (req) => detail(req, req.params.id));

  const act = <B extends z.ZodType>(path: string, body: B, run: (actorReq: ReturnType<typeof requireActor>, id: string, b: z.infer<B>) => Promise<unknown>) =>
    r.post(`/api/cases/:id/${path}`, { schema: { tags, params: caseIdParams, body, response: { 200: caseDetail } } }, async (req) => {
      const actor = requireActor(req);
      await run(actor, req.params.id, req.body as z.infer<B>);
      return detail(req, req.params.id);
    });

  act('accept', z.object({}).optional(), (a, id) => acceptCase(db, a, id));
  act('reject', reasonBody, (a, id, b) => rejectCase(db, a, id, b.reason));
  act('supplement', supplementBody, (a, id, b) => requestSupplement(db, a, id, b));
  act('resubmit', resubmitBody, (a, id, b) => resubmitCase(db, a, id, b));
  act('approve', opinionBody, (a, id, b) => approveCase(db, a, id, b.opinion));
  act('deny', opinionBody, (a, id, b) => denyCase(db, a, id, b.opinion));

  r.get('/api/materials/:id', { schema: { tags, params: caseIdParams } }, async (req, reply) => {
    const actor = requireActor(req);
    const m = await readCaseMaterial(db, actor, req.params.id);
    return reply
      .header('content-type', m.mime)
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(m.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('x-sha256', m.sha256)
      .send(m.content);
  });
}
