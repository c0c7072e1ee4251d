import type { LocalText } from '../../../db/types.js';

/** `中文 || English`; one text alone serves both languages. */
export function localText(s: string): LocalText {
  const i = s.indexOf('||');
  if (i < 0) return { zh: s.trim(), en: s.trim() };
  return { zh: s.slice(0, i).trim(), en: s.slice(i + 2).trim() };
}
export const textCell = (t: LocalText) => (t.zh === t.en ? t.zh : `${t.zh} || ${t.en}`);
