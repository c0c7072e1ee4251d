import { checkDivision, hasSubdivisions } from '../../../lib/divisions.js';
import { checkCreditCode, checkIdNumber } from '../../../lib/identifiers.js';
import { conditionHolds, isEmptyValue } from '../../../lib/formConditions.js';
import type { FormField, PrefillSource, TableColumn } from './types.js';

export type FormIssue = { path: string; code: string; params?: Record<string, string | number> };

/** A cleaned form value: strings, numbers (amounts in fen), `{from,to}`, an address, option lists, table rows. */
export type FormValue =
  | string
  | number
  | string[]
  | { from: string; to: string }
  | { regionCode: string; regionName: string; detail: string }
  | Record<string, string | number>[];
export type FormData = Record<string, FormValue>;

/** The identity values of the applicant, read by the caller from the identity record (never from the client). */
export type PrefillValues = Partial<Record<PrefillSource, string | null>>;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MOBILE_RE = /^1[3-9]\d{9}$/;
/** Area code (010, 0931, …), number of 7–8 digits, optional extension. */
const LANDLINE_RE = /^0\d{2,3}-?[1-9]\d{6,7}(?:-\d{1,6})?$/;
const EMAIL_RE = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
/** Largest amount in fen a form takes unless the field says otherwise: ¥ 1,000,000,000,000.00 stays an exact integer. */
const MAX_FEN = 100_000_000_000_000;

function isRealDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

type Result = { ok: true; value: FormValue } | { ok: false; issues: FormIssue[] };
const bad = (path: string, code: string, params?: Record<string, string | number>): Result => ({ ok: false, issues: [{ path, code, ...(params ? { params } : {}) }] });

/** One non-empty value of a field or column of a simple type. */
function checkSimple(f: FormField | TableColumn, raw: unknown, path: string): Result {
  switch (f.type) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
      if (!Number.isFinite(n)) return bad(path, 'BAD_NUMBER');
      if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) return bad(path, 'OUT_OF_RANGE');
      return { ok: true, value: n };
    }
    case 'amount': {
      // Whole fen only: the portal converts the yuan typed with 2 decimals.
      if (typeof raw !== 'number' || !Number.isSafeInteger(raw)) return bad(path, 'BAD_AMOUNT');
      const min = f.min ?? 0;
      const max = f.max ?? MAX_FEN;
      if (raw < min || raw > max) return bad(path, 'AMOUNT_RANGE', { min: yuan(min), max: yuan(max) });
      return { ok: true, value: raw };
    }
  }
  if (typeof raw !== 'string') return bad(path, 'INVALID');
  switch (f.type) {
    case 'idNumber':
    case 'creditCode': {
      // The same checks as registration and claiming an enterprise; the normalised value is kept.
      const r = f.type === 'idNumber' ? checkIdNumber(raw) : checkCreditCode(raw);
      return r.ok ? { ok: true, value: r.value } : bad(path, r.code);
    }
    case 'phone': {
      const s = raw.trim().replace(/[\s()]/g, '');
      return MOBILE_RE.test(s) || LANDLINE_RE.test(s) ? { ok: true, value: s } : bad(path, 'BAD_PHONE');
    }
    case 'email': {
      const s = raw.trim();
      return s.length <= 254 && EMAIL_RE.test(s) ? { ok: true, value: s } : bad(path, 'BAD_EMAIL');
    }
  }
  const s = raw.trim();
  const max = f.maxLength ?? (f.type === 'textarea' ? 2000 : 200);
  if (s.length > max) return bad(path, 'TOO_LONG', { max });
  if (f.type === 'date' && !isRealDate(s)) return bad(path, 'BAD_DATE');
  if ((f.type === 'select' || f.type === 'radio') && !f.options?.some((o) => o.value === s)) return bad(path, 'BAD_OPTION');
  if (f.pattern && !new RegExp(`^(?:${f.pattern})$`).test(s)) return bad(path, 'PATTERN');
  return { ok: true, value: s };
}

/** 12345 fen → "123.45" (for messages). */
function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

const isObject = (raw: unknown): raw is Record<string, unknown> => typeof raw === 'object' && raw !== null && !Array.isArray(raw);

function checkValue(f: FormField, raw: unknown, path: string): Result {
  switch (f.type) {
    case 'dateRange': {
      if (!isObject(raw) || typeof raw.from !== 'string' || typeof raw.to !== 'string') return bad(path, 'BAD_DATE_RANGE');
      const from = raw.from.trim();
      const to = raw.to.trim();
      if (!isRealDate(from)) return bad(`${path}.from`, 'BAD_DATE');
      if (!isRealDate(to)) return bad(`${path}.to`, 'BAD_DATE');
      if (from > to) return bad(`${path}.to`, 'DATE_RANGE_ORDER');
      return { ok: true, value: { from, to } };
    }
    case 'address': {
      if (!isObject(raw)) return bad(path, 'INVALID');
      const issues: FormIssue[] = [];
      const code = typeof raw.regionCode === 'string' ? raw.regionCode.trim() : '';
      const region = code ? checkDivision(code) : null;
      if (!region) issues.push({ path: `${path}.regionCode`, code: 'REQUIRED' });
      else if (!region.ok) issues.push({ path: `${path}.regionCode`, code: region.code });
      // A county-level division (or a city without counties, such as 东莞市): where the street is.
      else if (hasSubdivisions(region.code)) issues.push({ path: `${path}.regionCode`, code: 'REGION_NOT_COUNTY' });
      const detail = typeof raw.detail === 'string' ? raw.detail.trim() : '';
      const max = f.maxLength ?? 120;
      if (!detail) issues.push({ path: `${path}.detail`, code: 'REQUIRED' });
      else if (detail.length > max) issues.push({ path: `${path}.detail`, code: 'TOO_LONG', params: { max } });
      if (issues.length) return { ok: false, issues };
      // The name is the server's, from the division data, never the client's.
      return { ok: true, value: { regionCode: code, regionName: region!.ok ? region!.fullName : '', detail } };
    }
    case 'checkboxes': {
      if (!Array.isArray(raw) || !raw.every((x) => typeof x === 'string')) return bad(path, 'INVALID');
      const picked = [...new Set(raw.map((x) => x.trim()))];
      if (picked.some((x) => !f.options?.some((o) => o.value === x))) return bad(path, 'BAD_OPTION');
      if (f.minCount !== undefined && picked.length < f.minCount) return bad(path, 'TOO_FEW_CHOICES', { min: f.minCount });
      if (f.maxCount !== undefined && picked.length > f.maxCount) return bad(path, 'TOO_MANY_CHOICES', { max: f.maxCount });
      // Kept in the definition's order, whatever order they came in.
      return { ok: true, value: f.options!.map((o) => o.value).filter((v) => picked.includes(v)) };
    }
    case 'table': {
      if (!Array.isArray(raw)) return bad(path, 'INVALID');
      const columns = f.columns ?? [];
      const issues: FormIssue[] = [];
      if (f.minRows !== undefined && raw.length < f.minRows) issues.push({ path, code: 'TOO_FEW_ROWS', params: { min: f.minRows } });
      if (raw.length > (f.maxRows ?? 200)) return bad(path, 'TOO_MANY_ROWS', { max: f.maxRows ?? 200 });
      const rows: Record<string, string | number>[] = [];
      raw.forEach((row, r) => {
        const rowPath = `${path}.${r}`;
        if (!isObject(row)) {
          issues.push({ path: rowPath, code: 'INVALID' });
          return;
        }
        const known = new Set(columns.map((c) => c.name));
        for (const key of Object.keys(row)) if (!known.has(key)) issues.push({ path: `${rowPath}.${key}`, code: 'UNKNOWN_FIELD' });
        const clean: Record<string, string | number> = {};
        for (const c of columns) {
          const cell = row[c.name];
          const cellPath = `${rowPath}.${c.name}`;
          if (isEmptyValue(cell)) {
            if (c.required) issues.push({ path: cellPath, code: 'REQUIRED' });
            continue;
          }
          const res = checkSimple(c, cell, cellPath);
          if (res.ok) clean[c.name] = res.value as string | number;
          else issues.push(...res.issues);
        }
        rows.push(clean);
      });
      return issues.length ? { ok: false, issues } : { ok: true, value: rows };
    }
    default:
      return checkSimple(f, raw, path);
  }
}

export type ValidateOptions = {
  /**
   * The applicant's identity values for prefilled fields. A prefilled field takes this value and
   * never the submitted one; without a value for it (an enterprise has no ID number), it stays empty.
   */
  prefill?: PrefillValues;
};

/**
 * Checks submitted form data against the item's form definition (forms are data, not code).
 * Fields are taken in order: a field whose `visibleWhen` does not hold on the earlier (cleaned)
 * values is hidden — not required, not checked, and its submitted value dropped. Returns the
 * cleaned values (only known, visible fields; trimmed strings, numbers, amounts in fen) and any
 * issues, each with its path (`form.members.0.idNumber`) and a field-message code.
 */
export function validateForm(fields: FormField[], data: Record<string, unknown>, opts: ValidateOptions = {}): { value: FormData; issues: FormIssue[] } {
  const issues: FormIssue[] = [];
  const value: FormData = {};
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) issues.push({ path: `form.${key}`, code: 'UNKNOWN_FIELD' });
  }
  for (const f of fields) {
    const path = `form.${f.name}`;
    if (f.visibleWhen && !conditionHolds(f.visibleWhen, value)) continue;
    const raw = f.prefill ? (opts.prefill?.[f.prefill] ?? undefined) : data[f.name];
    const required = f.required || (f.requiredWhen !== undefined && conditionHolds(f.requiredWhen, value));
    if (isEmptyValue(raw)) {
      if (required) issues.push({ path, code: f.prefill ? 'PREFILL_MISSING' : 'REQUIRED' });
      continue;
    }
    const res = checkValue(f, raw, path);
    if (res.ok) value[f.name] = res.value;
    else issues.push(...res.issues);
  }
  return { value, issues };
}

/** The identity sources a definition prefills from (so the caller reads only what it needs). */
export function prefillSourcesOf(fields: FormField[]): PrefillSource[] {
  return [...new Set(fields.flatMap((f) => (f.prefill ? [f.prefill] : [])))];
}
