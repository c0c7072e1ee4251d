import { z } from 'zod';
import { pageQuery } from '../../lib/page.js';

/** The e-certificate library's HTTP interface: the holder's wallet and the public verification. */
export const licenceSummary = z.object({
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
export const licenceDetail = licenceSummary.extend({
  face: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
  verifyUrl: z.string(),
  qrSvg: z.string(),
});
export const verifiedSummary = z.object({
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
export const verifyOut = z.object({
  valid: z.boolean(),
  reason: z.enum(['unknown', 'revoked', 'signature', 'expired']).optional(),
  licence: verifiedSummary.optional(),
});

export const licencePageQuery = pageQuery;
export const licenceIdParams = z.object({ id: z.string().uuid() });
export const verifyParams = z.object({ code: z.string().max(128) });
/** A page of the holder's certificates; `nextCursor` (null on the last page) fetches the next with `?cursor=`. */
export const licencePage = z.object({ items: z.array(licenceSummary), nextCursor: z.string().nullable() });

export type LicenceSummary = z.output<typeof licenceSummary>;
export type LicenceDetail = z.output<typeof licenceDetail>;
export type VerifyResult = z.output<typeof verifyOut>;
export type VerifyReason = NonNullable<VerifyResult['reason']>;
