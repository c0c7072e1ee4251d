import type { Executor } from '../../../db/client.js';
import { maskCreditCode, maskIdNumber, maskPhone } from '../../../lib/mask.js';
import { personIdentity } from '../../identity/index.js';
import type { PrefillSource } from './types.js';
import type { PrefillValues } from './validate.js';

/**
 * Who a form is filled for: the applicant's account and, when an agent (经办人) acts for an
 * enterprise, the agent's. `applicant.*` is the person applying (a person's own account, or the
 * enterprise's agent), `entity.*` the enterprise.
 */
export type PrefillSubject = { accountId: string; kind: 'person' | 'entity' | 'staff'; agentAccountId?: string | null };

/**
 * The applicant's values for prefilled fields, read from the identity record (never from what the
 * client sent). `wanted` limits the reads to the sources a form uses.
 */
export async function applicantPrefill(db: Executor, who: PrefillSubject, wanted: readonly PrefillSource[]): Promise<PrefillValues> {
  if (wanted.length === 0 || who.kind === 'staff') return {};
  const out: PrefillValues = {};
  const needPerson = wanted.some((s) => s.startsWith('applicant.'));
  const needEntity = wanted.some((s) => s.startsWith('entity.'));
  const personId = who.kind === 'person' ? who.accountId : (who.agentAccountId ?? null);
  if (needPerson && personId) {
    const p = await personIdentity(db, personId);
    if (p) Object.assign(out, { 'applicant.name': p.name, 'applicant.idNumber': p.idNumber, 'applicant.phone': p.phone });
  }
  if (needEntity && who.kind === 'entity') {
    const e = await personIdentity(db, who.accountId);
    if (e) Object.assign(out, { 'entity.name': e.name, 'entity.creditCode': e.creditCode });
  }
  return Object.fromEntries(Object.entries(out).filter(([k, v]) => wanted.includes(k as PrefillSource) && v)) as PrefillValues;
}

/** The same values for display in the portal: identity numbers masked (脱敏). */
export function maskedPrefill(values: PrefillValues): Partial<Record<PrefillSource, string>> {
  const mask: Partial<Record<PrefillSource, (s: string) => string>> = { 'applicant.idNumber': maskIdNumber, 'applicant.phone': maskPhone, 'entity.creditCode': maskCreditCode };
  const out: Partial<Record<PrefillSource, string>> = {};
  for (const [k, v] of Object.entries(values) as [PrefillSource, string | null | undefined][]) if (v) out[k] = mask[k]?.(v) ?? v;
  return out;
}
