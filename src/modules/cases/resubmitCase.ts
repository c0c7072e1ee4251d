import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { DomainError, listText } from '../../lib/errors.js';
import { getAppliedItem } from '../catalog/index.js';
import type { Actor } from '../identity/index.js';
import { caseMaterials } from './tables.js';
import type { MaterialInput } from './service.js';
import { attachMaterials, checkForm, checkMaterials } from './materials.js';
import { transition } from './transition.js';

export async function resubmitCase(tx: Tx, actor: Actor, caseId: string, input: { form: Record<string, unknown>; materials: MaterialInput[] }) {
  await transition(tx, actor, caseId, 'resubmit', async (tx, c) => {
    const item = (await getAppliedItem(tx, c.itemId, c.itemVersionId))!;
    const form = await checkForm(tx, item, input.form, { accountId: c.applicantAccountId, kind: actor.kind, agentAccountId: actor.agent?.accountId ?? null });
    const present = await tx.selectDistinct({ code: caseMaterials.materialCode }).from(caseMaterials).where(eq(caseMaterials.caseId, c.id));
    await checkMaterials(tx, actor, item.materials, input.materials, new Set(present.map((p) => p.code)));
    // Every material the notice names must come back new.
    const asked = (c.supplementNotice?.items ?? []).map((i) => i.materialCode).filter((x): x is string => !!x);
    const given = new Set(input.materials.map((m) => m.code));
    const notGiven = asked.filter((code) => !given.has(code));
    if (notGiven.length) {
      const names = item.materials.filter((m) => notGiven.includes(m.code)).map((m) => m.name);
      throw new DomainError('MATERIAL_MISSING', { names: listText(names) }, notGiven.map((code) => ({ path: `materials.${code}`, code: 'REQUIRED' })));
    }
    const round = c.round + 1;
    await attachMaterials(tx, c.id, input.materials, round, c.bundleId ?? c.id);
    const changedFields = Object.keys({ ...c.form, ...form }).filter((k) => JSON.stringify(c.form[k]) !== JSON.stringify(form[k]));
    return {
      patch: { form, round, supplementNotice: null },
      note: null,
      detail: { changedFields, replacedMaterials: [...given], round },
    };
  });
}
