import type { Tx } from '../../db/client.js';
import { shanghaiDate } from '../../lib/calendar.js';
import { calendarForWrite } from '../calendar/index.js';
import { getAppliedItem } from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import { issueCaseDocument } from './documents/issueCaseDocument.js';
import { startFlow } from './flow/tasks.js';
import { clockDates } from './clock/dates.js';
import { transition } from './transition.js';

/** `now`: the moment of acceptance (the hall and the tests pass theirs; the limit runs from its day in Asia/Shanghai). */
export async function acceptCase(tx: Tx, actor: Actor, caseId: string, now: Date = new Date()) {
  await transition(tx, actor, caseId, 'accept', async (tx, c) => {
    const item = (await getAppliedItem(tx, c.itemId, c.itemVersionId))!;
    // 承诺时限 runs from acceptance, in working days on the official calendar: the version the
    // database has committed, held until this transaction ends (a schedule entry recounts after us).
    const calendar = await calendarForWrite(tx);
    const dueLimitDays = item.promisedLimitDays;
    // The acceptance clock stops here; the promised clock starts green, unpaused, unextended.
    const due = clockDates(calendar, shanghaiDate(now), dueLimitDays, 0);
    return {
      patch: {
        acceptedAt: now,
        dueDate: due.due,
        warnDate: due.warn,
        dueLimitDays,
        supplementNotice: null,
        supplementDeadline: null,
        pausedSince: null,
        pauseKind: null,
        pausedDays: 0,
        extensionDays: 0,
        extensionRequest: null,
        clockColour: 'green',
      },
      note: null,
      detail: { dueDate: due.due, ...(due.provisional ? { dueDateProvisional: true } : {}) },
      // The first step of the case's approval flow opens with the acceptance; 受理通知书 in the same transaction.
      after: async (tx2, done) => {
        await startFlow(tx2, c, now);
        await issueCaseDocument(tx2, actor, done, 'acceptance');
      },
    };
  });
}
