import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../lib/errors.js';
import { local, type Lang } from '../../../lib/i18n/messages.js';
import { getItems, isItemOffered, type ServiceItem } from '../../catalog/index.js';
import type { Actor } from '../../identity/index.js';
import { caseDraftUploads, caseDrafts, uploads } from '../tables.js';

type DraftRow = typeof caseDrafts.$inferSelect;

/** A draft can be sent as it is only while its item is offered under the version it was filled in. */
const underCurrentVersion = (d: DraftRow, item: ServiceItem | undefined) => !!item && isItemOffered(item) && d.itemVersionId === item.currentVersionId;

async function draftViews(db: Executor, lang: Lang, rows: DraftRow[]) {
  if (!rows.length) return [];
  const [items, files] = await Promise.all([
    getItems(db, [...new Set(rows.map((r) => r.itemId))]),
    db
      .select({ draftId: caseDraftUploads.draftId, code: caseDraftUploads.materialCode, id: uploads.id, fileName: uploads.fileName, mime: uploads.mime, size: uploads.size, sha256: uploads.sha256 })
      .from(caseDraftUploads)
      .innerJoin(uploads, eq(uploads.id, caseDraftUploads.uploadId))
      .where(inArray(caseDraftUploads.draftId, rows.map((r) => r.id)))
      .orderBy(asc(caseDraftUploads.materialCode)),
  ]);
  return rows.map((d) => {
    const item = items.get(d.itemId);
    return {
      id: d.id,
      item: { id: d.itemId, code: item?.code ?? '', name: item ? local(lang, item.name) : '' },
      versionOffered: underCurrentVersion(d, item),
      form: d.form,
      materials: files.filter((f) => f.draftId === d.id).map((f) => ({ code: f.code, upload: { id: f.id, fileName: f.fileName, mime: f.mime, size: f.size, sha256: f.sha256 } })),
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
    };
  });
}

/** The caller's drafts, last saved first (one per item: a short list). */
export async function listDrafts(db: Executor, actor: Actor, lang: Lang) {
  const rows = await db.select().from(caseDrafts).where(eq(caseDrafts.applicantAccountId, actor.accountId)).orderBy(desc(caseDrafts.updatedAt)).limit(100);
  return draftViews(db, lang, rows);
}

/** The caller's draft for an item; none (or only someone else's) is not found. */
export async function readDraft(db: Executor, actor: Actor, lang: Lang, itemId: string) {
  const rows = await db.select().from(caseDrafts).where(and(eq(caseDrafts.applicantAccountId, actor.accountId), eq(caseDrafts.itemId, itemId))).limit(1);
  const [view] = await draftViews(db, lang, rows);
  if (!view) throw new DomainError('NOT_FOUND');
  return view;
}
