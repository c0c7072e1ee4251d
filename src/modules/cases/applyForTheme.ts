import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { DomainError, isUniqueViolation, listText, type FieldIssue } from '../../lib/errors.js';
import { bilingualLabel } from '../../lib/i18n/messages.js';
import { uuidv7 } from '../../lib/uuid.js';
import { getThemeForApplication, isItemOffered, membersInOrder, type ServiceItem, type ThemeRow } from '../catalog/index.js';
import { performerId, type Actor } from '../identity/index.js';
import { appendAudit } from '../supervision/index.js';
import type { MaterialInput } from './service.js';
import { uploadIdArray } from './materials.js';
import { submitCase } from './submitCase.js';
import { themeApplications } from './tables.js';

export type ThemeApplicationInput = {
  themeId: string;
  /** The shared fields' values, by the theme's field names (asked once, copied onto each member's field). */
  shared: Record<string, unknown>;
  /** Each member's remaining fields, by the member's implementation id. */
  members: Record<string, { form: Record<string, unknown> }>;
  /** Uploads: a shared material (`itemId` null, the theme's material code) once for all its members, or a member's own. */
  materials: { code: string; uploadId: string; itemId?: string | null }[];
};

type MemberMaterial = MaterialInput & { origin: number };

/**
 * Applies for a theme (一件事) in the caller's transaction: one theme application and one case per
 * member, all or nothing. Each member goes through the ordinary submission (its item's rules, form
 * checks, level, materials), with the shared fields copied onto its mapped fields and the shared
 * uploads attached under the bundle's claim (claimed here, once, and only if they are the caller's).
 * A member with prerequisites is created `waiting`; approving its last prerequisite releases it.
 * A refusal of any member refuses the whole application, its field paths pointing into this input.
 */
export async function applyForTheme(tx: Tx, actor: Actor, input: ThemeApplicationInput, regionCode: string) {
  const found = await getThemeForApplication(tx, input.themeId);
  if (!found) throw new DomainError('THEME_UNAVAILABLE');
  const { theme, items } = found;
  if (actor.kind === 'staff') throw new DomainError('FORBIDDEN');
  if (actor.kind !== theme.audience) throw new DomainError('APPLICANT_KIND', { kinds: bilingualLabel(`applicantKind.${theme.audience}`) });
  const members = membersInOrder(theme.members);
  if (members.some((m) => !items.get(m.item) || !isItemOffered(items.get(m.item)!))) throw new DomainError('THEME_UNAVAILABLE');
  const memberIds = new Set(members.map((m) => items.get(m.item)!.id));

  const issues: FieldIssue[] = [];
  for (const id of Object.keys(input.members)) if (!memberIds.has(id)) issues.push({ path: `members.${id}`, code: 'UNKNOWN_FIELD' });
  input.materials.forEach((m, i) => {
    if (m.itemId && !memberIds.has(m.itemId)) issues.push({ path: `materials.${i}.itemId`, code: 'INVALID' });
  });
  if (issues.length) throw new DomainError('VALIDATION', {}, issues);
  for (const m of input.materials) if (!m.itemId && !theme.materials.some((tm) => tm.code === m.code)) throw new DomainError('MATERIAL_UNKNOWN', { code: m.code.slice(0, 40) });

  const bundleId = uuidv7();
  const caseIds = new Map(members.map((m) => [m.item, uuidv7()]));
  const now = new Date();
  const submittedBy = performerId(actor) === actor.accountId ? null : performerId(actor);
  await tx.insert(themeApplications).values({ id: bundleId, themeId: theme.id, themeCode: theme.code, themeName: theme.name, applicantAccountId: actor.accountId, submittedByAccountId: submittedBy, submittedAt: now });
  // The bundle claims the caller's uploads among those named, once; another's stays unclaimed and
  // fails the member's ownership check; one already claimed by another case trips the primary key.
  const uploadIds = [...new Set(input.materials.map((m) => m.uploadId))];
  if (uploadIds.length) {
    try {
      await tx.execute(sql`
        INSERT INTO upload_claims (upload_id, claim_id)
        SELECT id, ${bundleId}::uuid FROM uploads
        WHERE id = ANY(${uploadIdArray(uploadIds)}) AND owner_account_id = ${actor.accountId}`);
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError('UPLOAD_IN_USE');
      throw e;
    }
  }

  const created: { id: string; caseNo: string; itemId: string; status: 'submitted' | 'waiting' }[] = [];
  for (const m of members) {
    const item = items.get(m.item)!;
    const form: Record<string, unknown> = { ...(input.members[item.id]?.form ?? {}) };
    for (const f of theme.fields) {
      for (const t of f.targets.filter((x) => x.item === m.item)) {
        if (f.name in input.shared) form[t.field] = input.shared[f.name];
        else delete form[t.field];
      }
    }
    const materials: MemberMaterial[] = [];
    input.materials.forEach((x, origin) => {
      if (x.itemId === item.id) materials.push({ code: x.code, uploadId: x.uploadId, origin });
      if (x.itemId) return;
      for (const t of theme.materials.find((tm) => tm.code === x.code)!.targets) if (t.item === m.item) materials.push({ code: t.material, uploadId: x.uploadId, origin });
    });
    const waitsFor = m.after.map((a) => caseIds.get(a)).filter((id): id is string => !!id);
    try {
      const receipt = await submitCase(tx, actor, { itemId: item.id, form, materials: materials.map(({ code, uploadId }) => ({ code, uploadId })) }, regionCode, { channel: 'online' }, { id: caseIds.get(m.item)!, bundleId, waitsFor });
      created.push({ id: receipt.id, caseNo: receipt.caseNo, itemId: item.id, status: receipt.status });
    } catch (e) {
      throw inBundle(e, theme, m.item, item, materials);
    }
  }
  await appendAudit(tx, {
    actorAccountId: performerId(actor),
    action: 'theme_application.submit',
    entityType: 'theme_application',
    entityId: bundleId,
    detail: { themeCode: theme.code, cases: created.map((c) => ({ caseNo: c.caseNo, status: c.status })), ...(actor.agent ? { onBehalfOf: actor.accountId } : {}) },
  });
  return { id: bundleId, themeCode: theme.code, submittedAt: now.toISOString(), cases: created };
}

/**
 * A member's refusal with its field paths moved into the bundle's input: a mapped field to the shared
 * field (`shared.<name>`), another to the member (`members.<itemId>.form.<field>`), an upload to its
 * place in `materials`, a missing material to the shared material or the member's own.
 */
function inBundle(e: unknown, theme: ThemeRow, code: string, item: ServiceItem, materials: MemberMaterial[]): unknown {
  if (!(e instanceof DomainError) || !e.fieldIssues.length) return e;
  const sharedField = new Map(theme.fields.flatMap((f) => f.targets.filter((t) => t.item === code).map((t) => [t.field, f.name] as const)));
  const sharedMaterial = new Map(theme.materials.flatMap((m) => m.targets.filter((t) => t.item === code).map((t) => [t.material, m.code] as const)));
  const moved = e.fieldIssues.map((issue) => {
    const [head, key, ...rest] = issue.path.split('.');
    let path = issue.path;
    if (head === 'form' && key) path = sharedField.has(key) ? ['shared', sharedField.get(key)!, ...rest].join('.') : ['members', item.id, 'form', key, ...rest].join('.');
    else if (head === 'materials' && key && /^\d+$/.test(key)) path = ['materials', String(materials[Number(key)]?.origin ?? key), ...rest].join('.');
    else if (head === 'materials' && key) path = sharedMaterial.has(key) ? `materials.${sharedMaterial.get(key)!}` : `members.${item.id}.materials.${key}`;
    return { ...issue, path };
  });
  const params = e.code === 'MATERIAL_MISSING' || e.code === 'FORM_INVALID' ? { ...e.params, item: listText([item.name]) } : e.params;
  return new DomainError(e.code, params, moved);
}
