import type { FieldIssue } from '../../../lib/errors.js';
import { isItemOffered } from '../policy.js';
import type { ServiceItem } from '../service.js';
import type { ThemeField, ThemeMaterial, ThemeMember } from '../tables.js';

type Definition = { audience: 'person' | 'entity'; members: ThemeMember[]; fields: ThemeField[]; materials: ThemeMaterial[] };

/**
 * Each member's step: 1 for a member that waits for nobody, else one more than the latest member it
 * waits for. Null when the prerequisites have a cycle (or name a member twice over a loop).
 */
export function memberSteps(members: ThemeMember[]): Map<string, number> | null {
  const after = new Map(members.map((m) => [m.item, m.after.filter((a) => a !== m.item)]));
  const steps = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (code: string): number | null => {
    const known = steps.get(code);
    if (known !== undefined) return known;
    if (visiting.has(code)) return null;
    visiting.add(code);
    let step = 1;
    for (const a of after.get(code) ?? []) {
      if (!after.has(a)) continue; // reported as THEME_AFTER_UNKNOWN; no step of its own
      const s = visit(a);
      if (s === null) return null;
      step = Math.max(step, s + 1);
    }
    visiting.delete(code);
    steps.set(code, step);
    return step;
  };
  for (const m of members) if (visit(m.item) === null) return null;
  return steps;
}

/** The members in the order their cases are created: by step, then as listed. */
export function membersInOrder<M extends ThemeMember>(members: M[]): M[] {
  const steps = memberSteps(members) ?? new Map();
  return members.map((m, i) => ({ m, i })).sort((a, b) => (steps.get(a.m.item) ?? 0) - (steps.get(b.m.item) ?? 0) || a.i - b.i).map((x) => x.m);
}

/** Working days along the longest chain of prerequisites: members of one step are handled side by side. */
export function chainDays(members: ThemeMember[], days: (code: string) => number): number {
  const memo = new Map<string, number>();
  const byCode = new Map(members.map((m) => [m.item, m]));
  const total = (code: string, seen: Set<string>): number => {
    if (memo.has(code)) return memo.get(code)!;
    if (seen.has(code)) return 0;
    seen.add(code);
    const prior = Math.max(0, ...(byCode.get(code)?.after ?? []).filter((a) => byCode.has(a)).map((a) => total(a, seen)));
    const t = prior + days(code);
    memo.set(code, t);
    return t;
  };
  return Math.max(0, ...members.map((m) => total(m.item, new Set())));
}

/**
 * What refuses a theme's publication, as field issues on the definition's paths: a member that is
 * unknown, not published or not for the theme's audience, named twice; a prerequisite that is not a
 * member, or a cycle; a shared field or material mapped onto a member that is not in the theme, or a
 * field or material that member does not have; one member field or material taken by two mappings;
 * a shared field whose targets are of different types.
 */
export function themeIssues(def: Definition, items: ReadonlyMap<string, ServiceItem>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const members = new Set<string>();
  def.members.forEach((m, i) => {
    const item = items.get(m.item);
    if (members.has(m.item)) issues.push({ path: `members.${i}.item`, code: 'DUPLICATE' });
    members.add(m.item);
    if (!item) issues.push({ path: `members.${i}.item`, code: 'THEME_MEMBER_UNKNOWN', params: { item: m.item } });
    else if (!isItemOffered(item)) issues.push({ path: `members.${i}.item`, code: 'THEME_MEMBER_UNPUBLISHED', params: { item: m.item } });
    else if (!item.applicantKinds.includes(def.audience)) issues.push({ path: `members.${i}.item`, code: 'THEME_MEMBER_AUDIENCE', params: { item: m.item } });
  });
  def.members.forEach((m, i) =>
    m.after.forEach((a, j) => {
      if (a === m.item || !members.has(a)) issues.push({ path: `members.${i}.after.${j}`, code: 'THEME_AFTER_UNKNOWN', params: { item: a } });
    }),
  );
  if (memberSteps(def.members) === null) {
    const i = def.members.findIndex((m) => m.after.length > 0);
    issues.push({ path: `members.${Math.max(0, i)}.after`, code: 'THEME_CYCLE' });
  }
  const taken = new Set<string>();
  const names = new Set<string>();
  def.fields.forEach((f, i) => {
    if (names.has(f.name)) issues.push({ path: `fields.${i}.name`, code: 'DUPLICATE' });
    names.add(f.name);
    const types = new Set<string>();
    f.targets.forEach((t, j) => {
      const path = `fields.${i}.targets.${j}`;
      const item = members.has(t.item) ? items.get(t.item) : undefined;
      if (!members.has(t.item)) return void issues.push({ path: `${path}.item`, code: 'THEME_TARGET_NOT_MEMBER', params: { item: t.item } });
      if (!item) return;
      const field = item.form.fields.find((x) => x.name === t.field);
      if (!field) return void issues.push({ path: `${path}.field`, code: 'THEME_FIELD_UNKNOWN', params: { item: t.item, field: t.field } });
      const key = `${t.item}/${t.field}`;
      if (taken.has(key)) issues.push({ path: `${path}.field`, code: 'DUPLICATE' });
      taken.add(key);
      types.add(field.type);
    });
    if (types.size > 1) issues.push({ path: `fields.${i}.targets`, code: 'THEME_FIELD_TYPES', params: { types: [...types].join('/') } });
  });
  const codes = new Set<string>();
  const takenMaterials = new Set<string>();
  def.materials.forEach((m, i) => {
    if (codes.has(m.code)) issues.push({ path: `materials.${i}.code`, code: 'DUPLICATE' });
    codes.add(m.code);
    m.targets.forEach((t, j) => {
      const path = `materials.${i}.targets.${j}`;
      const item = members.has(t.item) ? items.get(t.item) : undefined;
      if (!members.has(t.item)) return void issues.push({ path: `${path}.item`, code: 'THEME_TARGET_NOT_MEMBER', params: { item: t.item } });
      if (!item) return;
      if (!item.materials.some((x) => x.code === t.material)) return void issues.push({ path: `${path}.material`, code: 'THEME_MATERIAL_UNKNOWN', params: { item: t.item, material: t.material } });
      const key = `${t.item}/${t.material}`;
      if (takenMaterials.has(key)) issues.push({ path: `${path}.material`, code: 'DUPLICATE' });
      takenMaterials.add(key);
    });
  });
  return issues;
}
