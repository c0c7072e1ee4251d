import dayjs, { type Dayjs } from 'dayjs';
import type { FormFieldView } from '../../types';
// The very condition rules the server applies (pure functions): what is shown here is what is checked there.
import { conditionHolds, isEmptyValue } from '../../../../src/lib/formConditions';

/**
 * The form's values as antd holds them, and as the API takes them. In the form: amounts in yuan
 * (InputNumber), date ranges as two dayjs dates (RangePicker), addresses as the cascader's code path
 * and the street, table rows under Form.List. In the API: amounts in fen, `{from,to}`,
 * `{regionCode,detail}`. Prefilled fields are never sent (the server fills them).
 */
type Store = Record<string, unknown>;
type FieldLike = Pick<FormFieldView, 'name' | 'type'> & { visibleWhen?: FormFieldView['visibleWhen'] };

const yuanToFen = (y: unknown) => (typeof y === 'number' && Number.isFinite(y) ? Math.round(y * 100) : y);
const fenToYuan = (f: unknown) => (typeof f === 'number' ? f / 100 : f);

/** The fields shown for the values so far: each field's condition on the earlier (shown) values. */
export function visibleNames(fields: FieldLike[], store: Store | undefined): Set<string> {
  const shown = new Set<string>();
  const values: Store = {};
  for (const f of fields) {
    if (f.visibleWhen && !conditionHolds(f.visibleWhen, values)) continue;
    shown.add(f.name);
    values[f.name] = comparable(f, store?.[f.name]);
  }
  return shown;
}

/** A value as conditions compare it (the API's shape). */
function comparable(f: FieldLike, v: unknown): unknown {
  if (f.type === 'amount') return yuanToFen(v);
  return v;
}

export function isRequired(f: FormFieldView, store: Store | undefined): boolean {
  if (f.required) return true;
  if (!f.requiredWhen) return false;
  const values: Store = {};
  for (const [k, v] of Object.entries(store ?? {})) values[k] = v;
  return conditionHolds(f.requiredWhen, values);
}

function cell(type: string, v: unknown): unknown {
  if (type === 'amount') return yuanToFen(v);
  if (typeof v === 'string') return v.trim();
  return v;
}

/** The API's form object: shown, non-prefilled, non-empty fields, converted. */
export function toSubmission(fields: FormFieldView[], store: Store | undefined): Record<string, unknown> {
  const shown = visibleNames(fields, store);
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!shown.has(f.name) || f.prefill) continue;
    const v = store?.[f.name];
    if (isEmptyValue(v)) continue;
    switch (f.type) {
      case 'amount':
        out[f.name] = yuanToFen(v);
        break;
      case 'dateRange': {
        const [from, to] = (v as [Dayjs | null, Dayjs | null] | null) ?? [];
        if (from && to) out[f.name] = { from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') };
        break;
      }
      case 'address': {
        const a = v as { region?: string[]; detail?: string };
        const regionCode = a.region?.[a.region.length - 1];
        const detail = a.detail?.trim();
        if (regionCode || detail) out[f.name] = { regionCode: regionCode ?? '', detail: detail ?? '' };
        break;
      }
      case 'table': {
        const rows = (v as Record<string, unknown>[]).map((row) => {
          const r: Record<string, unknown> = {};
          for (const c of f.columns ?? []) {
            const x = cell(c.type, row?.[c.name]);
            if (!isEmptyValue(x)) r[c.name] = x;
          }
          return r;
        });
        out[f.name] = rows;
        break;
      }
      default:
        out[f.name] = typeof v === 'string' ? v.trim() : v;
    }
  }
  return out;
}

/** The form's initial values from a stored form (resubmission): the reverse of toSubmission. */
export function toStore(fields: FormFieldView[], data: Record<string, unknown> | undefined): Store {
  const out: Store = {};
  for (const f of fields) {
    const v = data?.[f.name];
    if (v === undefined || v === null || f.prefill) continue;
    switch (f.type) {
      case 'amount':
        out[f.name] = fenToYuan(v);
        break;
      case 'dateRange': {
        const r = v as { from: string; to: string };
        out[f.name] = [dayjs(r.from), dayjs(r.to)];
        break;
      }
      case 'address': {
        const a = v as { regionCode: string; detail: string };
        out[f.name] = { region: regionPath(a.regionCode), detail: a.detail };
        break;
      }
      case 'table':
        out[f.name] = (v as Record<string, unknown>[]).map((row) => {
          const r: Record<string, unknown> = { ...row };
          for (const c of f.columns ?? []) if (c.type === 'amount') r[c.name] = fenToYuan(row[c.name]);
          return r;
        });
        break;
      default:
        out[f.name] = v;
    }
  }
  return out;
}

/**
 * The cascader path of a county code, as far as it can be told from the code alone (province,
 * city, county); RegionCascader corrects it where the data skips a grouping level (北京市 → 东城区).
 */
export function regionPath(code: string): string[] {
  if (!/^\d{6}$/.test(code)) return [];
  const p = `${code.slice(0, 2)}0000`;
  const c = `${code.slice(0, 4)}00`;
  return [...new Set([p, c, code])];
}

/**
 * Where a server error belongs in the form: `form.kids.0.idNumber` → ['form','kids',0,'idNumber'],
 * `form.home.regionCode` → the cascader, `form.stay.to` → the range picker.
 */
export function errorName(fields: FormFieldView[], path: (string | number)[], prefix: (string | number)[] = ['form']): (string | number)[] | null {
  const segs = path.filter((s) => s !== 'body');
  if (segs[0] !== 'form' || segs.length < 2) return null;
  const f = fields.find((x) => x.name === segs[1]);
  if (!f) return null;
  const base = [...prefix, f.name];
  if (f.type === 'address') return [...base, segs[2] === 'detail' ? 'detail' : 'region'];
  if (f.type === 'table' && typeof segs[2] === 'number' && typeof segs[3] === 'string') return [...base, segs[2], segs[3]];
  return base;
}
