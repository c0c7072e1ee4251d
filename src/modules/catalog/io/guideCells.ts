/**
 * How the sheet writes the guide's coded and list elements (docs/catalogue-import.md): a code is
 * written as its Chinese label and read as the code, either label or the code itself; a list is
 * one line per entry, its parts separated by a full-width bar `｜` (the half-width `||` already
 * separates the two languages of one text).
 */
import type { LocalText } from '../../../db/types.js';
import { guideLabels } from '../../../lib/i18n/guideLabels.js';
import {
  baseRegistries,
  crossRegionScopes,
  exerciseLevels,
  limitUnits,
  materialForms,
  materialMedia,
  materialSources,
  powerSources,
  resultTypes,
  specialProcedureKinds,
  type GuideData,
} from '../guide/types.js';
import { localText, textCell } from './localCells.js';

/** Each coded element: its codes and the prefix of their labels in guideLabels. */
export const codeLists = {
  exerciseLevel: { codes: exerciseLevels, label: 'exerciseLevel' },
  powerSource: { codes: powerSources, label: 'powerSource' },
  limitUnit: { codes: limitUnits, label: 'limitUnit' },
  crossRegion: { codes: crossRegionScopes, label: 'crossRegion' },
  resultType: { codes: resultTypes, label: 'resultType' },
  specialProcedure: { codes: specialProcedureKinds, label: 'specialProcedure' },
  materialSource: { codes: materialSources, label: 'materialSource' },
  registry: { codes: baseRegistries, label: 'registry' },
  materialForm: { codes: materialForms, label: 'materialForm' },
  materialMedium: { codes: materialMedia, label: 'materialMedium' },
} as const;
export type CodeList = keyof typeof codeLists;
type CodeOf<L extends CodeList> = (typeof codeLists)[L]['codes'][number];

const labels = guideLabels as unknown as Record<'zh-CN' | 'en', Record<string, string>>;
const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
/** Short names clerks write besides the labels. */
const aliases: Record<string, string> = { 人口库: 'population', 法人库: 'entity', 申请人提供: 'applicant', 证照库: 'licence', 电子: 'electronic' };

/** The code a cell names (`undefined` when empty, `null` when it names none). */
export function readCode<L extends CodeList>(list: L, text: string): CodeOf<L> | undefined | null {
  const t = norm(text);
  if (t === '') return undefined;
  const { codes, label } = codeLists[list];
  for (const code of codes as readonly string[]) {
    const names = [code, labels['zh-CN'][`${label}.${code}`], labels.en[`${label}.${code}`]].filter((n): n is string => !!n).map(norm);
    if (names.includes(t) || aliases[text.trim()] === code) return code as CodeOf<L>;
  }
  return null;
}
export const codeCell = (list: CodeList, code: string | undefined) => (code === undefined ? '' : (labels['zh-CN'][`${codeLists[list].label}.${code}`] ?? code));

const BAR = '｜';
const parts = (line: string) => line.split(BAR).map((p) => p.trim());
const linesOf = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const optText = (s: string | undefined): LocalText | undefined => (s ? localText(s) : undefined);
const optCell = (t: LocalText | undefined) => (t ? textCell(t) : '');
/** Drops trailing empty parts, so a line says only what it has. */
const line = (...p: string[]) => {
  while (p.length > 1 && p[p.length - 1] === '') p.pop();
  return p.join(BAR);
};

type Read<T> = { value: T; bad: boolean };

/** `名称｜条款｜条文`, one basis per line (article and text optional). */
export function readLegalBasis(s: string): Read<GuideData['legalBasis']> {
  const value = linesOf(s).map((l) => {
    const [name = '', article, text] = parts(l);
    return article || text ? { name: localText(name), ...(article ? { article: localText(article) } : {}), ...(text ? { text: localText(text) } : {}) } : localText(name);
  });
  return { value, bad: false };
}
export const legalBasisCell = (bases: GuideData['legalBasis']) =>
  bases.map((b) => ('name' in b ? line(textCell(b.name), optCell(b.article), optCell(b.text)) : textCell(b))).join('\n');

/** `说明｜依据`. */
export function readFeeWaivers(s: string): Read<GuideData['feeWaivers']> {
  const value = linesOf(s).map((l) => {
    const [description = '', basis] = parts(l);
    return { description: localText(description), ...(basis ? { basis: localText(basis) } : {}) };
  });
  return { value: value.length ? value : undefined, bad: false };
}
export const feeWaiversCell = (w: GuideData['feeWaivers']) => (w ?? []).map((x) => line(textCell(x.description), optCell(x.basis))).join('\n');

/** `名称｜是否必须（是/否）｜依据`. */
export function readIntermediaries(s: string): Read<GuideData['intermediaryServices']> {
  let bad = false;
  const value = linesOf(s).map((l) => {
    const [name = '', required = '', basis] = parts(l);
    if (!/^(是|否|yes|no)$/i.test(required)) bad = true;
    return { name: localText(name), required: /^(是|yes)$/i.test(required), ...(basis ? { basis: localText(basis) } : {}) };
  });
  return { value: value.length ? value : undefined, bad };
}
export const intermediariesCell = (v: GuideData['intermediaryServices']) => (v ?? []).map((x) => line(textCell(x.name), x.required ? '是' : '否', optCell(x.basis))).join('\n');

/** `类型｜名称｜时限｜单位｜说明` (type by code or label; limit, unit and note optional). */
export function readSpecialProcedures(s: string): Read<GuideData['specialProcedures']> {
  let bad = false;
  const value = linesOf(s).map((l) => {
    const [kindText = '', name = '', limitText = '', unitText = '', note] = parts(l);
    const kind = readCode('specialProcedure', kindText);
    const unit = readCode('limitUnit', unitText);
    if (!kind || unit === null || (limitText !== '' && !/^\d+$/.test(limitText))) bad = true;
    return {
      kind: kind ?? 'other',
      name: localText(name),
      ...(limitText !== '' && /^\d+$/.test(limitText) ? { limit: Number(limitText) } : {}),
      ...(unit ? { unit } : {}),
      ...(note ? { note: localText(note) } : {}),
    };
  });
  return { value: value.length ? value : undefined, bad };
}
export const specialProceduresCell = (v: GuideData['specialProcedures']) =>
  (v ?? []).map((x) => line(codeCell('specialProcedure', x.kind), textCell(x.name), x.limit === undefined ? '' : String(x.limit), codeCell('limitUnit', x.unit), optCell(x.note))).join('\n');

/** `问题｜回答`. */
export function readFaq(s: string): Read<GuideData['faq']> {
  let bad = false;
  const value = linesOf(s).map((l) => {
    const [question = '', answer = ''] = parts(l);
    if (!answer) bad = true;
    return { question: localText(question), answer: localText(answer) };
  });
  return { value: value.length ? value : undefined, bad };
}
export const faqCell = (v: GuideData['faq']) => (v ?? []).map((x) => line(textCell(x.question), textCell(x.answer))).join('\n');

export { optText, optCell };
