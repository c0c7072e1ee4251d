/**
 * Conditions of data-defined form fields (`visibleWhen`, `requiredWhen`), evaluated the same way by
 * the server when it checks a submission and by the portal while the applicant types: pure code,
 * shared so the two cannot drift apart.
 */

/** A condition on an earlier field's value: equal to a value, one of several, or filled in at all. */
export type FieldCondition =
  | { field: string; op: 'equals'; value: string | number | boolean }
  | { field: string; op: 'in'; values: (string | number)[] }
  | { field: string; op: 'notEmpty' };

export function isEmptyValue(raw: unknown): boolean {
  if (raw === undefined || raw === null) return true;
  if (typeof raw === 'string') return raw.trim() === '';
  if (Array.isArray(raw)) return raw.length === 0;
  return false;
}

/**
 * Whether a condition holds on the values so far. An empty (or hidden) field matches nothing; on a
 * multiple choice, `equals` and `in` hold when one of the ticked options matches.
 */
export function conditionHolds(c: FieldCondition, values: Record<string, unknown>): boolean {
  const v = values[c.field];
  if (isEmptyValue(v)) return false;
  if (c.op === 'notEmpty') return true;
  const wanted = c.op === 'equals' ? [c.value] : c.values;
  const given = Array.isArray(v) ? v : [v];
  return given.some((g) => wanted.some((w) => w === g || String(w) === String(g)));
}
