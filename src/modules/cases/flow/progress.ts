import type { Executor } from '../../../db/client.js';
import type { LocalText } from '../../../db/types.js';
import { getAppliedFlow, stepName } from '../../catalog/index.js';
import { cases } from '../tables.js';
import { eq } from 'drizzle-orm';
import { liveTasks, loadTasks } from './tasks.js';

export type FlowProgressStep = { name: LocalText; parallel: boolean; state: 'pending' | 'open' | 'agreed' | 'disagreed' };

/**
 * The approval steps of a case in order with their state, for a progress display: the flow of the
 * case's version (the default single step when it has none) and how far its tasks have come.
 * Null when there is no such case. The caller has checked the reader may see the case.
 */
export async function caseFlowProgress(db: Executor, caseId: string): Promise<FlowProgressStep[] | null> {
  const [c] = await db.select({ itemVersionId: cases.itemVersionId }).from(cases).where(eq(cases.id, caseId)).limit(1);
  if (!c) return null;
  const [flow, tasks] = await Promise.all([getAppliedFlow(db, c.itemVersionId), loadTasks(db, caseId)]);
  const live = liveTasks(tasks);
  return flow.map((step, s) => {
    const rows = live.filter((t) => t.step === s);
    const state = !rows.length ? 'pending' : rows.some((t) => t.status === 'disagreed') ? 'disagreed' : rows.some((t) => t.status === 'open') ? 'open' : 'agreed';
    return { name: stepName(step), parallel: 'parallel' in step, state };
  });
}
