import type { Tx } from '../../db/client.js';
import { performerId, type Actor } from '../identity/index.js';
import type { FileStores } from '../files/index.js';
import { appendAudit } from '../supervision/index.js';
import { isAuditedRead } from './policy.js';
import { getCaseFor, type CaseRow } from './service.js';
import { readMaterial } from './uploads.js';
import type { CaseTaskRow } from './flow/tasks.js';

type ReadCase = { id: string; caseNo: string };
type ReadWhat = { what: 'case' } | { what: 'material'; materialId: string };

/** One audit event for a read outside the handling path (the supervisor's): who read which case, and what of it. */
export async function recordCaseRead(tx: Tx, actor: Actor, c: ReadCase, read: ReadWhat): Promise<void> {
  await appendAudit(tx, {
    actorAccountId: performerId(actor),
    action: 'case.read_supervisory',
    entityType: 'case',
    entityId: c.id,
    detail: { caseNo: c.caseNo, ...read },
  });
}

/** The case as the actor may see it; a supervisor's read is audited before anything is returned. */
export async function readCase(tx: Tx, actor: Actor, caseId: string): Promise<CaseRow & { tasks: CaseTaskRow[] }> {
  const c = await getCaseFor(tx, actor, caseId);
  if (isAuditedRead(actor, c)) await recordCaseRead(tx, actor, c, { what: 'case' });
  return c;
}

/** A material's file as the actor may see it, on the same terms as its case. */
export async function readCaseMaterial(tx: Tx, files: FileStores, actor: Actor, materialId: string) {
  const m = await readMaterial(tx, files, actor, materialId);
  if (isAuditedRead(actor, m)) await recordCaseRead(tx, actor, { id: m.caseId, caseNo: m.caseNo }, { what: 'material', materialId });
  return m;
}
