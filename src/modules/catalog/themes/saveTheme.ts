import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { DomainError, isUniqueViolation, type FieldIssue } from '../../../lib/errors.js';
import { uuidv7 } from '../../../lib/uuid.js';
import { parseInput } from '../../../lib/validate.js';
import { appendAudit } from '../../supervision/index.js';
import { themes } from '../tables.js';
import { themeBody, type ThemeDefinition, type ThemeInput } from './contract.js';
import { themeIssues } from './rules.js';
import { codesOf, getTheme, itemsByCode, type ThemeRow } from './service.js';

type Who = { actorAccountId: string | null };

const codeTaken = () => new DomainError('VALIDATION', {}, [{ path: 'code', code: 'THEME_CODE_TAKEN' }]);

/** Publication is refused on any issue; the problem lists them all, each on its path. */
async function assertPublishable(tx: Tx, def: Pick<ThemeRow, 'audience' | 'members' | 'fields' | 'materials'>) {
  const issues: FieldIssue[] = themeIssues(def, await itemsByCode(tx, codesOf(def)));
  if (issues.length) throw new DomainError('THEME_INVALID', { count: issues.length }, issues);
}

/** A new theme, as a draft (or published at once when the installation seeds it with `publish`). */
export async function createTheme(tx: Tx, input: ThemeInput, opts: Who & { publish?: boolean }): Promise<ThemeRow> {
  const def: ThemeDefinition = parseInput(themeBody, input);
  if (opts.publish) await assertPublishable(tx, def);
  const id = uuidv7();
  const now = new Date();
  let row: ThemeRow;
  try {
    [row] = (await tx
      .insert(themes)
      .values({ id, ...def, status: opts.publish ? 'published' : 'draft', publishedAt: opts.publish ? now : null, updatedBy: opts.actorAccountId, createdAt: now, updatedAt: now })
      .returning()) as [ThemeRow];
  } catch (e) {
    if (isUniqueViolation(e)) throw codeTaken();
    throw e;
  }
  await appendAudit(tx, { actorAccountId: opts.actorAccountId, action: 'theme.create', entityType: 'theme', entityId: id, detail: { code: def.code, status: row.status, members: def.members.map((m) => m.item) } });
  return row;
}

/** Replaces a theme's definition. A published theme stays published, so the new definition must pass publication's checks. */
export async function updateTheme(tx: Tx, id: string, input: ThemeInput, opts: Who): Promise<ThemeRow> {
  const def = parseInput(themeBody, input);
  const [current] = await tx.select().from(themes).where(eq(themes.id, id)).for('update');
  if (!current) throw new DomainError('NOT_FOUND');
  if (current.status === 'published') await assertPublishable(tx, def);
  let row: ThemeRow;
  try {
    [row] = (await tx.update(themes).set({ ...def, updatedAt: new Date(), updatedBy: opts.actorAccountId }).where(eq(themes.id, id)).returning()) as [ThemeRow];
  } catch (e) {
    if (isUniqueViolation(e)) throw codeTaken();
    throw e;
  }
  const changed = (['code', 'name', 'description', 'audience', 'topics', 'members', 'fields', 'materials'] as const).filter((k) => JSON.stringify(current[k]) !== JSON.stringify(row[k]));
  await appendAudit(tx, { actorAccountId: opts.actorAccountId, action: 'theme.update', entityType: 'theme', entityId: id, detail: { code: row.code, changed } });
  return row;
}

/** Publishes a theme: refused (THEME_INVALID, every issue listed) while a member is unpublished, a prerequisite cycles or a mapping names what a member lacks. */
export async function publishTheme(tx: Tx, id: string, opts: Who): Promise<ThemeRow> {
  const [current] = await tx.select().from(themes).where(eq(themes.id, id)).for('update');
  if (!current) throw new DomainError('NOT_FOUND');
  await assertPublishable(tx, current);
  const now = new Date();
  const [row] = (await tx.update(themes).set({ status: 'published', publishedAt: now, updatedAt: now, updatedBy: opts.actorAccountId }).where(eq(themes.id, id)).returning()) as [ThemeRow];
  await appendAudit(tx, { actorAccountId: opts.actorAccountId, action: 'theme.publish', entityType: 'theme', entityId: id, detail: { code: row.code } });
  return row;
}

/** Withdraws a theme from the portal (applications already made keep their cases). */
export async function unpublishTheme(tx: Tx, id: string, opts: Who): Promise<ThemeRow> {
  const current = await getTheme(tx, id);
  if (!current) throw new DomainError('NOT_FOUND');
  const [row] = (await tx.update(themes).set({ status: 'draft', updatedAt: new Date(), updatedBy: opts.actorAccountId }).where(eq(themes.id, id)).returning()) as [ThemeRow];
  await appendAudit(tx, { actorAccountId: opts.actorAccountId, action: 'theme.unpublish', entityType: 'theme', entityId: id, detail: { code: row.code } });
  return row;
}
