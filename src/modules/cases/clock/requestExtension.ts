import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../../lib/errors.js';
import { getAppliedItem } from '../../catalog/index.js';
import type { Actor } from '../../identity/index.js';
import type { CaseRow } from '../service.js';
import { transition } from '../transition.js';

/**
 * The working days an extension may still add: the promised limit plus every extension may not pass
 * the statutory limit (法定时限), both counted in working days from acceptance (the paused days of
 * special procedures do not count against either).
 */
export async function extensionRoom(tx: Tx, c: CaseRow): Promise<{ legalLimitDays: number; maxDays: number }> {
  const item = (await getAppliedItem(tx, c.itemId, c.itemVersionId))!;
  const legalLimitDays = item.legalLimitDays;
  return { legalLimitDays, maxDays: Math.max(0, legalLimitDays - (c.dueLimitDays ?? 0) - c.extensionDays) };
}

export async function assertWithinLegalLimit(tx: Tx, c: CaseRow, days: number) {
  const room = await extensionRoom(tx, c);
  if (days > room.maxDays) throw new DomainError('EXTENSION_BEYOND_LEGAL_LIMIT', room);
}

/** 延期: an approver of the case's department asks for N more working days, with a reason; the department head decides. */
export async function requestExtension(tx: Tx, actor: Actor, caseId: string, input: { days: number; reason: string }) {
  await transition(tx, actor, caseId, 'extension_request', async (tx, c) => {
    await assertWithinLegalLimit(tx, c, input.days);
    return {
      patch: { extensionRequest: { days: input.days, reason: input.reason, at: new Date().toISOString(), byAccountId: actor.accountId } },
      note: input.reason,
      detail: { days: input.days },
    };
  });
}
