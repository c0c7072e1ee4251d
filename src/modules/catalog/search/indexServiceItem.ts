import { eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../../db/client.js';
import type { LocalText } from '../../../db/types.js';
import { getDepartment, listDepartments } from '../../identity/index.js';
import { serviceItems } from '../tables.js';
import { buildSearchDocument, DOCUMENT_VERSION, type SearchDocument, type SearchDocumentInput } from './document.js';
import { catalogSearchDocuments } from './tables.js';

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
 * Indexes the items an older database holds without a document, or with one an older builder
 * wrote (DOCUMENT_VERSION). Run by the composition root at start, under the start-up lock, after
 * migrations; idempotent, so every start after the first finds nothing to do (one indexed query).
 * Why not a migration: the documents are made by the application's tokeniser and pinyin-pro, which
 * SQL cannot run; and a new builder version re-indexes without a migration. Batches of 200 items,
 * each in its own transaction, so a large catalogue never holds one long transaction.
 */
export async function ensureSearchIndex(db: Db): Promise<number> {
  let done = 0;
  let depts: Map<string, LocalText> | null = null;
  for (;;) {
    const rows = await db
      .select({ item: serviceItems })
      .from(serviceItems)
      .leftJoin(catalogSearchDocuments, eq(catalogSearchDocuments.itemId, serviceItems.id))
      .where(or(isNull(catalogSearchDocuments.itemId), lt(catalogSearchDocuments.version, DOCUMENT_VERSION)))
      .orderBy(serviceItems.id)
      .limit(BATCH);
    if (!rows.length) return done;
    depts ??= new Map((await listDepartments(db)).map((d) => [d.id, d.name]));
    const docs = rows.map(({ item }) => buildSearchDocument(itemDocument(item, depts!.get(item.departmentId) ?? null)));
    await db.transaction((tx) => upsert(tx, docs));
    done += docs.length;
    if (rows.length < BATCH) return done;
  }
}

