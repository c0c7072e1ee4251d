import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db, Executor } from '../../../db/client.js';
import type { LocalText } from '../../../db/types.js';
import { DomainError } from '../../../lib/errors.js';
import { errorMessages, fill, localiseFieldMessage } from '../../../lib/i18n/messages.js';
import { requireActor } from '../../identity/index.js';
import { exportFile, exportQuery, importForm, importLimits, importProblem, importQuery, importResult } from './contract.js';
import { exportCatalogue } from './exportCatalogue.js';
import { ImportRejected, importCatalogue } from './importCatalogue.js';

/** Catalogue import (multipart upload, all or nothing, dry run) and export of what the caller manages. */
export async function catalogueIoRoutes(app: FastifyInstance, opts: { db: Db; licenceTypeName: (db: Executor, code: string) => Promise<LocalText | null> }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalog'];
  const licenceTypeExists = async (tx: Executor, code: string) => (await opts.licenceTypeName(tx, code)) !== null;

  r.post(
    '/api/catalog/admin/import',
    {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        multipartBody: importForm,
        querystring: importQuery,
        description:
          'Imports implementations (and, for catalogue admins, new basic items) from a .json, .xlsx or .csv file of at most 5 MB and 5000 rows. ' +
          'Every row is checked first; any problem and nothing is written (422 IMPORT_ROWS_INVALID listing each by row and column). ' +
          'Imported implementations are drafts that go through review. dryRun=true checks and reports without writing. Layout: docs/catalogue-import.md.',
        response: { 200: importResult, 422: importProblem },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!req.isMultipart()) throw new DomainError('UPLOAD_MISSING');
      let file;
      let bytes: Buffer;
      try {
        file = await req.file({ limits: { fileSize: importLimits.maxBytes, files: 1 } });
        if (!file) throw new DomainError('UPLOAD_MISSING');
        bytes = await file.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('IMPORT_TOO_LARGE', { maxRows: importLimits.maxRows, maxMb: importLimits.maxBytes / 1048576 });
        throw e;
      }
      const dryRun = req.query.dryRun === 'true';
      try {
        return await db.transaction((tx) => importCatalogue(tx, actor, { fileName: file.filename, bytes }, { dryRun, licenceTypeExists }));
      } catch (e) {
        if (!(e instanceof ImportRejected)) throw e;
        const lang = req.lang;
        const text = errorMessages[lang].IMPORT_ROWS_INVALID;
        return reply
          .code(422)
          .type('application/problem+json; charset=utf-8')
          .send({
            type: 'urn:yiwang:problem:import-rows-invalid',
            title: text.title,
            status: 422,
            detail: fill(text.detail, { count: e.rows.length }),
            code: 'IMPORT_ROWS_INVALID',
            rows: e.rows.map((i) => ({ sheet: i.sheet, row: i.row, column: i.column, message: localiseFieldMessage(lang, i.code, i.params) })),
          });
      }
    },
  );

  r.get(
    '/api/catalog/admin/export',
    {
      schema: {
        tags,
        querystring: exportQuery,
        description: 'The catalogue the caller manages, as JSON (lossless, re-importable), xlsx or CSV (the sheet layout of docs/catalogue-import.md).',
        response: { 200: exportFile },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const out = await exportCatalogue(db, actor, req.query.format);
      return reply.header('content-type', out.contentType).header('content-disposition', `attachment; filename="${out.fileName}"`).send(out.body);
    },
  );
}
