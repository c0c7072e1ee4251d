import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.js';
import { cases } from '../tables.js';
import { canTransition, transitions } from '../stateMachine.js';
import { recordEvent } from '../transition.js';
import { cancelDependants } from '../releaseWaiting.js';

/**
 * Ends one case whose supplement deadline passed before `today` without resubmission: `lapsed`, by
 * the platform, through the state machine, with its history entry, audit and message to the
 * applicant (`lapsed`); a theme application's members waiting for it can never start and end in
 * the same transaction (`cancelled`, as after a rejection or denial). Returns false when the
 * case is no longer waiting for a supplement (resubmitted meanwhile) or its deadline has not passed.
 */
export async function lapseCase(tx: Tx, caseId: string, today: string): Promise<boolean> {
  const [c] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  if (!c || !canTransition(c.status, 'lapse') || !c.supplementDeadline || c.supplementDeadline >= today) return false;
  const to = transitions.lapse.to;
  await tx.update(cases).set({ status: to, pausedSince: null, pauseKind: null, updatedAt: new Date(), completedAt: new Date() }).where(eq(cases.id, c.id));
  await recordEvent(tx, null, c, 'lapse', c.status, to, null, { deadline: c.supplementDeadline, on: today });
  await cancelDependants(tx, null, c);
  return true;
}

/**
 * The watch's lapse of supplement notices: the cases past their deadline (an index range on the
 * open notices' deadlines), each ended in its own transaction (a case resubmitted meanwhile stays).
 */
export async function lapseSupplements(db: Db, today: string, batch = 500): Promise<{ lapsed: number }> {
  let lapsed = 0;
  for (;;) {
    const due = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.status, 'supplement_requested'), lt(cases.supplementDeadline, today)))
      .orderBy(asc(cases.supplementDeadline))
      .limit(batch);
    for (const { id } of due) if (await db.transaction((tx) => lapseCase(tx, id, today))) lapsed++;
    if (due.length < batch) return { lapsed };
  }
}
