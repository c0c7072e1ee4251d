import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../../db/client.js';
import type { LocalText } from '../../../db/types.js';
import { getDepartment, listDepartments } from '../../identity/index.js';
import { serviceItems } from '../tables.js';
import { buildSearchDocument, DOCUMENT_VERSION, type SearchDocument, type SearchDocumentInput } from './document.js';
import { catalogSearchDocuments, catalogSearchState } from './tables.js';

type ItemRow = typeof serviceItems.$inferSelect;

/** What the index is fed for a service item: names, code and department, and the guide's conditions, audience and result. */
export function itemDocument(item: Pick<ItemRow, 'id' | 'code' | 'name' | 'guide'>, departmentName: LocalText | null): SearchDocumentInput {
  const both = (t: LocalText) => [t.zh, t.en];
  const g = item.guide;
  return {
    itemId: item.id,
    names: both(item.name),
    aliases: [],
    keywords: [item.code, ...(departmentName ? both(departmentName) : [])],
    text: [...both(g.audience), ...g.conditions.flatMap(both), ...both(g.result)],
  };
}

const row = (d: SearchDocument) => ({ itemId: d.itemId, namesDocument: d.namesVector, document: d.vector, names: d.names, aliases: d.aliases, version: DOCUMENT_VERSION });

async function upsert(ex: Executor, docs: SearchDocument[]) {
  if (!docs.length) return;
  await ex
    .insert(catalogSearchDocuments)
    .values(docs.map(row))
    .onConflictDoUpdate({
      target: catalogSearchDocuments.itemId,
      set: {
        namesDocument: sql`excluded.names_document`,
        document: sql`excluded.document`,
        names: sql`excluded.names`,
        aliases: sql`excluded.aliases`,
        version: sql`excluded.version`,
        indexedAt: sql`now()`,
      },
    });
}

/** Puts one item's document into the index (or replaces it), inside the caller's transaction. Derived data: no audit event of its own. */
export async function indexServiceItem(tx: Tx, doc: SearchDocumentInput): Promise<void> {
  await upsert(tx, [buildSearchDocument(doc)]);
}

/** Takes an item out of the index (deleting the item does so too, by the foreign key). */
export async function removeFromIndex(tx: Tx, itemId: string): Promise<void> {
  await tx.delete(catalogSearchDocuments).where(eq(catalogSearchDocuments.itemId, itemId));
}

/** Indexes a stored item: its department's name is read here. For createServiceItem: one line there. */
export async function indexStoredItem(tx: Tx, item: ItemRow): Promise<void> {
  const department = await getDepartment(tx, item.departmentId);
  await indexServiceItem(tx, itemDocument(item, department?.name ?? null));
}

const BATCH = 200;
/** The one row of catalog_search_state. */
const STATE_ROW = 1;

/**
 * Re-indexes the items of one department that are in the index (published ones; a draft is indexed
 * when it is published), inside the caller's transaction: the department's name is in each item's
 * keywords, so renaming the department calls this (wired by the composition root). Returns how many.
 */
export async function reindexDepartment(tx: Tx, departmentId: string): Promise<number> {
  const department = await getDepartment(tx, departmentId);
  const rows = await tx
    .select({ item: serviceItems })
    .from(serviceItems)
    .innerJoin(catalogSearchDocuments, eq(catalogSearchDocuments.itemId, serviceItems.id))
    .where(eq(serviceItems.departmentId, departmentId));
  for (let i = 0; i < rows.length; i += BATCH) {
    await upsert(tx, rows.slice(i, i + BATCH).map(({ item }) => buildSearchDocument(itemDocument(item, department?.name ?? null))));
  }
  return rows.length;
}

/**
 * Keeps the index in step with the running builder, at start: the composition root runs it under
 * the start-up lock, after migrations. A normal start costs one statement of indexed reads — the
 * state row (`catalog_search_state`, by primary key) and whether any document and any published
 * item exist — and writes nothing. The index is rebuilt when the row's DOCUMENT_VERSION is not the
 * builder's (a new tokeniser or document layout; no row: a database from before the row, or one an
 * operator cleared to force it), or when the index is empty while published items exist (a
 * restore that left it out). Returns how many items were indexed (0 on a normal start).
 *
 * Why not a migration: the documents are made by the application's tokeniser and pinyin-pro, which
 * SQL cannot run. A rebuild goes through the published items in batches of 200, each in its own
 * transaction, so a large catalogue never holds one long transaction; the state row is written
 * last, so a rebuild cut short is done again at the next start.
 */
export async function ensureSearchIndex(db: Db): Promise<number> {
  const probe = (await db.execute(sql`SELECT
      (SELECT ${catalogSearchState.version} FROM ${catalogSearchState} WHERE ${catalogSearchState.id} = ${STATE_ROW}) AS "version",
      EXISTS (SELECT 1 FROM ${catalogSearchDocuments}) AS "indexed",
      EXISTS (SELECT 1 FROM ${serviceItems} WHERE ${serviceItems.published}) AS "items"`)) as unknown as { rows: { version: number | null; indexed: boolean; items: boolean }[] };
  const state = probe.rows[0]!;
  if (state.version === DOCUMENT_VERSION && (state.indexed || !state.items)) return 0;

  let done = 0;
  let after: string | null = null;
  const depts = new Map((await listDepartments(db)).map((d) => [d.id, d.name]));
  for (;;) {
    const rows: ItemRow[] = await db
      .select()
      .from(serviceItems)
      .where(after ? and(eq(serviceItems.published, true), gt(serviceItems.id, after)) : eq(serviceItems.published, true))
      .orderBy(asc(serviceItems.id))
      .limit(BATCH);
    if (rows.length) {
      const docs = rows.map((item) => buildSearchDocument(itemDocument(item, depts.get(item.departmentId) ?? null)));
      await db.transaction((tx) => upsert(tx, docs));
      done += docs.length;
      after = rows[rows.length - 1]!.id;
    }
    if (rows.length < BATCH) break;
  }
  const built = { version: DOCUMENT_VERSION, builtAt: new Date(), items: done };
  await db
    .insert(catalogSearchState)
    .values({ id: STATE_ROW, ...built })
    .onConflictDoUpdate({ target: catalogSearchState.id, set: built });
  return done;
}
