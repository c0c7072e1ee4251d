import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { shanghaiDate } from '../../lib/calendar.js';
import { calendarForWrite } from '../calendar/index.js';
import { resumePatch } from './clock/patches.js';
import { DomainError, listText } from '../../lib/errors.js';
import { getAppliedItem } from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import { caseMaterials, uploads } from './tables.js';
import type { MaterialInput } from './service.js';
import { attachMaterials, checkForm, checkMaterials } from './materials.js';
import { answerSpecs, answerSupplement, noticeItems } from './supplements.js';
import { transition } from './transition.js';

export async function resubmitCase(tx: Tx, actor: Actor, caseId: string, input: { form: Record<string, unknown>; materials: MaterialInput[] }, on: string = shanghaiDate(new Date())) {
  await transition(tx, actor, caseId, 'resubmit', async (tx, c) => {
    const item = (await getAppliedItem(tx, c.itemId, c.itemVersionId))!;
    const form = await checkForm(tx, item, input.form, { accountId: c.applicantAccountId, kind: actor.kind, agentAccountId: actor.agent?.accountId ?? null });
    const asks = noticeItems(c.supplementNotice);
    const present = await tx
      .select({ code: caseMaterials.materialCode, sha256: uploads.sha256, round: caseMaterials.round })
      .from(caseMaterials)
      .innerJoin(uploads, eq(uploads.id, caseMaterials.uploadId))
      .where(eq(caseMaterials.caseId, c.id));
    // The item's materials and one slot per "other" item of the notice.
    await checkMaterials(tx, actor, answerSpecs(item.materials, asks), input.materials, new Set(present.map((p) => p.code)));
    // Every material the notice names must come back new.
    const asked = asks.map((i) => i.materialCode).filter((x): x is string => !!x);
    const given = new Set(input.materials.map((m) => m.code));
    const notGiven = asked.filter((code) => !given.has(code));
    if (notGiven.length) {
      const names = item.materials.filter((m) => notGiven.includes(m.code)).map((m) => m.name);
      throw new DomainError('MATERIAL_MISSING', { names: listText(names) }, notGiven.map((code) => ({ path: `materials.${code}`, code: 'REQUIRED' })));
    }
    // A file identical (SHA-256) to the one sent before for that material: the applicant was warned
    // and sent it anyway; the clerk sees it marked.
    const latest = new Map<string, { sha256: string; round: number }>();
    for (const p of present) if ((latest.get(p.code)?.round ?? 0) <= p.round) latest.set(p.code, p);
    const ids = [...new Set(input.materials.map((m) => m.uploadId))];
    const newShas = ids.length ? await tx.select({ id: uploads.id, sha256: uploads.sha256 }).from(uploads).where(inArray(uploads.id, ids)) : [];
    const shaOf = new Map(newShas.map((u) => [u.id, u.sha256]));
    const unchanged = input.materials.filter((m) => latest.get(m.code)?.sha256 === shaOf.get(m.uploadId)).map((m) => m.code);
    const round = c.round + 1;
    await attachMaterials(tx, c.id, input.materials, round, c.bundleId ?? c.id);
    await answerSupplement(tx, c.id, c.round, new Date());
    const changedFields = Object.keys({ ...c.form, ...form }).filter((k) => JSON.stringify(c.form[k]) !== JSON.stringify(form[k]));
    // The acceptance clock resumes, its due date moved by the working days the notice was open.
    const resumed = resumePatch(await calendarForWrite(tx), c, on);
    return {
      // A supplement asked for in the online pre-review is answered back into pre-review (网上预审).
      ...(c.supplementNotice?.prereview ? { to: 'prereview' as const } : {}),
      patch: { form, round, supplementNotice: null, supplementDeadline: null, ...resumed.patch },
      note: null,
      detail: { changedFields, replacedMaterials: [...given], unchangedMaterials: unchanged, round, pausedDays: resumed.days, ...(resumed.due ? { dueDate: resumed.due } : {}) },
    };
  });
}
