import type { z } from 'zod';
import { local, localiseFieldMessage, type Lang } from '../../../lib/i18n/messages.js';
import { formView } from '../forms/view.js';
import { materialsView } from '../guide/view.js';
import { isFetchedByPlatform, type MaterialSpec } from '../guide/types.js';
import type { FormField } from '../forms/types.js';
import { isItemOffered } from '../policy.js';
import type { ServiceItem } from '../service.js';
import type { themeAdminView, themeDetail, themeSummary } from './contract.js';
import { chainDays, membersInOrder, memberSteps, themeIssues } from './rules.js';
import type { ThemeRow } from './service.js';

type Dept = { id: string; name: { zh: string; en: string } };
type Items = ReadonlyMap<string, ServiceItem>;

/** The members whose implementation is there (a published theme's always are). */
const present = (t: ThemeRow, items: Items) => t.members.filter((m) => items.has(m.item));

export function themeSummaryView(lang: Lang, t: ThemeRow, items: Items): z.output<typeof themeSummary> {
  const members = present(t, items);
  return {
    id: t.id,
    code: t.code,
    name: local(lang, t.name),
    description: local(lang, t.description),
    audience: t.audience,
    topics: { lifeEvents: t.topics.lifeEvents ?? [], enterpriseStages: t.topics.enterpriseStages ?? [] },
    memberCount: members.length,
    promisedLimitDays: chainDays(members, (code) => items.get(code)!.promisedLimitDays),
  };
}

/**
 * The combined guide and the one form: members by step with what each waits for; every material
 * once (a shared one for all its members, a certificate the platform reads once however many
 * members need it, then each member's own); the shared fields, then each member's remaining ones.
 */
export function themeDetailView(lang: Lang, t: ThemeRow, items: Items, depts: ReadonlyMap<string, Dept>): z.output<typeof themeDetail> {
  const members = membersInOrder(present(t, items));
  const steps = memberSteps(members) ?? new Map<string, number>();
  const item = (code: string) => items.get(code)!;
  const nameOf = (code: string) => local(lang, item(code).name);

  const covered = new Set(t.materials.flatMap((m) => m.targets.map((x) => `${x.item}/${x.material}`)));
  const shared = t.materials.map((tm) => {
    const specs = tm.targets.map((x) => item(x.item).materials.find((s) => s.code === x.material)!).filter(Boolean);
    const first = specs[0]!;
    const accept = first.accept.filter((ext) => specs.every((s) => s.accept.includes(ext)));
    const spec: MaterialSpec = { ...first, code: tm.code, name: tm.name, required: specs.some((s) => s.required), accept, maxBytes: Math.min(...specs.map((s) => s.maxBytes)) };
    return { ...materialsView(lang, [spec])[0]!, itemId: null, for: [...new Set(tm.targets.map((x) => nameOf(x.item)))] };
  });
  const fetched = new Map<string, z.output<typeof themeDetail>['materials'][number]>();
  const own: z.output<typeof themeDetail>['materials'] = [];
  for (const m of members) {
    const it = item(m.item);
    for (const spec of it.materials) {
      if (covered.has(`${m.item}/${spec.code}`)) continue;
      const view = materialsView(lang, [spec])[0]!;
      if (isFetchedByPlatform(spec)) {
        const key = `${spec.source}/${spec.licenceTypeCode ?? spec.registry ?? spec.code}`;
        const seen = fetched.get(key);
        if (seen) seen.for.push(local(lang, it.name));
        else fetched.set(key, { ...view, itemId: it.id, for: [local(lang, it.name)] });
        continue;
      }
      own.push({ ...view, itemId: it.id, for: [local(lang, it.name)] });
    }
  }

  const targeted = new Set(t.fields.flatMap((f) => f.targets.map((x) => `${x.item}/${x.field}`)));
  const sharedFields: FormField[] = t.fields.flatMap((tf) => {
    const defs = tf.targets.map((x) => item(x.item).form.fields.find((f) => f.name === x.field)).filter((f): f is FormField => !!f);
    if (!defs.length) return [];
    // Conditions name fields of one member's form: a field asked once for all is asked unconditionally.
    const { visibleWhen: _v, requiredWhen: _r, ...def } = defs[0]!;
    return [{ ...def, name: tf.name, label: tf.label, required: defs.some((d) => d.required) }];
  });

  return {
    ...themeSummaryView(lang, t, items),
    members: members.map((m) => {
      const it = item(m.item);
      const dept = depts.get(it.departmentId);
      return {
        id: it.id,
        code: it.code,
        name: local(lang, it.name),
        department: { id: it.departmentId, name: dept ? local(lang, dept.name) : '' },
        promisedLimitDays: it.promisedLimitDays,
        legalLimitDays: it.legalLimitDays,
        step: steps.get(m.item) ?? 1,
        after: m.after.filter((a) => items.has(a)).map((a) => ({ id: item(a).id, name: nameOf(a) })),
        minLevel: it.minLevel,
        onlineUrl: it.guide.onlineUrl ?? null,
      };
    }),
    materials: [...shared, ...fetched.values(), ...own],
    form: {
      shared: formView(lang, { fields: sharedFields }),
      members: members.map((m) => ({ itemId: item(m.item).id, name: nameOf(m.item), form: formView(lang, { fields: item(m.item).form.fields.filter((f) => !targeted.has(`${m.item}/${f.name}`)) }) })),
    },
    minLevel: Math.max(1, ...members.map((m) => item(m.item).minLevel)),
  };
}

export function themeAdminViewOf(lang: Lang, t: ThemeRow, items: Items): z.output<typeof themeAdminView> {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description,
    audience: t.audience,
    topics: t.topics,
    members: t.members.map((m) => {
      const it = items.get(m.item);
      return { item: m.item, after: m.after, name: it ? local(lang, it.name) : null, published: !!it && isItemOffered(it) };
    }),
    fields: t.fields,
    materials: t.materials,
    status: t.status,
    publishedAt: t.publishedAt?.toISOString() ?? null,
    updatedAt: t.updatedAt.toISOString(),
    issues: themeIssues(t, items).map((i) => ({ path: i.path, code: i.code, message: localiseFieldMessage(lang, i.code, i.params) })),
  };
}
