import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import zhCN, { type MessageKey } from './locales/zh-CN';
import en from './locales/en';
import { setApiLang } from './api';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey };
export type TFunction = (key: MessageKey, vars?: Record<string, string | number>) => string;

const catalogs = { 'zh-CN': zhCN, en } as const;
const STORAGE_KEY = 'yw_lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    /* storage unavailable */
  }
  return 'zh-CN';
}

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  // Singular form: "<key>.one" is used when vars.n === 1 and such a key exists.
  const oneKey = `${key}.one`;
  const useOne = vars?.n === 1 && oneKey in catalogs[lang];
  const template = (useOne ? catalogs[lang][oneKey as MessageKey] : catalogs[lang][key]) ?? catalogs['zh-CN'][key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** True if `key` exists in the catalogue (for server-sent codes such as event actions). */
export function hasKey(key: string): key is MessageKey {
  return key in zhCN;
}

interface I18nValue {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

// Set the API language before the first render so the first requests carry it.
setApiLang(initialLang());

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    setApiLang(lang);
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.title');
  }, [lang]);

  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
    setApiLang(l);
    setLangState(l);
  }, []);

  const t = useCallback<TFunction>((key, vars) => translate(lang, key, vars), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export function useT(): TFunction {
  return useI18n().t;
}

/** Item type label; falls back to the standard code list when the server sends an untranslated key. */
export function itemTypeLabel(t: TFunction, code: string, serverLabel: string): string {
  if (serverLabel && !serverLabel.startsWith('itemType.')) return serverLabel;
  const key = `itemType.${code}`;
  return hasKey(key) ? t(key) : serverLabel || code;
}

/** A promised limit: 0 days is a 即办件, done on the spot (GB/T 39554), not "0 working days". */
export function promisedLimitText(t: TFunction, days: number): string {
  return days === 0 ? t('common.onTheSpot') : t('common.days', { n: days });
}
