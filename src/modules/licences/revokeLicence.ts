import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { performerId, type Actor } from '../identity/index.js';
import { appendAudit } from '../supervision/index.js';
import { licenceAccess } from './policy.js';
import { licences } from './tables.js';

/**
 * Revokes a valid certificate (吊销/撤销), in the caller's transaction: only an approver of the
 * issuing department may. Someone who may know the certificate is refused (FORBIDDEN); anyone
 * else finds nothing (NOT_FOUND), as for a certificate that is unknown or already revoked.
 */
export async function revokeLicence(tx: Tx, actor: Actor, input: { licenceId: string; reason: string }) {
  const [l] = await tx
    .select({ id: licences.id, status: licences.status, holderAccountId: licences.holderAccountId, issuerDepartmentId: licences.issuerDepartmentId })
    .from(licences)
    .where(eq(licences.id, input.licenceId))
    .for('update');
  const access = l ? licenceAccess(actor, l) : null;
  if (!l || !access) throw new DomainError('NOT_FOUND');
  if (access !== 'revoke') throw new DomainError('FORBIDDEN');
  const res = await tx
    .update(licences)
    .set({ status: 'revoked', revokedAt: new Date(), revokeReason: input.reason })
    .where(and(eq(licences.id, l.id), eq(licences.status, 'valid')))
    .returning({ id: licences.id });
  if (res.length === 0) throw new DomainError('NOT_FOUND');
  await appendAudit(tx, { actorAccountId: performerId(actor), action: 'licence.revoke', entityType: 'licence', entityId: l.id, detail: { reason: input.reason } });
}
