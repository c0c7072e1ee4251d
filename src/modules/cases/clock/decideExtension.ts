import type { Tx } from '../../../db/client.js';
import { shanghaiDate } from '../../../lib/calendar.js';
import { calendarForWrite } from '../../calendar/index.js';
import type { Actor } from '../../identity/index.js';
import { transition } from '../transition.js';
import { promisedPatch } from './patches.js';
import { assertWithinLegalLimit } from './requestExtension.js';

/**
 * The department head approves or refuses the pending extension. Approved, the promised limit grows
 * by its days (checked again against the statutory limit) and the due and warning dates are
 * recounted; refused, nothing but the history changes. Either way the request is closed.
 */
export async function decideExtension(tx: Tx, actor: Actor, caseId: string, input: { approve: boolean; note?: string | null | undefined }, on: string = shanghaiDate(new Date())) {
  await transition(tx, actor, caseId, input.approve ? 'extension_approve' : 'extension_refuse', async (tx, c) => {
    const asked = c.extensionRequest!;
    if (!input.approve) return { patch: { extensionRequest: null }, note: input.note ?? null, detail: { days: asked.days } };
    await assertWithinLegalLimit(tx, c, asked.days);
    const { patch, provisional } = promisedPatch(await calendarForWrite(tx), c, c.pausedDays, c.extensionDays + asked.days, on);
    // A paused case keeps its colour until it resumes.
    const { clockColour, ...dates } = patch;
    return {
      patch: { ...dates, ...(c.pausedSince ? {} : { clockColour }), extensionRequest: null },
      note: input.note ?? null,
      detail: { days: asked.days, reason: asked.reason, dueDate: patch.dueDate, ...(provisional ? { dueDateProvisional: true } : {}) },
    };
  });
}
