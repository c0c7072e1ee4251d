import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/uuid.js';
import { performerId, type Actor } from '../identity/index.js';
import { appendAudit } from '../supervision/index.js';
import { canSeeCase, mayPerform } from './policy.js';
import { caseEvents, cases, type CaseStatus } from './tables.js';
import { canTransition, transitions, type CaseAction } from './stateMachine.js';
import type { CaseRow } from './service.js';

export async function recordEvent(
  tx: Tx,
  actor: Actor,
  c: { id: string; caseNo: string },
  action: CaseAction | 'submit' | 'issue',
  fromStatus: CaseStatus | null,
  toStatus: CaseStatus,
  note: string | null,
  detail: Record<string, unknown> = {},
) {
  const onBehalf = actor.agent ? { onBehalfOf: actor.accountId } : {};
  await tx.insert(caseEvents).values({ id: uuidv7(), caseId: c.id, actorAccountId: performerId(actor), action, fromStatus, toStatus, note, detail: { ...detail, ...onBehalf } });
  await appendAudit(tx, {
    actorAccountId: performerId(actor),
    action: `case.${action}`,
    entityType: 'case',
    entityId: c.id,
    detail: { caseNo: c.caseNo, from: fromStatus, to: toStatus, ...detail, ...onBehalf },
  });
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
  apply: (tx: Tx, c: CaseRow) => Promise<{ patch: Partial<CaseRow>; note: string | null; detail?: Record<string, unknown>; after?: (tx: Tx, c: CaseRow) => Promise<T> }>,
): Promise<T | undefined> {
  const [c] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  if (!c || !canSeeCase(actor, c)) throw new DomainError('NOT_FOUND');
  if (!mayPerform(actor, c, action)) throw new DomainError('FORBIDDEN');
  if (!canTransition(c.status, action)) throw new DomainError('ILLEGAL_TRANSITION', { status: c.status, action });
  const { patch, note, detail, after } = await apply(tx, c);
  const to = transitions[action].to;
  const now = new Date();
  await tx.update(cases).set({ ...patch, status: to, updatedAt: now }).where(eq(cases.id, c.id));
  await recordEvent(tx, actor, c, action, c.status, to, note, detail);
  return after ? after(tx, { ...c, ...patch, status: to }) : undefined;
}
