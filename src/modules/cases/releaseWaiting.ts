import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { currentCalendar, shanghaiDate } from '../../lib/calendar.js';
import { acceptanceClock } from './clock/acceptanceClock.js';
import type { Actor } from '../identity/index.js';
import { cases } from './tables.js';
import { transitions } from './stateMachine.js';
import { recordEvent } from './transition.js';
import type { CaseRow } from './service.js';

/**
 * After a member of a theme application is completed (in the same transaction): every waiting
 * member of its bundle whose prerequisites are now all completed is released — it becomes
 * `submitted` and enters its department's intake queue, its submission time (the queue's order)
 * being now; the promised limit then runs from its acceptance, as for any case. The history records
 * the release, with the approval that caused it as its actor, and the applicant is told
 * (`theme_released`). Returns the released case numbers.
 */
export async function releaseWaiting(tx: Tx, actor: Actor, done: Pick<CaseRow, 'id' | 'caseNo' | 'bundleId'>): Promise<string[]> {
  if (!done.bundleId) return [];
  const waiting = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.bundleId, done.bundleId), eq(cases.status, 'waiting'), sql`${cases.waitsFor} ? ${done.id}`))
    .orderBy(cases.caseNo)
    .for('update');
  if (!waiting.length) return [];
  const prerequisites = [...new Set(waiting.flatMap((w) => w.waitsFor ?? []))];
  const states = new Map((await tx.select({ id: cases.id, status: cases.status, caseNo: cases.caseNo }).from(cases).where(inArray(cases.id, prerequisites))).map((r) => [r.id, r]));
  const released: string[] = [];
  const { from, to } = transitions.release;
  for (const w of waiting) {
    const prior = (w.waitsFor ?? []).map((id) => states.get(id));
    if (!from.includes(w.status) || prior.some((p) => p?.status !== 'completed')) continue;
    const now = new Date();
    // Its acceptance clock (受理时限) starts now.
    await tx.update(cases).set({ status: to, submittedAt: now, updatedAt: now, ...acceptanceClock(currentCalendar(), shanghaiDate(now)) }).where(eq(cases.id, w.id));
    await recordEvent(tx, actor, w, 'release', w.status, to, null, { after: prior.map((p) => p!.caseNo), bundleId: done.bundleId });
    released.push(w.caseNo);
  }
  return released;
}

/**
 * After a member of a theme application is rejected, denied or lapsed (in the same transaction):
 * the waiting members that depend on it, directly or through other waiting members, can never
 * start — each is cancelled (`cancelled`, closed now) with a history entry naming the prerequisite
 * and a message to the applicant (`theme_cancelled`), so they see why. `actor` null: the platform
 * (a lapse). Returns the cancelled case numbers.
 */
export async function cancelDependants(tx: Tx, actor: Actor | null, ended: Pick<CaseRow, 'id' | 'caseNo' | 'bundleId'>): Promise<string[]> {
  if (!ended.bundleId) return [];
  const waiting = await tx.select().from(cases).where(and(eq(cases.bundleId, ended.bundleId), eq(cases.status, 'waiting'))).orderBy(cases.caseNo).for('update');
  const gone = new Map([[ended.id, ended.caseNo]]);
  const cancelled: string[] = [];
  const { from, to } = transitions.cancel;
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of waiting) {
      if (gone.has(w.id) || !from.includes(w.status)) continue;
      const blockers = (w.waitsFor ?? []).filter((id) => gone.has(id));
      if (!blockers.length) continue;
      const now = new Date();
      await tx.update(cases).set({ status: to, completedAt: now, updatedAt: now }).where(eq(cases.id, w.id));
      await recordEvent(tx, actor, w, 'cancel', w.status, to, null, { after: blockers.map((id) => gone.get(id)!), bundleId: ended.bundleId });
      gone.set(w.id, w.caseNo);
      cancelled.push(w.caseNo);
      changed = true;
    }
  }
  return cancelled;
}
