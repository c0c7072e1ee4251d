import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/uuid.js';
import { performerId, type Actor } from '../identity/index.js';
import { appendAudit } from '../supervision/index.js';
import { notifyApplicantOf } from './notifications.js';
import { canSeeCase, mayPerform } from './policy.js';
import { caseEvents, cases, type CaseStatus } from './tables.js';
import { canTransition, clockAllows, clockRefusal, intermediateTargets, transitions, type CaseAction } from './stateMachine.js';
import { loadTasks, type CaseTaskRow } from './flow/tasks.js';
import type { CaseRow } from './service.js';

/** `actor` null: the platform itself (the deadline watch). */
export async function recordEvent(
  tx: Tx,
  actor: Actor | null,
  c: { id: string; caseNo: string },
  action: CaseAction | 'submit' | 'issue',
  fromStatus: CaseStatus | null,
  toStatus: CaseStatus,
  note: string | null,
  detail: Record<string, unknown> = {},
) {
  const onBehalf = actor?.agent ? { onBehalfOf: actor.accountId } : {};
  const by = actor ? performerId(actor) : null;
  await tx.insert(caseEvents).values({ id: uuidv7(), caseId: c.id, actorAccountId: by, action, fromStatus, toStatus, note, detail: { ...detail, ...onBehalf } });
  await appendAudit(tx, {
    actorAccountId: by,
    action: `case.${action}`,
    entityType: 'case',
    entityId: c.id,
    detail: { caseNo: c.caseNo, from: fromStatus, to: toStatus, ...detail, ...onBehalf },
  });
  // The applicant hears of it in the same transaction (see notifications.ts for which actions).
  await notifyApplicantOf(tx, c.id, { action, toStatus, note, detail });
}

/**
 * Runs one transition: locks the case row, hides it from those who may not see it, checks the
 * actor's right and the state machine, then lets `apply` write the change and the events, all
 * in the caller's transaction. A second concurrent caller waits on the lock and then finds the new state.
 */
export async function transition<T>(
  tx: Tx,
  actor: Actor,
  caseId: string,
  action: CaseAction,
  apply: (
    tx: Tx,
    c: CaseRow,
    tasks: CaseTaskRow[],
  ) => Promise<{ patch: Partial<CaseRow>; note: string | null; detail?: Record<string, unknown>; to?: CaseStatus; after?: (tx: Tx, c: CaseRow) => Promise<T> }>,
): Promise<T | undefined> {
  const [c] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  // The approval tasks are read under the case's lock: every task write holds it too.
  const tasks = c ? await loadTasks(tx, c.id) : [];
  const ref = c ? { ...c, tasks } : undefined;
  if (!ref || !canSeeCase(actor, ref)) throw new DomainError('NOT_FOUND');
  if (!canTransition(ref.status, action)) throw new DomainError('ILLEGAL_TRANSITION', { status: ref.status, action });
  if (!mayPerform(actor, ref, action)) throw new DomainError('FORBIDDEN');
  if (!clockAllows(ref, action)) throw new DomainError(clockRefusal(action));
  const { patch, note, detail, after, to: chosen } = await apply(tx, c!, tasks);
  const to = chosen && (chosen === transitions[action].to || intermediateTargets[action]?.includes(chosen)) ? chosen : transitions[action].to;
  const now = new Date();
  await tx.update(cases).set({ ...patch, status: to, updatedAt: now }).where(eq(cases.id, c!.id));
  await recordEvent(tx, actor, c!, action, c!.status, to, note, detail);
  return after ? after(tx, { ...c!, ...patch, status: to }) : undefined;
}
