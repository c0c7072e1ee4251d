import { PGlite } from '@electric-sql/pglite';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openPglite } from '../../../db/client.js';
import { Client, createTestApp, type TestContext } from '../../../test/app.js';
import { createDepartment, createStaff, type TestDepartment } from '../../../test/factories.js';
import { listDepartments, provisionDepartment } from '../../identity/index.js';
import { basicItems, serviceItems } from '../tables.js';
import { catalogueSnapshot } from './exportCatalogue.js';
import { importCatalogue } from './importCatalogue.js';
import { fieldColumns, implementationColumns, materialColumns } from './sheet.js';
import { verifyAuditChain } from '../../supervision/index.js';

let ctx: TestContext;
let deptA: TestDepartment;
let deptB: TestDepartment;
let nodeAdmin: Client;
let nodeAdmin2: Client;
let adminA: Client;
let adminB: Client;
const run = Date.now().toString(36).toUpperCase().slice(-5);

const signedIn = async (s: { username: string; password: string }) => {
  const c = new Client(ctx.app);
  await c.login(s.username, s.password);
  return c;
};

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.database.db;
  deptA = await createDepartment(db);
  deptB = await createDepartment(db);
  const zwfw = await createDepartment(db);
  nodeAdmin = await signedIn(await createStaff(db, zwfw.id, ['catalogue_admin']));
  nodeAdmin2 = await signedIn(await createStaff(db, zwfw.id, ['catalogue_admin']));
  adminA = await signedIn(await createStaff(db, deptA.id, ['admin']));
  adminB = await signedIn(await createStaff(db, deptB.id, ['admin']));
});
afterAll(() => ctx.close());

type Row = Partial<Record<(typeof implementationColumns)[number]['key'], string | number>>;

/** A valid implementation row of the sheet (a 承诺件 with 20 statutory / 10 promised days). */
function row(basicCode: string, code: string, department: string, over: Row = {}): Row {
  return {
    basicCode,
    code,
    name: '居住证签注 || Residence permit endorsement',
    itemType: '07',
    department,
    regionCode: '620100',
    legalLimitDays: 20,
    promisedLimitDays: 10,
    caseKind: '承诺件',
    visits: 0,
    place: '兰州市政务服务中心一楼综合窗口',
    hours: '周一至周五 9:00–17:30',
    contactPhone: '0931-8450001',
    complaintPhone: '12345',
    fees: '工本费:20:《居住证暂行条例》第十九条',
    onlineDepth: '1,2,3,4',
    onlineUrl: '/?q=JZZQZ',
    applicantKinds: '自然人',
    minLevel: 2,
    legalBasis: '《居住证暂行条例》第十四条',
    audience: '在本市居住满半年的非本市户籍人员',
    conditions: '持有有效居住证',
    process: '网上申请\n窗口受理\n签注',
    result: '居住证签注记录',
    ...over,
  };
}

/** An xlsx workbook: the implementations sheet (Chinese headers, cells as given: a number stays a number cell), a materials sheet. */
async function workbook(rows: Row[], materialsFor: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('实施清单');
  const defs = implementationColumns.filter((c) => c.key !== 'materials' && c.key !== 'fields');
  ws.addRow(defs.map((d) => d.zh));
  for (const r of rows) ws.addRow(defs.map((d) => r[d.key] ?? null));
  const ms = wb.addWorksheet('申请材料');
  ms.addRow(materialColumns.map((c) => c.zh));
  for (const code of materialsFor) ms.addRow([code, 'M01', '居民身份证 || Resident ID card', '是', '原件扫描件', 'pdf,jpg', 5, '申请人自备']);
  const fs = wb.addWorksheet('表单字段');
  fs.addRow(fieldColumns.map((c) => c.zh));
  for (const code of materialsFor) fs.addRow([code, 'address', '居住地址 || Address', 'text', '是', 100]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(fileName: string, content: Buffer) {
  const boundary = `----yw${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (c: Client, fileName: string, content: Buffer, query = '') => {
  const m = multipart(fileName, content);
  return c.post(`/api/catalog/admin/import${query}`, m.body, m.headers);
};

async function counts() {
  const db = ctx.database.db;
  const [b] = await db.select({ n: sql<number>`count(*)::int` }).from(basicItems);
  const [s] = await db.select({ n: sql<number>`count(*)::int` }).from(serviceItems);
  return { basicItems: b!.n, implementations: s!.n };
}

describe('catalogue import: all or nothing', () => {
  it('lists every bad row by row and column and writes nothing; the fixed file imports as drafts that publish through review', async () => {
    const basic = `B${run}1`;
    const rows = [
      row(basic, `${basic}A01`, deptA.code),
      // An 18-digit-like code typed as a number: Excel lost its leading zeros.
      row(basic, `${basic}A02`, deptA.code, { basicCode: 101001000 }),
      row(basic, `${basic}A03`, deptA.code, { promisedLimitDays: 25 }),
      row(basic, `${basic}A04`, 'NO-SUCH-DEPT'),
    ];
    const before = await counts();
    const res = await upload(nodeAdmin, 'catalogue.xlsx', await workbook(rows, rows.map((r) => String(r.code))));
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('IMPORT_ROWS_INVALID');
    const errs = body.rows.map((e: { row: number; column: string }) => [e.row, e.column]);
    expect(errs).toEqual(expect.arrayContaining([
      [3, '基本编码'],
      [4, '承诺时限'],
      [5, '实施部门'],
    ]));
    expect(body.rows.find((e: { row: number }) => e.row === 4).message).toBe('承诺办结时限不能超过法定办结时限。');
    expect(body.rows.find((e: { row: number }) => e.row === 3).message).toMatch(/文本/);
    expect(errs.some(([r]: [number]) => r === 2)).toBe(false);
    expect(await counts()).toEqual(before);

    // In English the same problems, in English.
    nodeAdmin.lang = 'en';
    const en = (await upload(nodeAdmin, 'catalogue.xlsx', await workbook(rows, rows.map((r) => String(r.code))))).json();
    nodeAdmin.lang = 'zh-CN';
    expect(en.rows.find((e: { row: number }) => e.row === 4).message).toBe('The promised time limit may not exceed the statutory one.');

    const fixed = [row(basic, `${basic}A01`, deptA.code), row(basic, `${basic}A02`, deptA.code, { promisedLimitDays: 5, place: '城关区政务大厅 2 号窗口' }), row(basic, `${basic}A03`, deptA.code)];
    const ok = await upload(nodeAdmin, 'catalogue.xlsx', await workbook(fixed, fixed.map((r) => String(r.code))));
    expect(ok.statusCode).toBe(200);
    const result = ok.json();
    expect(result.published).toBe(false);
    expect(result.counts).toEqual({ basicItemsCreated: 1, implementationsCreated: 3, draftsOpened: 0, unchanged: 0 });
    expect(await counts()).toEqual({ basicItems: before.basicItems + 1, implementations: before.implementations + 3 });

    // Drafts, not offered; the second row became an override of the basic item's promised limit and window.
    const second = result.items[1];
    const draft = (await nodeAdmin.get(`/api/catalog/admin/versions/${second.versionId}`)).json();
    expect(draft.status).toBe('draft');
    expect(draft.overrides).toEqual({ promisedLimitDays: 5, guide: { place: { zh: '城关区政务大厅 2 号窗口', en: '城关区政务大厅 2 号窗口' } } });
    expect(draft.content.materials.map((m: { code: string }) => m.code)).toEqual(['M01']);
    expect(draft.content.guide.fees).toEqual([{ name: { zh: '工本费', en: '工本费' }, amountFen: 2000, basis: { zh: '《居住证暂行条例》第十九条', en: '《居住证暂行条例》第十九条' } }]);
    const anyone = new Client(ctx.app);
    expect((await anyone.get(`/api/catalog/items/${draft.implementation.id}`)).statusCode).toBe(404);

    // Review as usual: the importer cannot approve what they imported; another admin can.
    expect((await nodeAdmin.post(`/api/catalog/admin/versions/${second.versionId}/submit`)).json().status).toBe('review');
    expect((await nodeAdmin.post(`/api/catalog/admin/versions/${second.versionId}/approve`, {})).json().code).toBe('SELF_REVIEW');
    expect((await nodeAdmin2.post(`/api/catalog/admin/versions/${second.versionId}/approve`, {})).json().status).toBe('published');
    const guide = (await anyone.get(`/api/catalog/items/${draft.implementation.id}`)).json();
    expect(guide.promisedLimitDays).toBe(5);
    expect(guide.name).toBe('居住证签注');

    // Importing the file again with a change opens a new draft of the published one; unchanged rows stay as they are.
    const changed = [row(basic, `${basic}A02`, deptA.code, { promisedLimitDays: 4, place: '城关区政务大厅 2 号窗口' }), row(basic, `${basic}A03`, deptA.code)];
    const again = (await upload(nodeAdmin, 'catalogue.xlsx', await workbook(changed, changed.map((r) => String(r.code))))).json();
    expect(again.counts).toEqual({ basicItemsCreated: 0, implementationsCreated: 0, draftsOpened: 1, unchanged: 1 });
    const v2 = (await nodeAdmin.get(`/api/catalog/admin/versions/${again.items[0].versionId}`)).json();
    expect([v2.versionNo, v2.status, v2.content.promisedLimitDays]).toEqual([2, 'draft', 4]);
    expect((await anyone.get(`/api/catalog/items/${draft.implementation.id}`)).json().promisedLimitDays).toBe(5);
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });

  it('a dry run checks and reports, writing nothing', async () => {
    const basic = `B${run}2`;
    const before = await counts();
    const res = await upload(nodeAdmin, 'c.xlsx', await workbook([row(basic, `${basic}A01`, deptA.code)], [`${basic}A01`]), '?dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json().dryRun).toBe(true);
    expect(res.json().counts.implementationsCreated).toBe(1);
    expect(await counts()).toEqual(before);
  });

  it('reads a CSV that Excel saved in GBK with its Chinese intact', async () => {
    const basic = `B${run}3`;
    const defs = implementationColumns;
    const r = row(basic, `${basic}A01`, deptA.code, { name: '居住证签注' }) as Record<string, unknown>;
    r.materials = JSON.stringify([{ code: 'M01', name: { zh: '居民身份证', en: 'ID card' }, required: true, description: { zh: '扫描件', en: 'Scan' }, accept: ['pdf'], maxBytes: 1048576, source: 'applicant' }]);
    r.fields = '[]';
    const quote = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
    const text = [defs.map((d) => d.zh).join(','), defs.map((d) => quote(r[d.key])).join(',')].join('\r\n');
    const gbk = iconv.encode(text, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow(); // really GBK, not UTF-8
    const res = await upload(nodeAdmin, 'catalogue.csv', gbk);
    expect(res.statusCode).toBe(200);
    const v = (await nodeAdmin.get(`/api/catalog/admin/versions/${res.json().items[0].versionId}`)).json();
    expect(v.content.name.zh).toBe('居住证签注');
    expect(v.content.guide.audience.zh).toBe('在本市居住满半年的非本市户籍人员');
    expect(v.content.materials[0].name.zh).toBe('居民身份证');
  });

  it('keeps a department admin to rows of their own departments and to existing basic items', async () => {
    const basic = `B${run}4`;
    expect((await upload(nodeAdmin, 'c.xlsx', await workbook([row(basic, `${basic}A01`, deptA.code)], [`${basic}A01`]))).statusCode).toBe(200);
    const before = await counts();
    const res = await upload(adminB, 'c.xlsx', await workbook([row(basic, `${basic}B01`, deptB.code), row(basic, `${basic}B02`, deptA.code), row(`N${run}4`, `N${run}4B03`, deptB.code)], [`${basic}B01`, `${basic}B02`, `N${run}4B03`]));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().rows.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message])).toEqual([
      [3, '实施部门', '您不能管理这个部门的事项。'],
      [4, '基本编码', '基本目录中没有这个基本编码；新的基本事项只能由事项管理员导入。'],
    ]);
    expect(await counts()).toEqual(before);
    const ok = await upload(adminB, 'c.xlsx', await workbook([row(basic, `${basic}B01`, deptB.code, { promisedLimitDays: 7 })], [`${basic}B01`]));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().counts.implementationsCreated).toBe(1);

    // The export holds what the caller manages only.
    const mine = (await adminB.get('/api/catalog/admin/export?format=json')).json();
    expect(mine.implementations.length).toBeGreaterThan(0);
    expect(new Set(mine.implementations.map((i: { department: string }) => i.department))).toEqual(new Set([deptB.code]));
    expect(mine.basicItems.map((b: { code: string }) => b.code)).toEqual([basic]);
    const all = (await nodeAdmin.get('/api/catalog/admin/export?format=json')).json();
    expect(all.implementations.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining([`${basic}A01`, `${basic}B01`]));
    const xlsx = await adminB.get('/api/catalog/admin/export?format=xlsx');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('实施清单')!;
    expect(sheet.getRow(2).getCell(2).value).toBe(`${basic}B01`);
    const csv = await adminB.get('/api/catalog/admin/export?format=csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain(`${basic}B01`);
    // The exported workbook imports back: unchanged.
    const back = (await upload(adminB, 'back.xlsx', xlsx.rawPayload)).json();
    expect(back.counts).toEqual({ basicItemsCreated: 0, implementationsCreated: 0, draftsOpened: 0, unchanged: mine.implementations.length });
    expect((await new Client(ctx.app).get('/api/catalog/admin/export?format=json')).statusCode).toBe(401);
  });

  it('round-trips as JSON: an export imported into an empty catalogue gives the same catalogue', async () => {
    const db = ctx.database.db;
    const source = (await nodeAdmin.get('/api/catalog/admin/export?format=json')).json();
    // An empty installation with the same departments.
    const client = await PGlite.create();
    const empty = await openPglite(client);
    try {
      await migrateDatabase(empty);
      const depts = await listDepartments(db);
      await empty.db.transaction(async (tx) => {
        for (const d of depts) await provisionDepartment(tx, { code: d.code, name: d.name, creditCode: d.creditCode, regionCode: d.regionCode, parentId: null }, { nodeRegion: '620100' });
      });
      const result = await empty.db.transaction((tx) => importCatalogue(tx, 'installation', { fileName: 'catalogue.json', bytes: Buffer.from(JSON.stringify(source)) }));
      expect(result.counts.basicItemsCreated).toBe(source.basicItems.length);
      expect(result.counts.implementationsCreated).toBe(source.implementations.length);
      const adminAccount = { kind: 'staff', agent: null, roles: [{ role: 'catalogue_admin', departmentId: depts[0]!.id }] } as never;
      const a = await catalogueSnapshot(db, adminAccount);
      const b = await catalogueSnapshot(empty.db, adminAccount);
      const shape = (s: typeof a) => ({ basics: s.basics.map((x) => [x.code, x.baseline]), entries: s.entries.map((e) => [e.code, e.basicCode, e.departmentCode, e.regionCode, e.overrides]) });
      expect(shape(b)).toEqual(shape(a));
    } finally {
      await empty.close();
    }
  });

  it('the installation publishes directly, staff imports stay drafts', async () => {
    const basic = `B${run}5`;
    const file = { fileName: 'c.xlsx', bytes: await workbook([row(basic, `${basic}A01`, deptA.code)], [`${basic}A01`]) };
    const result = await ctx.database.db.transaction((tx) => importCatalogue(tx, 'installation', file));
    expect(result.published).toBe(true);
    const anyone = new Client(ctx.app);
    const listed = (await anyone.get(`/api/catalog/items?q=${basic}`)).json().items;
    expect(listed.map((i: { code: string }) => i.code)).toEqual([`${basic}A01`]);
    // The installation refuses codes that exist (it never changes a running catalogue).
    await expect(ctx.database.db.transaction((tx) => importCatalogue(tx, 'installation', file))).rejects.toMatchObject({ code: 'IMPORT_ROWS_INVALID' });
  });
});
