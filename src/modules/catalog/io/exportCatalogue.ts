/**
 * Catalogue export of what the caller may manage: JSON (lossless: basic items with their baselines,
 * implementations with their overrides — importing it into an empty catalogue gives the same
 * catalogue) or the clerk's sheet (xlsx with materials and form-field sheets, or CSV with JSON
 * columns), one row per implementation with its merged content.
 */
import { inArray } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Executor } from '../../../db/client.js';
import { departmentTree, listDepartments, type Actor } from '../../identity/index.js';
import { cataloguePolicy, assertMayAdministerCatalogue } from '../policy.js';
import { basicItems, serviceItemVersions, type CatalogContent, type CatalogOverrides } from '../tables.js';
import { mergeContent } from '../versions/content.js';
import { managedImplementations } from '../versions/lifecycle.js';
import type { CatalogueFile } from './contract.js';
import { entryRow, fieldColumns, fieldRows, implementationColumns, materialColumns, materialRows, sheetNames, type SheetRow } from './sheet.js';

type Entry = { code: string; basicCode: string; departmentCode: string; regionCode: string; overrides: CatalogOverrides; content: CatalogContent };

/** What the caller manages: basic items (all of them for the node's catalogue admins) and implementations with the overrides of their current version (the open draft before a first publication). */
export async function catalogueSnapshot(db: Executor, actor: Actor) {
  const policy = cataloguePolicy(actor, await departmentTree(db));
  assertMayAdministerCatalogue(policy);
  const managed = await managedImplementations(db, actor);
  const versionIds = managed.map((m) => m.item.currentVersionId ?? m.openVersion?.id).filter((x): x is string => !!x);
  const versions = new Map((versionIds.length ? await db.select().from(serviceItemVersions).where(inArray(serviceItemVersions.id, versionIds)) : []).map((v) => [v.id, v]));
  const basicIds = [...new Set(managed.map((m) => m.item.basicItemId))];
  const basics = policy.mayManageBasicItems ? await db.select().from(basicItems).orderBy(basicItems.code) : basicIds.length ? await db.select().from(basicItems).where(inArray(basicItems.id, basicIds)).orderBy(basicItems.code) : [];
  const basicById = new Map(basics.map((b) => [b.id, b]));
  const deptCode = new Map((await listDepartments(db)).map((d) => [d.id, d.code]));
  const entries: Entry[] = managed.map(({ item, openVersion }) => {
    const v = versions.get(item.currentVersionId ?? openVersion?.id ?? '');
    const basic = basicById.get(item.basicItemId)!;
    const overrides = v?.overrides ?? {};
    return { code: item.code, basicCode: basic.code, departmentCode: deptCode.get(item.departmentId) ?? '', regionCode: item.regionCode, overrides, content: mergeContent(basic.baseline, overrides) };
  });
  return { basics, entries };
}

export async function exportCatalogue(db: Executor, actor: Actor, format: 'json' | 'xlsx' | 'csv'): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const { basics, entries } = await catalogueSnapshot(db, actor);
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'json') {
    const file: CatalogueFile = {
      format: 'yiwang.catalogue',
      version: 1,
      exportedAt: new Date().toISOString(),
      basicItems: basics.map((b) => ({ code: b.code, baseline: b.baseline })),
      implementations: entries.map((e) => ({ code: e.code, basicCode: e.basicCode, department: e.departmentCode, regionCode: e.regionCode, overrides: e.overrides })),
    };
    return { body: Buffer.from(JSON.stringify(file, null, 2)), contentType: 'application/json; charset=utf-8', fileName: `catalogue-${stamp}.json` };
  }
  if (format === 'csv') {
    const header = implementationColumns.map((c) => c.zh);
    const rows = entries.map((e) => implementationColumns.map((c) => entryRow(e, true)[c.key] ?? ''));
    // A byte-order mark, so Excel opens the UTF-8 file with its Chinese intact.
    return { body: Buffer.from(stringify([header, ...rows], { bom: true })), contentType: 'text/csv; charset=utf-8', fileName: `catalogue-${stamp}.csv` };
  }
  const body = await catalogueWorkbook(
    entries.map((e) => entryRow(e, false)),
    entries.flatMap((e) => materialRows(e.code, e.content.materials)),
    entries.flatMap((e) => fieldRows(e.code, e.content.form.fields)),
  );
  return { body, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `catalogue-${stamp}.xlsx` };
}

/** The clerk's workbook: three sheets, Chinese headers, code columns formatted as text so Excel keeps leading zeros. */
export async function catalogueWorkbook(implementations: SheetRow[], materials: SheetRow[], fields: SheetRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, defs: readonly { key: string; zh: string; kind: string }[], rows: SheetRow[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = defs.filter((d) => d.key !== 'materials' && d.key !== 'fields').map((d) => ({ header: d.zh, key: d.key, width: d.kind === 'text' ? 24 : 14, style: d.kind === 'code' ? { numFmt: '@' } : {} }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(r);
  };
  sheet(sheetNames.implementations.zh, implementationColumns, implementations);
  sheet(sheetNames.materials.zh, materialColumns, materials);
  sheet(sheetNames.fields.zh, fieldColumns, fields);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
