import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import type { MaterialSpec } from '../catalog/index.js';
import { caseSupplements, type SupplementItem, type SupplementNotice } from './tables.js';

/** The upload slot of the n-th "other" item (no material code) of the notice on `round`. */
export const otherKey = (round: number, n: number) => `other-${round}-${n}`;
export const isOtherKey = (code: string) => /^other-\d+-\d+$/.test(code);

/** A notice's items with their slot keys (notices written before items had keys: a material's key is its code). */
export function noticeItems(notice: SupplementNotice | null): SupplementItem[] {
  if (!notice) return [];
  let others = 0;
  return notice.items.map((i) => ({ ...i, key: i.key ?? i.materialCode ?? otherKey(notice.round, ++others) }));
}

/** The platform's file types for an "other" item's slot; its size is the largest any of the item's materials allows. */
const OTHER_ACCEPT: MaterialSpec['accept'] = ['pdf', 'png', 'jpg'];
const OTHER_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The slots an answer may fill: the item's materials, plus one per "other" item of the open notice
 * (optional: an "other" item may ask for something that is no file, such as a corrected form field).
 */
export function answerSpecs(materials: MaterialSpec[], items: SupplementItem[]): MaterialSpec[] {
  const maxBytes = Math.max(0, ...materials.map((m) => m.maxBytes)) || OTHER_MAX_BYTES;
  const others = items
    .filter((i) => !i.materialCode)
    .map((i): MaterialSpec => ({ code: i.key, name: { zh: i.reason, en: i.reason }, required: false, description: { zh: '', en: '' }, accept: OTHER_ACCEPT, maxBytes, source: 'applicant' }));
  return [...materials, ...others];
}

/** Marks the open notice answered (in the resubmission's transaction). */
export async function answerSupplement(tx: Tx, caseId: string, round: number, at: Date) {
  await tx
    .update(caseSupplements)
    .set({ answeredAt: at })
    .where(and(eq(caseSupplements.caseId, caseId), eq(caseSupplements.round, round), isNull(caseSupplements.answeredAt)));
}

/** Every notice of a case, oldest first. */
export async function caseSupplementRounds(db: Executor, caseId: string) {
  return db.select().from(caseSupplements).where(eq(caseSupplements.caseId, caseId)).orderBy(asc(caseSupplements.round));
}
