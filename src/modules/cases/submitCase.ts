import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { currentCalendar, shanghaiDate } from '../../lib/calendar.js';
import { DomainError, listText } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/uuid.js';
import { getItemRules, isItemOffered, needsPreReview } from '../catalog/index.js';
import { performerId, type Actor } from '../identity/index.js';
import { auditAppendCall } from '../supervision/index.js';
import { bilingualLabel } from '../../lib/i18n/messages.js';
import { maySubmitAtHall } from './hall/policy.js';
import { acceptanceClock } from './clock/acceptanceClock.js';
import { caseDrafts } from './tables.js';
import type { MaterialInput } from './service.js';
import { checkForm, checkMaterialCodes, checkMaterialUploads, uniqueUploadError, uploadIdArray } from './materials.js';

/** Who the case is for: the caller online, or the walk-in a window clerk serves at the hall. */
export type SubmitVia = { channel: 'online' } | { channel: 'hall'; applicant: Pick<Actor, 'accountId' | 'kind' | 'level'> };

/**
 * A member case of a theme application (一件事): its id is chosen by the bundle (members name each
 * other as prerequisites), the bundle has already claimed every upload it names (so the case only
 * attaches them under the bundle's claim), and a member with prerequisites starts `waiting`.
 */
export type BundleMember = { id: string; bundleId: string; waitsFor: string[] };

type SubmitInput = { itemId: string; form: Record<string, unknown>; materials: MaterialInput[] };

type Receipt<S> = { id: string; caseNo: string; status: S; submittedAt: string };

/**
 * A single application is `submitted`, or `prereview` when submitted online for an item that ends
 * in a hall visit (catalog's needsPreReview; at the hall the window accepts it at once); a bundle
 * member (一件事, never pre-reviewed) may start `waiting`.
 */
export async function submitCase(tx: Tx, actor: Actor, input: SubmitInput, regionCode: string, via?: SubmitVia): Promise<Receipt<'submitted' | 'prereview'>>;
export async function submitCase(tx: Tx, actor: Actor, input: SubmitInput, regionCode: string, via: SubmitVia, bundle: BundleMember): Promise<Receipt<'submitted' | 'waiting'>>;
export async function submitCase(
  tx: Tx,
  actor: Actor,
  input: SubmitInput,
  regionCode: string,
  via: SubmitVia = { channel: 'online' },
  bundle: BundleMember | null = null,
): Promise<Receipt<'submitted' | 'prereview' | 'waiting'>> {
  const item = await getItemRules(tx, input.itemId);
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
  const form = await checkForm(tx, item, input.form, { accountId: applicant.accountId, kind: applicant.kind, agentAccountId: actor.agent?.accountId ?? null });
  const submittedBy = performerId(actor) === applicant.accountId ? null : performerId(actor);
  checkMaterialCodes(item.materials, input.materials);
  const now = new Date();
  const id = bundle?.id ?? uuidv7();
  const status = bundle?.waitsFor.length ? 'waiting' : !bundle && via.channel === 'online' && needsPreReview(item) ? 'prereview' : 'submitted';
  // The upload's claim: the case itself, or (a bundle member) the bundle, which claimed the uploads already.
  const claimId = bundle?.bundleId ?? id;
  const day = shanghaiDate(now).replace(/-/g, '');
  // 受理时限 runs from submission; a waiting bundle member's starts when it is released.
  const clock = status !== 'waiting' ? acceptanceClock(currentCalendar(), shanghaiDate(now)) : { acceptLimitDays: null, acceptDueDate: null, warnDate: null };
  const uploadIds = [...new Set(input.materials.map((m) => m.uploadId))];
  const materials = input.materials.map((m) => ({ id: uuidv7(), code: m.code, upload_id: m.uploadId }));
  // Online, the applicant's draft of the item (暂存) ends with this submission: the submission's
  // audit event names it (`draftId`), so the chain shows the draft became this case.
  const ending = via.channel === 'online' && !bundle ? await draftOf(tx, applicant.accountId, item.id) : null;
  const audit = auditAppendCall(
    {
      actorAccountId: performerId(actor),
      action: 'case.submit',
      entityType: 'case',
      entityId: id,
      detail: {
        from: null,
        to: status,
        itemCode: item.code,
        ...(bundle ? { bundleId: bundle.bundleId } : {}),
        channel: via.channel,
        ...(submittedBy ? { applicant: applicant.accountId } : {}),
        ...(actor.agent ? { onBehalfOf: actor.accountId, authorisationId: actor.agent.authorisationId } : {}),
        ...(ending ? { draftId: ending } : {}),
      },
    },
    { caseNo: sql`c.case_no` },
  );
  // One statement writes the case: the caller's uploads among those named (u), the day's counter,
  // the case, its materials (only uploads found in u), the first history entry and the audit row.
  // The counter row and the audit chain head are the two locks every submission takes, so they are
  // held for this statement and the COMMIT only. The materials are checked on what u returned; if a
  // check fails, the error rolls everything back. Uploads are never handed over, so ownership is a
  // plain read; the upload's claim (k: upload_claims' primary key) still stops one file joining two
  // cases, case_materials' unique (upload, case) one file twice in one case, and the foreign keys one
  // the purge of unattached uploads removed in between. (Foreign keys are checked at the end of the
  // statement, after all the inserts.) A bundle member's uploads are claimed by the bundle beforehand.
  // Online, the applicant's draft of the item (暂存), if any, ends in the same statement (d).
  let row: { case_no: string; uploads: { id: string; mime: string; size: number }[] };
  try {
    const result = await tx.execute(sql`
      WITH u AS (
        SELECT id, mime, size FROM uploads
        WHERE id = ANY(${uploadIdArray(uploadIds)}) AND owner_account_id = ${actor.accountId}
      ), n AS (
        INSERT INTO case_counters (region_code, day, seq) VALUES (${regionCode}, ${day}, 1)
        ON CONFLICT (region_code, day) DO UPDATE SET seq = case_counters.seq + 1
        RETURNING seq
      ), c AS (
        INSERT INTO cases (id, case_no, item_id, item_version_id, department_id, applicant_account_id, status, channel, submitted_by_account_id, form, round, submitted_at, updated_at, accept_limit_days, accept_due_date, warn_date${bundle ? sql`, bundle_id, waits_for` : sql``})
        SELECT ${id}, ${regionCode} || '-' || ${day} || '-' || lpad(n.seq::text, 6, '0'), ${item.id}, ${item.currentVersionId}, ${item.departmentId},
               ${applicant.accountId}, ${status}, ${via.channel}, ${submittedBy}, ${JSON.stringify(form)}::jsonb, 1, ${now.toISOString()}, ${now.toISOString()}, ${clock.acceptLimitDays}::int, ${clock.acceptDueDate}::date, ${clock.warnDate}::date${bundle ? sql`, ${bundle.bundleId}::uuid, ${JSON.stringify(bundle.waitsFor)}::jsonb` : sql``}
        FROM n
        RETURNING id, case_no
      ), ${bundle ? sql`` : sql`k AS (
        INSERT INTO upload_claims (upload_id, claim_id) SELECT u.id, ${claimId}::uuid FROM u
      ), `}m AS (
        INSERT INTO case_materials (id, case_id, material_code, upload_id, claim_id, round)
        SELECT x.id, c.id, x.code, x.upload_id, ${claimId}::uuid, 1
        FROM c, jsonb_to_recordset(${JSON.stringify(materials)}::jsonb) AS x(id uuid, code text, upload_id uuid)
        WHERE x.upload_id IN (SELECT id FROM u)
      ), ${via.channel === 'online' && !bundle ? sql`d AS (
        DELETE FROM case_drafts WHERE applicant_account_id = ${applicant.accountId} AND item_id = ${item.id} AND EXISTS (SELECT 1 FROM c)
      ), ` : sql``}e AS (
        INSERT INTO case_events (id, case_id, actor_account_id, action, from_status, to_status, note, detail)
        SELECT ${uuidv7()}, c.id, ${performerId(actor)}, 'submit', NULL, ${status}, NULL, ${JSON.stringify({ itemCode: item.code, channel: via.channel, ...(bundle ? { bundleId: bundle.bundleId } : {}), ...(actor.agent ? { onBehalfOf: actor.accountId } : {}) })}::jsonb
        FROM c
      ), a AS (
        SELECT ${audit} AS seq FROM c
      )
      SELECT c.case_no, (SELECT coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'mime', u.mime, 'size', u.size)), '[]'::jsonb) FROM u) AS uploads, a.seq
      FROM c, a`);
    row = (result as unknown as { rows: (typeof row)[] }).rows[0]!;
  } catch (e) {
    throw uniqueUploadError(e);
  }
  checkMaterialUploads(item.materials, input.materials, new Map(row.uploads.map((u) => [u.id, u])), new Set());
  const caseNo = row.case_no;
  return { id, caseNo, status, submittedAt: now.toISOString() };
}

/** The applicant's draft of the item, if any (one per applicant and item). */
async function draftOf(tx: Tx, accountId: string, itemId: string): Promise<string | null> {
  const [d] = await tx.select({ id: caseDrafts.id }).from(caseDrafts).where(and(eq(caseDrafts.applicantAccountId, accountId), eq(caseDrafts.itemId, itemId))).limit(1);
  return d?.id ?? null;
}
