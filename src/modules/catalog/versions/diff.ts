/** One difference between two catalogue contents: where, and the value on each side (undefined = absent). */
export type ContentChange = { path: string; before: unknown; after: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The key that identifies an entry of a list of materials (`code`) or form fields (`name`), if every entry has one. */
function entryKey(list: unknown[]): 'code' | 'name' | null {
  for (const key of ['code', 'name'] as const) {
    if (list.length && list.every((e) => isObject(e) && typeof e[key] === 'string')) return key;
  }
  return null;
}

/**
 * The differences between two contents, as paths into them (`guide.fees`, `materials.M01.maxBytes`,
 * `form.fields.address.required`). Lists of materials and fields are matched by code or name, so
 * moving one entry does not show every later entry as changed; other lists compare whole.
 */
export function diffContent(before: unknown, after: unknown, path = ''): ContentChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffContent(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = entryKey(before) && entryKey(before) === entryKey(after) ? entryKey(before)! : null;
    if (key) {
      const byKey = (list: unknown[]) => new Map(list.map((e) => [(e as Record<string, string>)[key]!, e]));
      const a = byKey(before);
      const b = byKey(after);
      return [...new Set([...a.keys(), ...b.keys()])].flatMap((k) => diffContent(a.get(k), b.get(k), `${path}.${k}`));
    }
  }
  return [{ path, before, after }];
}
