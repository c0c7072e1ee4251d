import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { DomainError, isUniqueViolation } from '../../../lib/errors.js';
import { uuidv7 } from '../../../lib/uuid.js';
import { parseInput } from '../../../lib/validate.js';
import { appendAudit } from '../../supervision/index.js';
import { newSynonym, type NewSynonym } from './contract.js';
import { normalize } from './tokenize.js';
import { catalogSearchSynonyms } from './tables.js';

/**
 * Adds a search synonym inside the caller's transaction, audited: from the next query on, a term
 * containing `term` also matches with it replaced by each expansion. The term is stored
 * normalised (NFKC, lower case), as queries are compared; one row per term.
 */
export async function addSynonym(tx: Tx, input: NewSynonym, opts: { actorAccountId: string | null }) {
  const v = parseInput(newSynonym, input);
  const term = normalize(v.term);
  const expansions = [...new Set(v.expansions.map(normalize))].filter((e) => e !== term);
  const taken = () => new DomainError('VALIDATION', {}, [{ path: 'term', code: 'DUPLICATE' }]);
  if (!expansions.length) throw new DomainError('VALIDATION', {}, [{ path: 'expansions', code: 'REQUIRED' }]);
  const [existing] = await tx.select({ id: catalogSearchSynonyms.id }).from(catalogSearchSynonyms).where(eq(catalogSearchSynonyms.term, term)).limit(1);
  if (existing) throw taken();
  const id = uuidv7();
  try {
    const [row] = await tx.insert(catalogSearchSynonyms).values({ id, term, expansions, createdBy: opts.actorAccountId }).returning();
    await appendAudit(tx, { actorAccountId: opts.actorAccountId, action: 'catalog_synonym.add', entityType: 'catalog_synonym', entityId: id, detail: { term, expansions } });
    return row!;
  } catch (e) {
    if (isUniqueViolation(e)) throw taken();
    throw e;
  }
}
