import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { shanghaiDate } from '../../lib/calendar.js';
import { DomainError, listText } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/uuid.js';
import { getServiceItem, isItemOffered } from '../catalog/index.js';
import { performerId, type Actor } from '../identity/index.js';
import { appendAudit } from '../supervision/index.js';
import { bilingualLabel } from '../../lib/i18n/messages.js';
import { maySubmitAtHall } from './hall/policy.js';
import type { MaterialInput } from './service.js';
import { checkForm, checkMaterials, uniqueUploadError } from './materials.js';

/** Who the case is for: the caller online, or the walk-in a window clerk serves at the hall. */
export type SubmitVia = { channel: 'online' } | { channel: 'hall'; applicant: Pick<Actor, 'accountId' | 'kind' | 'level'> };

export async function submitCase(
  tx: Tx,
  actor: Actor,
  input: { itemId: string; form: Record<string, unknown>; materials: MaterialInput[] },
  regionCode: string,
  via: SubmitVia = { channel: 'online' },
): Promise<{ id: string; caseNo: string; status: 'submitted'; submittedAt: string }> {
  const item = await getServiceItem(tx, input.itemId);
  if (!item || !isItemOffered(item)) throw new DomainError('ITEM_UNAVAILABLE');
  const applicant = via.channel === 'hall' ? via.applicant : actor;
  if (via.channel === 'hall' && !maySubmitAtHall(actor, item.departmentId)) throw new DomainError('FORBIDDEN');
  if (applicant.kind === 'staff') throw new DomainError('FORBIDDEN');
  if (!item.applicantKinds.includes(applicant.kind)) {
    throw new DomainError('APPLICANT_KIND', { kinds: listText(item.applicantKinds.map((k) => bilingualLabel(`applicantKind.${k}`))) });
  }
  if (actor.agent?.itemCodes && !actor.agent.itemCodes.includes(item.code)) throw new DomainError('ITEM_NOT_AUTHORISED');
  // The weaker of the principal's and the agent's real-name level decides.
  const level = Math.min(applicant.level, actor.agent?.level ?? applicant.level);
  if (level < item.minLevel) throw new DomainError('LEVEL_TOO_LOW', { required: item.minLevel, current: level });
  const form = checkForm(item, input.form);
  const submittedBy = performerId(actor) === applicant.accountId ? null : performerId(actor);
  // Uploads are never handed over, so ownership is checked with a plain read; the unique upload_id
  // on case_materials still stops one file joining two cases, and its foreign key one the purge of
  // unattached uploads removed in between.
  await checkMaterials(tx, actor, item.materials, input.materials, new Set());
  const now = new Date();
  const id = uuidv7();
  const day = shanghaiDate(now).replace(/-/g, '');
  const materials = input.materials.map((m) => ({ id: uuidv7(), code: m.code, upload_id: m.uploadId }));
  // Counter, case, materials and first history entry in one statement: the counter row is the
  // hot spot every submission of the day locks, so it is held for as few round trips as possible.
  // (Foreign keys are checked at the end of the statement, after all four inserts.)
  let inserted;
  try {
    inserted = await tx.execute(sql`
      WITH n AS (
        INSERT INTO case_counters (region_code, day, seq) VALUES (${regionCode}, ${day}, 1)
        ON CONFLICT (region_code, day) DO UPDATE SET seq = case_counters.seq + 1
        RETURNING seq
      ), c AS (
        INSERT INTO cases (id, case_no, item_id, department_id, applicant_account_id, status, channel, submitted_by_account_id, form, round, submitted_at, updated_at)
        SELECT ${id}, ${regionCode} || '-' || ${day} || '-' || lpad(n.seq::text, 6, '0'), ${item.id}, ${item.departmentId},
               ${applicant.accountId}, 'submitted', ${via.channel}, ${submittedBy}, ${JSON.stringify(form)}::jsonb, 1, ${now.toISOString()}, ${now.toISOString()}
        FROM n
        RETURNING id, case_no
      ), m AS (
        INSERT INTO case_materials (id, case_id, material_code, upload_id, round)
        SELECT x.id, c.id, x.code, x.upload_id, 1
        FROM c, jsonb_to_recordset(${JSON.stringify(materials)}::jsonb) AS x(id uuid, code text, upload_id uuid)
      ), e AS (
        INSERT INTO case_events (id, case_id, actor_account_id, action, from_status, to_status, note, detail)
        SELECT ${uuidv7()}, c.id, ${performerId(actor)}, 'submit', NULL, 'submitted', NULL, ${JSON.stringify({ itemCode: item.code, channel: via.channel, ...(actor.agent ? { onBehalfOf: actor.accountId } : {}) })}::jsonb
        FROM c
      )
      SELECT case_no FROM c`);
  } catch (e) {
    throw uniqueUploadError(e);
  }
  const caseNo = (inserted as unknown as { rows: { case_no: string }[] }).rows[0]!.case_no;
  await appendAudit(tx, {
    actorAccountId: performerId(actor),
    action: 'case.submit',
    entityType: 'case',
    entityId: id,
    detail: {
      caseNo,
      from: null,
      to: 'submitted',
      itemCode: item.code,
      channel: via.channel,
      ...(submittedBy ? { applicant: applicant.accountId } : {}),
      ...(actor.agent ? { onBehalfOf: actor.accountId, authorisationId: actor.agent.authorisationId } : {}),
    },
  });
  return { id, caseNo, status: 'submitted' as const, submittedAt: now.toISOString() };
}
