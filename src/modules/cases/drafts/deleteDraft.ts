import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../../lib/errors.js';
import { performerId, type Actor } from '../../identity/index.js';
import { appendAudit } from '../../supervision/index.js';
import { caseDrafts } from '../tables.js';

/** Deletes the caller's draft for an item (its files become unattached uploads, purged after the grace period). */
export async function deleteDraft(tx: Tx, actor: Actor, itemId: string): Promise<void> {
  const [gone] = await tx
    .delete(caseDrafts)
    .where(and(eq(caseDrafts.applicantAccountId, actor.accountId), eq(caseDrafts.itemId, itemId)))
    .returning({ id: caseDrafts.id });
  if (!gone) throw new DomainError('NOT_FOUND');
  await appendAudit(tx, { actorAccountId: performerId(actor), action: 'case_draft.delete', entityType: 'case_draft', entityId: gone.id, detail: { itemId } });
}
