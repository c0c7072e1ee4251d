import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { errorText, type Lang } from '../../lib/i18n/messages.js';
import type { Actor } from '../identity/index.js';
import { acceptCase } from './acceptCase.js';
import { loadTasks } from './flow/tasks.js';
import { canSeeCase } from './policy.js';
import { cases } from './tables.js';

export type BulkAcceptResult =
  | { caseId: string; accepted: true; status: 'accepted' }
  | { caseId: string; accepted: false; problem: { code: string; status: number; title: string; detail: string } };

/**
 * 批量受理: the window accepts pre-reviewed cases (网上预审通过) in one go. Each case is accepted in a
 * savepoint of the caller's transaction, with every check of a single acceptance (not the clerk's
 * department looks like not found, the clerk's right, the state machine): a case that fails rolls
 * back to its savepoint alone and is answered with its problem; the others stay accepted. Only
 * `prereviewed` cases are taken, since a case not yet checked online must be checked one by one.
 */
export async function bulkAccept(tx: Tx, actor: Actor, caseIds: readonly string[], lang: Lang, now: Date = new Date()): Promise<BulkAcceptResult[]> {
  const results: BulkAcceptResult[] = [];
  for (const caseId of caseIds) {
    try {
      await tx.transaction(async (sp) => {
        const [c] = await sp.select().from(cases).where(eq(cases.id, caseId)).for('update');
        if (!c || !canSeeCase(actor, { ...c, tasks: await loadTasks(sp, c.id) })) throw new DomainError('NOT_FOUND');
        if (c.status !== 'prereviewed') throw new DomainError('NOT_PREREVIEWED', { status: c.status });
        await acceptCase(sp, actor, caseId, now);
      });
      results.push({ caseId, accepted: true, status: 'accepted' });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      results.push({ caseId, accepted: false, problem: { code: e.code, status: e.status, ...errorText(lang, e.code, e.params) } });
    }
  }
  return results;
}
