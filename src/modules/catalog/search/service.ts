import { asc, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { parseQuery, type ParsedQuery, type Synonym } from './query.js';
import { rank, type Candidate } from './rank.js';
import { catalogSearchSynonyms } from './tables.js';

/** How many matches the index hands to ranking: enough for any page a person reads, never all of them. */
export const CANDIDATES = 200;
const SUGGEST_CANDIDATES = 40;

export type SearchFilter = { departmentId?: string | undefined };

/** The synonyms whose term occurs in the query (the table is small; one statement). */
async function synonymsIn(db: Executor, q: string): Promise<Synonym[]> {
  const normalized = q.normalize('NFKC').toLowerCase();
  return db
    .select({ term: catalogSearchSynonyms.term, expansions: catalogSearchSynonyms.expansions })
    .from(catalogSearchSynonyms)
    .where(sql`strpos(${normalized}, ${catalogSearchSynonyms.term}) > 0`);
}

/**
 * The candidate set: first documents matching on names, aliases and pinyin (`names_document`), then
 * — only if those are fewer than the limit — documents matching anywhere (guide text, keywords).
 * One statement; the outer LIMIT stops the second branch from running once the first is enough.
 */
async function candidates(db: Executor, q: ParsedQuery, filter: SearchFilter, limit: number, namesOnly: boolean): Promise<Candidate[]> {
  const scope: SQL = filter.departmentId ? sql` AND s.department_id = ${filter.departmentId}` : sql``;
  const branch = (onNames: boolean, match: SQL) => sql`(SELECT d.item_id AS "itemId", d.names, d.aliases, ${onNames} AS "onNames"
      FROM catalog_search_documents d JOIN service_items s ON s.id = d.item_id
      WHERE ${match} AND s.published${scope} LIMIT ${limit})`;
  const names = sql`d.names_document @@ ${q.tsquery}::tsquery`;
  const query = namesOnly
    ? branch(true, names)
    : sql`SELECT * FROM (${branch(true, names)} UNION ALL ${branch(false, sql`d.document @@ ${q.tsquery}::tsquery AND NOT (${names})`)}) c LIMIT ${limit}`;
  const res = (await db.execute(query)) as unknown as { rows: Candidate[] };
  return res.rows;
}

/** Published items matching `q`, best first (ids); at most `limit`. */
export async function searchItemIds(db: Executor, q: string, filter: SearchFilter = {}, limit = 50): Promise<string[]> {
  const parsed = parseQuery(q, await synonymsIn(db, q));
  if (!parsed) return [];
  return rank(await candidates(db, parsed, filter, CANDIDATES, false), parsed)
    .slice(0, limit)
    .map((c) => c.itemId);
}

/** Search-as-you-type: names, aliases and pinyin only, a smaller candidate set, the best `limit`. */
export async function suggestItemIds(db: Executor, q: string, limit = 8): Promise<string[]> {
  const parsed = parseQuery(q, await synonymsIn(db, q));
  if (!parsed) return [];
  return rank(await candidates(db, parsed, {}, SUGGEST_CANDIDATES, true), parsed)
    .slice(0, limit)
    .map((c) => c.itemId);
}

export async function listSynonyms(db: Executor) {
  return db.select().from(catalogSearchSynonyms).orderBy(asc(catalogSearchSynonyms.term));
}
