import { checkCreditCode, checkIdNumber } from '../../../lib/identifiers.js';
import type { FormField } from './types.js';

export type FormIssue = { path: string; code: string; params?: Record<string, string | number> };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Checks submitted form data against the item's form definition (forms are data, not code).
 * Returns the cleaned values (only known fields, trimmed strings, numbers as numbers) and any issues.
 */
export function validateForm(fields: FormField[], data: Record<string, unknown>): { value: Record<string, string | number>; issues: FormIssue[] } {
  const issues: FormIssue[] = [];
  const value: Record<string, string | number> = {};
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) issues.push({ path: `form.${key}`, code: 'UNKNOWN_FIELD' });
  }
  for (const f of fields) {
    const path = `form.${f.name}`;
    const raw = data[f.name];
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      if (f.required) issues.push({ path, code: 'REQUIRED' });
      continue;
    }
    if (f.type === 'number') {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
      if (!Number.isFinite(n)) issues.push({ path, code: 'BAD_NUMBER' });
      else if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) issues.push({ path, code: 'OUT_OF_RANGE' });
      else value[f.name] = n;
      continue;
    }
    if (typeof raw !== 'string') {
      issues.push({ path, code: 'INVALID' });
      continue;
    }
    if (f.type === 'idNumber' || f.type === 'creditCode') {
      // The same checks as registration and claiming an enterprise; the normalised value is kept.
      const r = f.type === 'idNumber' ? checkIdNumber(raw) : checkCreditCode(raw);
      if (r.ok) value[f.name] = r.value;
      else issues.push({ path, code: r.code });
      continue;
    }
    const s = raw.trim();
    const max = f.maxLength ?? (f.type === 'textarea' ? 2000 : 200);
    if (s.length > max) {
      issues.push({ path, code: 'TOO_LONG', params: { max } });
      continue;
    }
    if (f.type === 'date' && !isRealDate(s)) {
      issues.push({ path, code: 'BAD_DATE' });
      continue;
    }
    if (f.type === 'select' && !f.options?.some((o) => o.value === s)) {
      issues.push({ path, code: 'BAD_OPTION' });
      continue;
    }
    if (f.pattern && !new RegExp(`^(?:${f.pattern})$`).test(s)) {
      issues.push({ path, code: 'PATTERN' });
      continue;
    }
    value[f.name] = s;
  }
  return { value, issues };
}
