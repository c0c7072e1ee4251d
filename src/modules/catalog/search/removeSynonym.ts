import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { notFound } from '../../../lib/errors.js';
import { appendAudit } from '../../supervision/index.js';
import { catalogSearchSynonyms } from './tables.js';

/** Removes a search synonym inside the caller's transaction, audited (with what it said). */
export async function removeSynonym(tx: Tx, id: string, opts: { actorAccountId: string | null }): Promise<void> {
  const [row] = await tx.delete(catalogSearchSynonyms).where(eq(catalogSearchSynonyms.id, id)).returning();
  if (!row) throw notFound();
  await appendAudit(tx, {
    actorAccountId: opts.actorAccountId,
    action: 'catalog_synonym.remove',
    entityType: 'catalog_synonym',
    entityId: id,
    detail: { term: row.term, expansions: row.expansions },
  });
}
