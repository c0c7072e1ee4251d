import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import type { Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { maskIdNumber } from '../../lib/mask.js';
import { local } from '../../lib/i18n/messages.js';
import { requireActor } from '../identity/index.js';
import { licenceDetail, licenceIdParams, licencePage, licencePageQuery, verifyOut, verifyParams } from './contract.js';
import { getLicenceOfHolder, listLicencesOfHolder, verifyByCode } from './service.js';

type Row = Awaited<ReturnType<typeof listLicencesOfHolder>>['rows'][number];

/** `publicOrigin` is the configured origin; a certificate's QR link never comes from the Host header. */
export async function licenceRoutes(app: FastifyInstance, opts: { db: Db; publicOrigin: () => string }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['licences'];

  const view = (lang: 'zh-CN' | 'en', l: Row) => ({
    id: l.id,
    identifier: l.identifier,
    typeName: local(lang, l.typeName),
    holderName: l.holderName,
    maskedHolderId: maskIdNumber(l.holderIdNumber),
    issuerName: local(lang, l.issuerName),
    issuedAt: l.issuedAt.toISOString(),
    validFrom: l.validFrom,
    validUntil: l.validUntil,
    status: l.status,
    alg: l.alg,
  });

  r.get(
    '/api/licences',
    { schema: { tags, querystring: licencePageQuery, response: { 200: licencePage } } },
    async (req) => {
      const actor = requireActor(req);
      const page = await listLicencesOfHolder(db, actor.accountId, req.query);
      return { items: page.rows.map((row) => view(req.lang, row)), nextCursor: page.nextCursor };
    },
  );

  r.get('/api/licences/:id', { schema: { tags, params: licenceIdParams, response: { 200: licenceDetail } } }, async (req) => {
    const actor = requireActor(req);
    const row = await getLicenceOfHolder(db, actor.accountId, req.params.id);
    if (!row) throw notFound();
    const verifyUrl = `${opts.publicOrigin()}/verify/${row.verifyCode}`;
    const qrSvg = await QRCode.toString(verifyUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return {
      ...view(req.lang, row),
      face: row.faceFields.map((f) => ({ key: f.key, label: local(req.lang, f.label), value: row.face[f.key] ?? '' })),
      verifyUrl,
      qrSvg,
    };
  });

  r.get(
    '/api/verify/:code',
    { schema: { tags: ['verify'], params: verifyParams, response: { 200: verifyOut } } },
    async (req) => {
      const result = await verifyByCode(db, req.params.code);
      const lic = result.licence;
      return {
        valid: result.valid,
        ...(result.valid ? {} : { reason: result.reason }),
        ...(lic ? { licence: { ...lic, typeName: local(req.lang, lic.typeName), issuerName: local(req.lang, lic.issuerName) } } : {}),
      };
    },
  );
}
