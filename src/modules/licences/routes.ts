import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { maskIdNumber } from '../../lib/mask.js';
import { pageQuery } from '../../lib/page.js';
import { local } from '../../lib/i18n/messages.js';
import { requireActor } from '../identity/index.js';
import { getLicenceOfHolder, listLicencesOfHolder, verifyByCode } from './service.js';

const summary = z.object({
  id: z.string().uuid(),
  identifier: z.string(),
  typeName: z.string(),
  holderName: z.string(),
  maskedHolderId: z.string(),
  issuerName: z.string(),
  issuedAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(['valid', 'revoked']),
  alg: z.enum(['Ed25519', 'SM2']),
});
const detail = summary.extend({
  face: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
  verifyUrl: z.string(),
  qrSvg: z.string(),
});
const verifiedSummary = z.object({
  identifier: z.string(),
  typeName: z.string(),
  holderName: z.string(),
  holderId: z.string(),
  issuerName: z.string(),
  issuedAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(['valid', 'revoked']),
  alg: z.enum(['Ed25519', 'SM2']),
});
const verifyOut = z.object({
  valid: z.boolean(),
  reason: z.enum(['unknown', 'revoked', 'signature', 'expired']).optional(),
  licence: verifiedSummary.optional(),
});

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
    { schema: { tags, querystring: pageQuery, response: { 200: z.object({ items: z.array(summary), nextCursor: z.string().nullable() }) } } },
    async (req) => {
      const actor = requireActor(req);
      const page = await listLicencesOfHolder(db, actor.accountId, req.query);
      return { items: page.rows.map((row) => view(req.lang, row)), nextCursor: page.nextCursor };
    },
  );

  r.get('/api/licences/:id', { schema: { tags, params: z.object({ id: z.string().uuid() }), response: { 200: detail } } }, async (req) => {
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
    { schema: { tags: ['verify'], params: z.object({ code: z.string().max(128) }), response: { 200: verifyOut } } },
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
