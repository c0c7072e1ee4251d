import type { Tx } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { getAppliedItem } from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import type { SupplementNotice } from './tables.js';
import { issueCaseDocument } from './documents/issueCaseDocument.js';
import { transition } from './transition.js';

export async function requestSupplement(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: { items: { materialCode?: string | null | undefined; reason: string }[]; note?: string | null | undefined },
) {
  await transition(tx, actor, caseId, 'supplement', async (tx, c) => {
    const item = (await getAppliedItem(tx, c.itemId, c.itemVersionId))!;
    const codes = new Set(item.materials.map((m) => m.code));
    input.items.forEach((it, i) => {
      if (it.materialCode && !codes.has(it.materialCode)) {
        throw new DomainError('VALIDATION', {}, [{ path: `items.${i}.materialCode`, code: 'BAD_OPTION' }]);
      }
    });
    const notice: SupplementNotice = {
      items: input.items.map((it) => ({ materialCode: it.materialCode ?? null, reason: it.reason })),
      note: input.note ?? null,
      at: new Date().toISOString(),
      round: c.round,
    };
    return {
      patch: { supplementNotice: notice },
      note: input.note ?? null,
      detail: { items: notice.items },
      // 补正告知书 (the one-time notice on paper), in the same transaction.
      after: async (tx2, done) => void (await issueCaseDocument(tx2, actor, done, 'supplement')),
    };
  });
}
