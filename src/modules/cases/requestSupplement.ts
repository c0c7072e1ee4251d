import type { Tx } from '../../db/client.js';
import { shanghaiDate } from '../../lib/calendar.js';
import { calendarForWrite } from '../calendar/index.js';
import { pausePatch } from './clock/patches.js';
import { clockSettings } from './clock/settings.js';
import { DomainError } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/uuid.js';
import { getAppliedItem } from '../catalog/index.js';
import { performerId, type Actor } from '../identity/index.js';
import { caseSupplements, type SupplementItem, type SupplementNotice } from './tables.js';
import { issueCaseDocument } from './documents/issueCaseDocument.js';
import { otherKey } from './supplements.js';
import { transition } from './transition.js';

/**
 * 一次性告知: every item the applicant must bring, at once — materials of the item, and "other"
 * items (free text, no material), each of which gets its own upload slot. The notice is kept
 * (case_supplements) after it is answered.
 */
export async function requestSupplement(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: { items: { materialCode?: string | null | undefined; reason: string }[]; note?: string | null | undefined; deadlineDays?: number | null | undefined },
  on: string = shanghaiDate(new Date()),
) {
  await transition(tx, actor, caseId, 'supplement', async (tx, c) => {
    const item = (await getAppliedItem(tx, c.itemId, c.itemVersionId))!;
    const codes = new Set(item.materials.map((m) => m.code));
    const seen = new Set<string>();
    input.items.forEach((it, i) => {
      if (!it.materialCode) return;
      if (!codes.has(it.materialCode) || seen.has(it.materialCode)) {
        throw new DomainError('VALIDATION', {}, [{ path: `items.${i}.materialCode`, code: 'BAD_OPTION' }]);
      }
      seen.add(it.materialCode);
    });
    let others = 0;
    const items: SupplementItem[] = input.items.map((it) => ({
      key: it.materialCode ?? otherKey(c.round, ++others),
      materialCode: it.materialCode ?? null,
      reason: it.reason,
    }));
    const at = new Date();
    // 补正期限: the clerk's working days, or the node's default; the acceptance clock pauses meanwhile.
    const deadlineDays = input.deadlineDays ?? clockSettings().supplementDeadlineDays;
    const deadline = (await calendarForWrite(tx)).addWorkingDays(on, deadlineDays);
    const notice: SupplementNotice = { items, note: input.note ?? null, at: at.toISOString(), round: c.round, deadline, ...(c.status === 'prereview' ? { prereview: true } : {}) };
    await tx.insert(caseSupplements).values({ id: uuidv7(), caseId: c.id, round: c.round, items, note: notice.note, requestedByAccountId: performerId(actor), requestedAt: at });
    return {
      patch: { supplementNotice: notice, supplementDeadline: deadline, ...pausePatch('supplement', on) },
      note: input.note ?? null,
      detail: { items: notice.items, deadline, deadlineDays },
      // 补正告知书 (the one-time notice on paper), in the same transaction.
      after: async (tx2, done) => void (await issueCaseDocument(tx2, actor, done, 'supplement')),
    };
  });
}
