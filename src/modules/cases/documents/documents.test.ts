import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { deflateSync } from 'node:zlib';
import { Client, createTestApp, samplePdf, type TestContext } from '../../../test/app.js';
import { createDepartment, createItem, createLicenceTypeFor, createPerson, createStaff, signIn, type TestDepartment, type TestPerson, type TestStaff } from '../../../test/factories.js';
import { hasPdftoppm, inspectPdf, renderedPage } from '../../../test/pdf.js';
import { auditEvents } from '../../supervision/tables.js';
import { caseDocuments } from './tables.js';

/**
 * Case documents (受理通知书, 补正告知书, 不予受理决定书, 准予 / 不予许可决定书): issued by the step that
 * needs them, read by the applicant and the case's handlers only, the same PDF every time, with
 * Chinese that a reader sees, and a QR page that says whether the document is genuine.
 */
let ctx: TestContext;
let dept: TestDepartment;
let clerk: Client;
let approver: Client;
let person: TestPerson;
let citizen: Client;
const staff: Record<string, TestStaff> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  const { db } = ctx.database;
  dept = await createDepartment(db);
  for (const role of ['clerk', 'approver', 'admin'] as const) staff[role] = await createStaff(db, dept.id, [role]);
  clerk = await signIn(ctx.app, staff.clerk!);
  approver = await signIn(ctx.app, staff.approver!);
  person = await createPerson(db, { name: '欧阳明月' });
  citizen = await signIn(ctx.app, person);
});
afterAll(() => ctx.close());

const year = () => new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());

async function submit(itemId: string, as = citizen) {
  const upload = (await as.upload('id.pdf', samplePdf('documents'), 'application/pdf')).json().id;
  const res = await as.post('/api/cases', { itemId, form: { purpose: '办理食品经营许可' }, materials: [{ code: 'M01', uploadId: upload }] });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; caseNo: string };
}

type Listed = { id: string; kind: string; title: string; documentNumber: string; verifyCode: string; pdfSha256: string; downloadUrl: string };
async function documentsOf(caseId: string, as = citizen): Promise<Listed[]> {
  const res = await as.get(`/api/cases/${caseId}/documents`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

async function download(d: Listed, as = citizen) {
  const res = await as.get(d.downloadUrl);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return res.rawPayload;
}

describe('a case through intake and approval', () => {
  let caseId: string;
  let caseNo: string;
  let accepted: Listed;

  beforeAll(async () => {
    const type = await createLicenceTypeFor(ctx.database.db, dept.id);
    const item = await createItem(ctx.database.db, dept.id, { licenceTypeCode: type.code, name: { zh: '食品经营许可（新办）', en: 'Food business licence' } });
    ({ id: caseId, caseNo } = await submit(item.id));
    expect((await clerk.post(`/api/cases/${caseId}/supplement`, { items: [{ materialCode: 'M01', reason: '扫描件不清晰，请重新上传' }, { materialCode: null, reason: '经营范围表述不规范' }], note: '请一次补齐' })).statusCode).toBe(200);
    const again = (await citizen.upload('id2.pdf', samplePdf('documents-2'), 'application/pdf')).json().id;
    expect((await citizen.post(`/api/cases/${caseId}/resubmit`, { form: { purpose: '办理食品经营许可' }, materials: [{ code: 'M01', uploadId: again }] })).statusCode).toBe(200);
    expect((await clerk.post(`/api/cases/${caseId}/accept`, {})).statusCode).toBe(200);
    expect((await approver.post(`/api/cases/${caseId}/approve`, { opinion: '材料齐全，符合法定条件。' })).statusCode).toBe(200);
    accepted = (await documentsOf(caseId)).find((d) => d.kind === 'acceptance')!;
  });

  it('issues 补正告知书, 受理通知书 and 准予许可决定书, in order, each numbered per kind and year', async () => {
    const docs = await documentsOf(caseId);
    expect(docs.map((d) => d.title)).toEqual(['补正告知书', '受理通知书', '准予许可决定书']);
    expect(docs.map((d) => d.documentNumber)).toEqual([`${dept.name.zh}补字〔${year()}〕第1号`, `${dept.name.zh}受字〔${year()}〕第1号`, `${dept.name.zh}许字〔${year()}〕第1号`]);
    // The handlers see the same list.
    expect((await documentsOf(caseId, clerk)).map((d) => d.id)).toEqual(docs.map((d) => d.id));
    // Each issue is in the audit log with its number and the hash of the file.
    const events = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'case.document_issue'));
    const mine = events.filter((e) => (e.detail as { caseId?: string }).caseId === caseId);
    expect(mine.map((e) => (e.detail as { documentNumber: string }).documentNumber)).toEqual(docs.map((d) => d.documentNumber));
    expect(mine.every((e) => (e.detail as { pdfSha256: string; signed: boolean }).signed)).toBe(true);
  });

  it('the 受理通知书 holds its title, number, case number, the applicant’s full name and masked ID, the legal basis, in an embedded Chinese font', async () => {
    const pdf = await download(accepted);
    const { text, fonts } = await inspectPdf(pdf);
    expect(text).toContain('受理通知书');
    expect(text).toContain(accepted.documentNumber);
    expect(text).toContain(caseNo);
    expect(text).toContain('欧阳明月');
    expect(text).toContain(`${person.idNumber.slice(0, 6)}********${person.idNumber.slice(-4)}`);
    expect(text).not.toContain(person.idNumber);
    expect(text).toContain('《中华人民共和国行政许可法》第三十二条第一款第（五）项');
    expect(text).toContain('食品经营许可（新办）');
    expect(text).toContain(dept.name.zh);
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    // The CJK text is drawn with the embedded Noto subset, every glyph of it with an outline.
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.name).toMatch(/^[A-Z]{6}\+NotoSansHans-/);
      expect(f.glyphs).toBeGreaterThan(10);
      expect(f.drawnGlyphs).toBeGreaterThanOrEqual(f.glyphs - 1); // glyph 0 (.notdef) may be empty
    }
  });

  it('is the same file on every download, the one whose SHA-256 was recorded at issue', async () => {
    const a = await download(accepted);
    const b = await download(accepted, clerk);
    expect(Buffer.compare(a, b)).toBe(0);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(a).digest('hex')).toBe(accepted.pdfSha256);
  });

  it('the 补正告知书 lists every item with its reason and the deadline; the 准予许可决定书 names the certificate', async () => {
    const [supplement, , approval] = await documentsOf(caseId);
    const s = (await inspectPdf(await download(supplement!))).text;
    expect(s).toContain('一次性告知需要补正的全部内容');
    expect(s).toContain('1. 身份证明：扫描件不清晰，请重新上传');
    expect(s).toContain('2. 其他材料：经营范围表述不规范');
    expect(s).toContain('其他说明：请一次补齐');
    expect(s).toMatch(/请于\d{4}年\d{1,2}月\d{1,2}日前通过原申请渠道提交补正材料/);
    const a = (await inspectPdf(await download(approval!))).text;
    expect(a).toContain('决定准予许可');
    expect(a).toContain('第三十八条第一款');
    const licence = (await citizen.get(`/api/cases/${caseId}`)).json().licence;
    expect(a).toContain(licence.identifier);
  });

  it('the QR page says genuine, without personal data, and not genuine once the record is altered', async () => {
    const anonymous = new Client(ctx.app);
    const ok = await anonymous.get(`/api/verify/document/${accepted.verifyCode}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ valid: true, document: { kind: 'acceptance', title: '受理通知书', documentNumber: accepted.documentNumber, department: dept.name.zh, caseNo } });
    expect(ok.body).not.toContain('欧阳');
    expect(ok.body).not.toContain(person.idNumber.slice(-4) + '"');
    // The QR in the PDF carries this page's address.
    expect((await inspectPdf(await download(accepted))).text).toContain(`/verify/document/${accepted.verifyCode}`);

    const { db } = ctx.database;
    await db.execute(sql`UPDATE case_documents SET content = replace(content, '欧阳明月', '欧阳明日') WHERE id = ${accepted.id}`);
    const altered = (await anonymous.get(`/api/verify/document/${accepted.verifyCode}`)).json();
    expect(altered.valid).toBe(false);
    expect(altered.reason).toBe('signature');
    // Nor is the altered record served as the document issued.
    expect((await citizen.get(accepted.downloadUrl)).statusCode).toBe(500);
    expect((await anonymous.get('/api/verify/document/ZZZZZZZZZZ')).json()).toEqual({ valid: false, reason: 'unknown' });
  });
});

describe('refusals state the reason and the remedies', () => {
  it('不予受理决定书 on rejection, 不予许可决定书 on denial: 60 days for reconsideration, 6 months to sue', async () => {
    const item = await createItem(ctx.database.db, dept.id);
    const rejected = await submit(item.id);
    expect((await clerk.post(`/api/cases/${rejected.id}/reject`, { reason: '申请事项不属于本机关职权范围。' })).statusCode).toBe(200);
    const [r] = await documentsOf(rejected.id);
    expect(r!.title).toBe('不予受理决定书');
    const rt = (await inspectPdf(await download(r!))).text;
    expect(rt).toContain('存在以下情形：申请事项不属于本机关职权范围。根据');
    expect(rt).toContain('决定不予受理');
    expect(rt).toContain('六十日内向本级人民政府申请行政复议');
    expect(rt).toContain('六个月内依法向人民法院提起行政诉讼');

    const denied = await submit(item.id);
    await clerk.post(`/api/cases/${denied.id}/accept`, {});
    expect((await approver.post(`/api/cases/${denied.id}/deny`, { opinion: '经营场所位于居民住宅楼内' })).statusCode).toBe(200);
    const docs = await documentsOf(denied.id);
    expect(docs.map((d) => d.title)).toEqual(['受理通知书', '不予许可决定书']);
    const dt = (await inspectPdf(await download(docs[1]!))).text;
    expect(dt).toContain('理由如下：经营场所位于居民住宅楼内。');
    expect(dt).toContain('决定不予许可');
    expect(dt).toContain('第三十八条第二款');
    expect(dt).toContain('六十日内');
    expect(dt).toContain('六个月内');
  });
});

describe('who may read a case’s documents', () => {
  let caseId: string;
  let doc: Listed;
  beforeAll(async () => {
    const item = await createItem(ctx.database.db, dept.id);
    caseId = (await submit(item.id)).id;
    await clerk.post(`/api/cases/${caseId}/accept`, {});
    [doc] = (await documentsOf(caseId)) as [Listed];
  });

  it('another citizen, a clerk of another department, the department admin and a supervisor get 404 on the list and the file', async () => {
    const { db } = ctx.database;
    const other = await createDepartment(db);
    const outsiders = [
      await signIn(ctx.app, await createPerson(db)),
      await signIn(ctx.app, await createStaff(db, other.id, ['clerk', 'approver'])),
      await signIn(ctx.app, staff.admin!),
      await signIn(ctx.app, await createStaff(db, other.id, ['supervisor'])),
    ];
    for (const c of outsiders) {
      const list = await c.get(`/api/cases/${caseId}/documents`);
      expect(list.statusCode).toBe(404);
      const file = await c.get(doc.downloadUrl);
      expect(file.statusCode).toBe(404);
      expect(file.body).not.toContain('%PDF');
    }
    // Signed out: no file either.
    expect([401, 404]).toContain((await new Client(ctx.app).get(doc.downloadUrl)).statusCode);
  });
});

describe('a department without a signing key', () => {
  it('still issues the document, and its QR page says it cannot be checked (not signed)', async () => {
    const { db } = ctx.database;
    const unit = await createDepartment(db, { alg: null });
    const unitClerk = await signIn(ctx.app, await createStaff(db, unit.id, ['clerk']));
    const c = await submit((await createItem(db, unit.id)).id);
    expect((await unitClerk.post(`/api/cases/${c.id}/accept`, {})).statusCode).toBe(200);
    const [d] = await documentsOf(c.id);
    const v = (await new Client(ctx.app).get(`/api/verify/document/${d!.verifyCode}`)).json();
    expect(v).toMatchObject({ valid: false, reason: 'unsigned', document: { documentNumber: d!.documentNumber, caseNo: c.caseNo } });
  });
});

describe('the department’s letterhead', () => {
  it('a short name set by the department admin begins the numbers; a seal image replaces the drawn seal; earlier documents keep theirs', async () => {
    const { db } = ctx.database;
    const unit = await createDepartment(db);
    const unitClerk = await signIn(ctx.app, await createStaff(db, unit.id, ['clerk']));
    const unitAdmin = await signIn(ctx.app, await createStaff(db, unit.id, ['admin']));
    const item = await createItem(db, unit.id);
    const before = await submit(item.id);
    await unitClerk.post(`/api/cases/${before.id}/accept`, {});
    const [first] = await documentsOf(before.id);
    const firstPdf = await download(first!);
    const drawn = await inspectPdf(firstPdf);
    expect(drawn.images).toBe(0);

    // Another department's admin may not set it: looks like it does not exist.
    await expect((await signIn(ctx.app, staff.admin!)).request('PUT', `/api/departments/${unit.id}/document-letterhead`, { shortName: '测监', sealPng: null })).resolves.toMatchObject({ statusCode: 404 });
    const set = await unitAdmin.request('PUT', `/api/departments/${unit.id}/document-letterhead`, { shortName: '测监', sealPng: redDotPng().toString('base64') });
    expect(set.statusCode).toBe(204);
    const notPng = await unitAdmin.request('PUT', `/api/departments/${unit.id}/document-letterhead`, { shortName: '测监', sealPng: Buffer.from('not a png').toString('base64') });
    expect(notPng.statusCode).toBe(400);

    const after = await submit(item.id);
    await unitClerk.post(`/api/cases/${after.id}/accept`, {});
    const [second] = await documentsOf(after.id);
    expect(second!.documentNumber).toBe(`测监受字〔${year()}〕第2号`);
    expect((await inspectPdf(await download(second!))).images).toBe(1);
    // The first document is still the file it was.
    expect(Buffer.compare(await download(first!), firstPdf)).toBe(0);
    expect(first!.documentNumber).toBe(`${unit.name.zh}受字〔${year()}〕第1号`);
    const [row] = await db.select({ seq: caseDocuments.seq }).from(caseDocuments).where(eq(caseDocuments.id, second!.id));
    expect(row!.seq).toBe(2);
  });
});

describe.skipIf(!hasPdftoppm())('as a reader sees it (poppler)', () => {
  it('page 1 shows dark text in the title band and a red seal', async () => {
    const item = await createItem(ctx.database.db, dept.id);
    const c = await submit(item.id);
    await clerk.post(`/api/cases/${c.id}/accept`, {});
    const [d] = await documentsOf(c.id);
    const page = renderedPage(await download(d!));
    const band = (from: number, to: number) => {
      let dark = 0;
      for (let y = Math.floor(page.height * from); y < page.height * to; y++) for (let x = 0; x < page.width; x++) if (page.gray[y * page.width + x]! < 128) dark++;
      return dark;
    };
    // Title (top 12–18 % of the page) and body have ink; a blanked font would leave them white.
    expect(band(0.1, 0.2)).toBeGreaterThan(40);
    expect(band(0.25, 0.45)).toBeGreaterThan(400);
    let red = 0;
    for (let i = 0; i < page.width * page.height; i++) if (page.rgb[3 * i]! > 180 && page.rgb[3 * i + 1]! < 100 && page.rgb[3 * i + 2]! < 100) red++;
    expect(red).toBeGreaterThan(100);
  });
});

/** A 16×16 red PNG, made here (no fixture file). */
function redDotPng(): Buffer {
  const crc = (buf: Buffer) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const t = Buffer.from(type, 'latin1');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(Buffer.concat([t, data])));
    return Buffer.concat([len, t, data, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(16, 0);
  ihdr.writeUInt32BE(16, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows = Buffer.concat(Array.from({ length: 16 }, () => Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: 16 }, () => [220, 20, 30]).flat())])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
