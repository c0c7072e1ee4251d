import type { z } from 'zod';
import type { LocalText } from '../../../db/types.js';
import { fill, fieldMessages, label, local, type Lang } from '../../../lib/i18n/messages.js';
import type { ConsistencyProblem } from './consistency.js';
import type { consistencyProblemView, guideView as guideContract, materialView } from './contract.js';
import { isFetchedByPlatform, type GuideData, type LegalBasis, type MaterialSpec } from './types.js';

const opt = (lang: Lang, t: LocalText | undefined) => (t ? local(lang, t) : null);
const coded = (lang: Lang, prefix: string, code: string) => ({ code, label: label(lang, `${prefix}.${code}`) });
const codedOrNull = (lang: Lang, prefix: string, code: string | undefined) => (code ? coded(lang, prefix, code) : null);
/** A stored legal basis: structured, or (first release) a plain text that is the whole citation. */
const asBasis = (b: LegalBasis | LocalText): LegalBasis => ('name' in b ? b : { name: b });

export function guideView(lang: Lang, g: GuideData): z.output<typeof guideContract> {
  return {
    legalBasis: g.legalBasis.map(asBasis).map((b) => ({ name: local(lang, b.name), article: opt(lang, b.article), text: opt(lang, b.text) })),
    implementingBody: opt(lang, g.implementingBody),
    exerciseLevel: codedOrNull(lang, 'exerciseLevel', g.exerciseLevel),
    powerSource: codedOrNull(lang, 'powerSource', g.powerSource),
    powerSourceNote: opt(lang, g.powerSourceNote),
    audience: local(lang, g.audience),
    conditions: g.conditions.map((t) => local(lang, t)),
    process: g.process.map((t) => local(lang, t)),
    caseKind: label(lang, `caseKind.${g.caseKind}`),
    caseKindCode: g.caseKind,
    place: local(lang, g.place),
    hours: local(lang, g.hours),
    // The case clock counts working days: a guide that names no unit meant them.
    legalLimitUnit: coded(lang, 'limitUnit', g.legalLimitUnit ?? 'working_days'),
    legalLimitNote: opt(lang, g.legalLimitNote),
    promisedLimitUnit: coded(lang, 'limitUnit', g.promisedLimitUnit ?? 'working_days'),
    promisedLimitNote: opt(lang, g.promisedLimitNote),
    onlineUrl: g.onlineUrl ?? null,
    visits: g.visits,
    visitReason: opt(lang, g.visitReason),
    fees: g.fees.map((f) => ({ name: local(lang, f.name), amountFen: f.amountFen, basis: opt(lang, f.basis) })),
    feeWaivers: (g.feeWaivers ?? []).map((w) => ({ description: local(lang, w.description), basis: opt(lang, w.basis) })),
    result: local(lang, g.result),
    resultType: codedOrNull(lang, 'resultType', g.resultType),
    resultSampleUrl: g.resultSampleUrl ?? null,
    intermediaryServices: (g.intermediaryServices ?? []).map((s) => ({ name: local(lang, s.name), required: s.required, basis: opt(lang, s.basis) })),
    specialProcedures: (g.specialProcedures ?? []).map((p) => ({
      kind: coded(lang, 'specialProcedure', p.kind),
      name: local(lang, p.name),
      limit: p.limit ?? null,
      unit: coded(lang, 'limitUnit', p.unit ?? 'working_days'),
      note: opt(lang, p.note),
    })),
    // Nothing claimed, nothing offered: a guide that names no scope is not handled across regions.
    crossRegion: coded(lang, 'crossRegion', g.crossRegion ?? 'none'),
    contactPhone: g.contactPhone,
    consultAddress: opt(lang, g.consultAddress),
    consultUrl: g.consultUrl ?? null,
    complaintPhone: g.complaintPhone,
    complaintAddress: opt(lang, g.complaintAddress),
    complaintUrl: g.complaintUrl ?? null,
    faq: (g.faq ?? []).map((f) => ({ question: local(lang, f.question), answer: local(lang, f.answer) })),
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
    // Stored before sources were recorded: such a material was always uploaded by the applicant.
    source: coded(lang, 'materialSource', m.source ?? 'applicant'),
    fetched: isFetchedByPlatform(m),
    licenceTypeCode: m.licenceTypeCode ?? null,
    registry: codedOrNull(lang, 'registry', m.registry),
    form: codedOrNull(lang, 'materialForm', m.form),
    copies: m.copies ?? null,
    medium: codedOrNull(lang, 'materialMedium', m.medium),
    blankFormUrl: m.blankFormUrl ?? null,
    sampleUrl: m.sampleUrl ?? null,
  }));
}

/** Labels for the coded parameters of a problem's message. */
const PARAM_LABELS: Record<string, string> = { element: 'guideElement', promisedUnit: 'limitUnit', legalUnit: 'limitUnit', unit: 'limitUnit', scope: 'crossRegion', source: 'powerSource' };

export function problemView(lang: Lang, p: ConsistencyProblem): z.output<typeof consistencyProblemView> {
  const shown = Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, PARAM_LABELS[k] ? label(lang, `${PARAM_LABELS[k]}.${v}`) : v]));
  return { rule: p.rule, severity: p.severity, path: p.path, params: p.params, message: fill(fieldMessages[lang][p.rule] ?? p.rule, shown) };
}
