import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db, Tx } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { requireActor, type Actor } from '../identity/index.js';
import {
  acceptBody,
  bulkAcceptBody,
  bulkAcceptOut,
  preReviewBody,
  caseDetail,
  caseIdParams,
  caseReceipt,
  casePage,
  draftBody,
  draftItemParams,
  draftList,
  draftOut,
  listQuery,
  materialFile,
  opinionBody,
  popularItems,
  reasonBody,
  returnBody,
  resubmitBody,
  submitBody,
  supplementBody,
  specialStartBody,
  noteBody,
  extensionBody,
  extensionDecisionBody,
  themeApplicationBody,
  transferBody,
  transferTaskBody,
  transferTargetsOut,
  transferOut,
  transferTargetsQuery,
  themeApplicationIdParams,
  themeApplicationReceipt,
  themeApplicationView,
  uploadForm,
  uploadOut,
} from './contract.js';
import { acceptCase } from './acceptCase.js';
import { bulkAccept } from './bulkAccept.js';
import { passPreReview } from './passPreReview.js';
import { approveCase } from './approveCase.js';
import { denyCase } from './denyCase.js';
import { returnCase } from './returnCase.js';
import { rejectCase } from './rejectCase.js';
import { requestSupplement } from './requestSupplement.js';
import { startSpecialProcedure } from './clock/startSpecialProcedure.js';
import { endSpecialProcedure } from './clock/endSpecialProcedure.js';
import { requestExtension } from './clock/requestExtension.js';
import { decideExtension } from './clock/decideExtension.js';
import { resubmitCase } from './resubmitCase.js';
import { listCases } from './service.js';
import { withdrawCase } from './withdrawCase.js';
import { transferCase } from './transferCase.js';
import { transferTask } from './transferTask.js';
import { readTransferTargets, transferReceipt } from './transfer/targets.js';
import { saveDraft } from './drafts/saveDraft.js';
import { deleteDraft } from './drafts/deleteDraft.js';
import { listDrafts, readDraft } from './drafts/views.js';
import { searchItemIds } from '../catalog/index.js';
import { submitCase } from './submitCase.js';
import { readCase, readCaseMaterial } from './readCase.js';
import { FileIntegrityError, type FileStores } from '../files/index.js';
import { attachmentDisposition } from './fileName.js';
import { admitUpload, storeUpload, type UploadLimits } from './uploads.js';
import { caseDetailView, caseSummaries, themeApplicationView as bundleView } from './views.js';
import { applyForTheme } from './applyForTheme.js';
import { mostUsedItems } from './popular.js';
import { getItems, isItemOffered } from '../catalog/index.js';
import { local } from '../../lib/i18n/messages.js';
import { caseDocumentRoutes } from './documents/routes.js';
import { setDocumentOrigin } from './documents/origin.js';

/**
 * What the multipart parser throws on a body that is not multipart as announced (no boundary, cut
 * off, broken part headers): busboy's plain errors and the plugin's premature close. Its limit
 * errors (file too large, too many parts) keep their own answers.
 */
function isMalformedMultipart(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'FST_MP_PREMATURE_CLOSE') return true;
  return e instanceof Error && !(e instanceof DomainError) && (typeof code !== 'string' || !code.startsWith('FST_'));
}

export async function caseRoutes(app: FastifyInstance, opts: { db: Db; regionCode: string; files: FileStores; uploadLimits: UploadLimits; publicOrigin?: () => string }) {
  const { db, files } = opts;
  // The QR links of the documents issued from here on (a document keeps its own).
  if (opts.publicOrigin) setDocumentOrigin(opts.publicOrigin);
  await caseDocumentRoutes(app, { db });
  const limits = opts.uploadLimits;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  // A supervisor's read writes its audit event in the read's transaction.
  const detail = async (req: FastifyRequest, id: string) => {
    const actor = requireActor(req);
    return db.transaction(async (tx) => caseDetailView(tx, actor, req.lang, await readCase(tx, actor, id)));
  };

  r.post(
    '/api/uploads',
    {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        multipartBody: uploadForm,
        description:
          'One file (PDF, PNG, JPG by content). Per account: a quota on bytes held in unattached and recent uploads (413 UPLOAD_QUOTA), ' +
          'a rate limit (429 UPLOAD_RATE_LIMITED with Retry-After). A malformed or truncated body is 400 UPLOAD_MALFORMED. ' +
          'Uploads never attached to a case are deleted after the grace period.',
        response: { 201: uploadOut },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) throw new DomainError('UPLOAD_MISSING');
      // Rate and quota first: a refused account's body is never read.
      await admitUpload(db, actor, limits);
      let file;
      let bytes: Buffer;
      try {
        file = await req.file({ limits: { fileSize: limits.maxBytes, files: 1 } });
        if (!file) throw new DomainError('UPLOAD_MISSING');
        bytes = await file.toBuffer();
      } catch (e) {
        if (isMalformedMultipart(e)) throw new DomainError('UPLOAD_MALFORMED');
        throw e;
      }
      const out = await db.transaction((tx) => storeUpload(tx, files, actor, { fileName: file.filename, bytes }, limits));
      return reply.code(201).send(out);
    },
  );

  // The answer is the receipt (办件回执); the full case is one GET away at the Location.
  r.post('/api/cases', { schema: { tags, body: submitBody, response: { 201: caseReceipt } } }, async (req, reply) => {
    const actor = requireActor(req);
    const receipt = await db.transaction((tx) => submitCase(tx, actor, req.body, opts.regionCode));
    return reply.code(201).header('location', `/api/cases/${receipt.id}`).send(receipt);
  });

  // 一件事: one application, one case per member, all in one transaction.
  r.post(
    '/api/theme-applications',
    {
      schema: {
        tags,
        body: themeApplicationBody,
        response: { 201: themeApplicationReceipt },
        description:
          'Applies for a published theme (一件事): one case per member, all or nothing. Members with prerequisites start `waiting` and are released when the last one is approved. ' +
          'Refusals are those of a single submission, their paths pointing into this body (`shared.<field>`, `members.<itemId>.form.<field>`, `materials.<i>.uploadId`, `materials.<sharedCode>`, `members.<itemId>.materials.<code>`).',
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const receipt = await db.transaction((tx) => applyForTheme(tx, actor, req.body, opts.regionCode));
      return reply.code(201).header('location', `/api/theme-applications/${receipt.id}`).send(receipt);
    },
  );

  r.get('/api/theme-applications/:id', { schema: { tags, params: themeApplicationIdParams, response: { 200: themeApplicationView } } }, async (req) =>
    bundleView(db, requireActor(req), req.lang, req.params.id),
  );

  r.get(
    '/api/catalog/popular',
    { schema: { tags: ['catalog'], response: { 200: popularItems }, description: 'The offered services most applied for in the last 90 days (counted at most every 10 minutes).' } },
    async (req) => {
      const counts = await mostUsedItems(db, 20);
      const items = await getItems(db, counts.map((c) => c.itemId));
      return {
        items: counts
          .map((c) => ({ c, item: items.get(c.itemId) }))
          .filter((x): x is { c: (typeof counts)[number]; item: NonNullable<typeof x.item> } => !!x.item && isItemOffered(x.item))
          .slice(0, 8)
          .map(({ c, item }) => ({ id: item.id, code: item.code, name: local(req.lang, item.name), cases: c.cases })),
      };
    },
  );

  r.get('/api/cases', { schema: { tags, querystring: listQuery, response: { 200: casePage } } }, async (req) => {
    const actor = requireActor(req);
    const { scope, cursor, limit, group, q, colour, status, itemId, departmentId, from, to, order } = req.query;
    // A search by item name: the catalogue's search reads the words (and pinyin); the list then keeps the caller's cases of those items.
    const itemIds = scope === 'mine' && q ? await searchItemIds(db, q, {}, 50) : undefined;
    const page = await listCases(db, actor, scope, { cursor, limit }, scope === 'mine' ? { group, q: q || undefined, itemIds } : { colour, status, itemId, departmentId, from, to, order });
    return { items: await caseSummaries(db, actor, req.lang, page.rows), nextCursor: page.nextCursor };
  });

  r.get('/api/cases/:id', { schema: { tags, params: caseIdParams, response: { 200: caseDetail } } }, async (req) => detail(req, req.params.id));

  // One transaction per action: the transition, its history, audit and (on approval) the licence.
  const act = <B extends z.ZodType>(path: string, body: B, run: (tx: Tx, actor: Actor, id: string, b: z.infer<B>) => Promise<unknown>) =>
    r.post(`/api/cases/:id/${path}`, { schema: { tags, params: caseIdParams, body, response: { 200: caseDetail } } }, async (req) => {
      const actor = requireActor(req);
      await db.transaction((tx) => run(tx, actor, req.params.id, req.body as z.infer<B>));
      return detail(req, req.params.id);
    });

  act('accept', acceptBody, (tx, a, id) => acceptCase(tx, a, id));
  act('prereview-pass', preReviewBody, (tx, a, id, b) => passPreReview(tx, a, id, b));

  // 批量受理: one transaction, one savepoint per case; one case's problem never undoes the others.
  r.post(
    '/api/cases/bulk-accept',
    {
      schema: {
        tags,
        body: bulkAcceptBody,
        response: { 200: bulkAcceptOut },
        description:
          'Accepts 1–20 pre-reviewed (`prereviewed`) cases at the window, each in its own savepoint with the checks of a single acceptance. ' +
          'The answer lists every case: accepted, or its problem (NOT_FOUND for a case outside the clerk’s departments, NOT_PREREVIEWED, FORBIDDEN …); the others are accepted all the same.',
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return { results: await db.transaction((tx) => bulkAccept(tx, actor, req.body.caseIds, req.lang)) };
    },
  );
  act('reject', reasonBody, (tx, a, id, b) => rejectCase(tx, a, id, b.reason));
  act('supplement', supplementBody, (tx, a, id, b) => requestSupplement(tx, a, id, b));
  act('resubmit', resubmitBody, (tx, a, id, b) => resubmitCase(tx, a, id, b));
  act('approve', opinionBody, (tx, a, id, b) => approveCase(tx, a, id, b.opinion, b.taskId));
  act('deny', opinionBody, (tx, a, id, b) => denyCase(tx, a, id, b.opinion, b.taskId));
  act('return', returnBody, (tx, a, id, b) => returnCase(tx, a, id, { target: b.to === 'intake' ? { intake: true } : { step: b.to - 1 }, reason: b.reason, taskId: b.taskId }));
  // 移送 (intake) and 转办 (an approval task): to a department GET transfer-targets offers, with a reason.
  r.get(
    '/api/cases/:id/transfer-targets',
    {
      schema: {
        tags,
        params: caseIdParams,
        querystring: transferTargetsQuery,
        response: { 200: transferTargetsOut },
        description:
          'Where the caller may send the case now: in intake a clerk of its department moves the case (移送, POST transfer); in approval an approver hands their open task (转办, POST transfer-task; `taskId` as on the case page). ' +
          'When other departments implement the same basic item only they are offered (`restricted`), and the case takes on the chosen implementation’s current version; otherwise any other department.',
      },
    },
    async (req) => readTransferTargets(db, requireActor(req), req.lang, req.params.id, req.query.taskId),
  );
  const transferRoute = <B extends z.ZodType>(path: string, body: B, run: (tx: Tx, actor: Actor, id: string, b: z.infer<B>) => Promise<unknown>, description: string) =>
    r.post(`/api/cases/:id/${path}`, { schema: { tags, params: caseIdParams, body, response: { 200: transferOut }, description } }, async (req) => {
      const actor = requireActor(req);
      return db.transaction(async (tx) => {
        await run(tx, actor, req.params.id, req.body as z.infer<B>);
        return transferReceipt(tx, actor, req.lang, req.params.id);
      });
    });
  transferRoute('transfer', transferBody, (tx, a, id, b) => transferCase(tx, a, id, b), '移送: a clerk of the case’s department moves a case in intake (submitted, resubmitted) to a department GET transfer-targets offers, with a reason. The status and the clock stay; the case leaves the sender’s queues.');
  transferRoute('transfer-task', transferTaskBody, (tx, a, id, b) => transferTask(tx, a, id, b), '转办: an approver hands their open approval task to a department GET transfer-targets offers, with a reason. The task ends `transferred` and a new open task of that department replaces it; a task of the case’s own department takes the case along.');
  act('withdraw', reasonBody, (tx, a, id, b) => withdrawCase(tx, a, id, b.reason));

  // 暂存: one draft per applicant and item, always the caller's own.
  r.get('/api/drafts', { schema: { tags, response: { 200: draftList }, description: 'The caller’s saved applications (暂存), last saved first.' } }, async (req) => ({
    items: await listDrafts(db, requireActor(req), req.lang),
  }));
  r.get('/api/drafts/:itemId', { schema: { tags, params: draftItemParams, response: { 200: draftOut } } }, async (req) => readDraft(db, requireActor(req), req.lang, req.params.itemId));
  r.put(
    '/api/drafts/:itemId',
    {
      schema: {
        tags,
        params: draftItemParams,
        body: draftBody,
        response: { 200: draftOut },
        description: 'Saves (or overwrites) the caller’s draft for the item under its current version. The form is kept as typed; submitting the item (POST /api/cases) deletes the draft in the same transaction.',
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await db.transaction((tx) => saveDraft(tx, actor, req.params.itemId, req.body));
      return readDraft(db, actor, req.lang, req.params.itemId);
    },
  );
  r.delete('/api/drafts/:itemId', { schema: { tags, params: draftItemParams, response: { 204: z.undefined() } } }, async (req, reply) => {
    const actor = requireActor(req);
    await db.transaction((tx) => deleteDraft(tx, actor, req.params.itemId));
    return reply.code(204).send();
  });
  // The clocks: 特别程序 (approver), 延期 (approver asks, department head decides).
  act('special-procedure', specialStartBody, (tx, a, id, b) => startSpecialProcedure(tx, a, id, b));
  act('special-procedure/end', noteBody, (tx, a, id, b) => endSpecialProcedure(tx, a, id, b));
  act('extension', extensionBody, (tx, a, id, b) => requestExtension(tx, a, id, b));
  act('extension/approve', extensionDecisionBody, (tx, a, id, b) => decideExtension(tx, a, id, { approve: true, note: b.note }));
  act('extension/refuse', extensionDecisionBody, (tx, a, id, b) => decideExtension(tx, a, id, { approve: false, note: b.note }));

  r.get(
    '/api/materials/:id',
    {
      schema: {
        tags,
        params: caseIdParams,
        description: 'The file, always as a download; its SHA-256 is checked on every read (500 FILE_INTEGRITY when it no longer matches).',
        response: { 200: materialFile },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      let m;
      try {
        m = await db.transaction((tx) => readCaseMaterial(tx, files, actor, req.params.id));
      } catch (e) {
        if (!(e instanceof FileIntegrityError)) throw e;
        req.log.error({ materialId: req.params.id, key: e.key, reason: e.reason }, 'stored file failed its SHA-256 check; not served');
        throw new DomainError('FILE_INTEGRITY');
      }
      // Uploaded files are the applicant's, not ours: never rendered in our origin (a PDF's
      // /OpenAction JavaScript, an image that sniffs as HTML). Attachment, no sniffing, and a CSP
      // sandbox in case a browser renders it anyway (OWASP File Upload Cheat Sheet).
      return reply
        .header('content-type', m.mime)
        .header('content-disposition', attachmentDisposition(m.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('x-sha256', m.sha256)
        .send(m.content);
    },
  );
}
