import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import type { ServiceItem } from '../service.js';
import { serviceItems, themes } from '../tables.js';
import type { EnterpriseStage, LifeEvent } from '../topics.js';

export type ThemeRow = typeof themes.$inferSelect;

/** The implementations a definition names, by code (unknown codes are simply absent). */
export async function itemsByCode(db: Executor, codes: string[]): Promise<Map<string, ServiceItem>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return new Map();
  const rows = await db.select().from(serviceItems).where(inArray(serviceItems.code, unique));
  return new Map(rows.map((r) => [r.code, r]));
}

/** Every code a definition names: members, their prerequisites and the mappings' targets. */
export function codesOf(t: Pick<ThemeRow, 'members' | 'fields' | 'materials'>): string[] {
  return [...t.members.flatMap((m) => [m.item, ...m.after]), ...t.fields.flatMap((f) => f.targets.map((x) => x.item)), ...t.materials.flatMap((m) => m.targets.map((x) => x.item))];
}

export async function getTheme(db: Executor, id: string): Promise<ThemeRow | null> {
  const [row] = await db.select().from(themes).where(eq(themes.id, id)).limit(1);
  return row ?? null;
}

export async function listThemes(db: Executor, filter: { published?: boolean; audience?: 'person' | 'entity'; lifeEvent?: LifeEvent; enterpriseStage?: EnterpriseStage } = {}) {
  const conds: SQL[] = [];
  if (filter.published) conds.push(eq(themes.status, 'published'));
  if (filter.audience) conds.push(eq(themes.audience, filter.audience));
  if (filter.lifeEvent) conds.push(sql`${themes.topics}->'lifeEvents' ? ${filter.lifeEvent}`);
  if (filter.enterpriseStage) conds.push(sql`${themes.topics}->'enterpriseStages' ? ${filter.enterpriseStage}`);
  return db.select().from(themes).where(and(...conds)).orderBy(themes.code);
}

/**
 * A published theme as an application needs it: the definition and each member's implementation
 * (the cases module applies for each through its own submission). Null when it is not published.
 */
export async function getThemeForApplication(db: Executor, id: string): Promise<{ theme: ThemeRow; items: Map<string, ServiceItem> } | null> {
  const theme = await getTheme(db, id);
  if (!theme || theme.status !== 'published') return null;
  return { theme, items: await itemsByCode(db, theme.members.map((m) => m.item)) };
}
