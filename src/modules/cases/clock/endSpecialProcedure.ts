import type { Tx } from '../../../db/client.js';
import { shanghaiDate } from '../../../lib/calendar.js';
import { calendarForWrite } from '../../calendar/index.js';
import type { Actor } from '../../identity/index.js';
import { transition } from '../transition.js';
import { resumePatch } from './patches.js';

/**
 * The approver ends the special procedure on `on`: the promised clock resumes, its due date moved by
 * the working days the procedure took. A case with no procedure in progress answers CLOCK_NOT_PAUSED.
 */
export async function endSpecialProcedure(tx: Tx, actor: Actor, caseId: string, input: { note?: string | null | undefined }, on: string = shanghaiDate(new Date())) {
  await transition(tx, actor, caseId, 'special_end', async (tx, c) => {
    const resumed = resumePatch(await calendarForWrite(tx), c, on);
    return { patch: resumed.patch, note: input.note ?? null, detail: { since: c.pausedSince, until: on, pausedDays: resumed.days, dueDate: resumed.due } };
  });
}
