import type { z } from 'zod';
import { label, local, type Lang } from '../../../lib/i18n/messages.js';
import type { guideView as guideContract, materialView } from './contract.js';
import type { GuideData, MaterialSpec } from './types.js';

export function guideView(lang: Lang, g: GuideData): z.output<typeof guideContract> {
  return {
    legalBasis: g.legalBasis.map((t) => local(lang, t)),
    audience: local(lang, g.audience),
    conditions: g.conditions.map((t) => local(lang, t)),
    process: g.process.map((t) => local(lang, t)),
    caseKind: label(lang, `caseKind.${g.caseKind}`),
    place: local(lang, g.place),
    hours: local(lang, g.hours),
    contactPhone: g.contactPhone,
    complaintPhone: g.complaintPhone,
    visits: g.visits,
    fees: g.fees.map((f) => ({ name: local(lang, f.name), amountFen: f.amountFen, basis: local(lang, f.basis) })),
    result: local(lang, g.result),
  };
}

export function materialsView(lang: Lang, materials: MaterialSpec[]): z.output<typeof materialView>[] {
  return materials.map((m) => ({
    code: m.code,
    name: local(lang, m.name),
    required: m.required,
    description: local(lang, m.description),
    accept: m.accept,
    maxBytes: m.maxBytes,
  }));
}
