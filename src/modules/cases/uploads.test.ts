import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, samplePdf, samplePng, type TestContext } from '../../test/app.js';
import { demoCitizens } from '../../server/demo/seed.js';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createFileStores } from '../files/index.js';
import { purgeUnattachedUploads } from './uploads.js';

const zhang = demoCitizens[0]!.phone;
const li = demoCitizens[1]!.phone;
const KiB = 1024;
const MiB = 1024 * KiB;
const BUSINESS = '000101001000'; // 个体工商户设立登记: M01 identity document (5 MiB), M02 premises (10 MiB)
const businessForm = { tradeName: '兰州城关区张记牛肉面馆', organisation: '个人经营', scope: '餐饮服务', address: '城关区张掖路 1 号' };

/** A real PDF of about `bytes` bytes (the padding is a PDF comment). */
const pdfOfSize = (bytes: number, text = 'demo') => Buffer.concat([samplePdf(text), Buffer.alloc(Math.max(0, bytes - samplePdf(text).length), 0x20)]);

async function itemId(c: Client, code: string) {
  const items = (await c.get('/api/catalog/items')).json().items as { id: string; code: string }[];
  return items.find((i) => i.code === code)!.id;
}

async function uploadId(c: Client, name: string, bytes: Buffer) {
  const res = await c.upload(name, bytes, 'application/pdf');
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** Uploads two files and submits a business registration with them; returns the case as the applicant sees it. */
async function submitBusiness(c: Client, m1 = samplePdf(), m1Name = 'id.pdf') {
  const a = await uploadId(c, m1Name, m1);
  const b = await uploadId(c, 'lease.png', samplePng());
  const res = await c.post('/api/cases', { itemId: await itemId(c, BUSINESS), form: businessForm, materials: [{ code: 'M01', uploadId: a }, { code: 'M02', uploadId: b }] });
  expect(res.statusCode, res.body).toBe(201);
  return (await c.get(res.headers.location as string)).json();
}

/** Sends a hand-built multipart body (as a broken or hostile client would). */
function rawUpload(c: Client, body: Buffer, contentType: string) {
  return c.request('POST', '/api/uploads', body, { 'content-type': contentType });
}

describe('uploads on the default configuration', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  it('refuses a file over its material’s own size limit at submission, naming the material and the limit', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(zhang);
    // 6 MiB passes the 10 MiB upload limit but not the 5 MiB of the identity document (M01).
    const big = await uploadId(citizen, 'id-scan.pdf', pdfOfSize(6 * MiB));
    const lease = await uploadId(citizen, 'lease.png', samplePng());
    const body = { itemId: await itemId(citizen, BUSINESS), form: businessForm, materials: [{ code: 'M01', uploadId: big }, { code: 'M02', uploadId: lease }] };
    const before = (await citizen.get('/api/cases')).json().items.length;
    const zh = await citizen.post('/api/cases', body);
    expect(zh.statusCode).toBe(422);
    expect(zh.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(zh.json().code).toBe('MATERIAL_TOO_LARGE');
    expect(zh.json().detail).toContain('申请人身份证明');
    expect(zh.json().detail).toContain('5 MB');
    citizen.lang = 'en';
    const en = await citizen.post('/api/cases', body);
    expect(en.json().detail).toBe('The file for “Applicant’s identity document” may be at most 5 MB; the chosen file has 6 MB.');
    expect((await citizen.get('/api/cases')).json().items.length).toBe(before);
    // The same file fits the premises proof (10 MiB).
    const ok = await citizen.post('/api/cases', { ...body, materials: [{ code: 'M01', uploadId: lease }, { code: 'M02', uploadId: big }] });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('serves every material as an attachment with nosniff and a sandboxing CSP, a PDF with /OpenAction JavaScript included', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(zhang);
    const hostile = Buffer.from('%PDF-1.7\n1 0 obj<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert\\(document.cookie\\)) >> >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n');
    const c = await submitBusiness(citizen, hostile, '发票(最终版).pdf');
    const m = c.materials.find((x: { code: string }) => x.code === 'M01');
    const res = await citizen.get(`/api/materials/${m.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(hostile)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    // RFC 6266 with an RFC 8187 filename* ( ' ( ) * are not attr-chars) and an ASCII fallback.
    expect(res.headers['content-disposition']).toBe(`attachment; filename="__(___).pdf"; filename*=UTF-8''%E5%8F%91%E7%A5%A8%28%E6%9C%80%E7%BB%88%E7%89%88%29.pdf`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    const png = await citizen.get(`/api/materials/${c.materials.find((x: { code: string }) => x.code === 'M02').id}`);
    expect(png.headers['content-disposition']).toMatch(/^attachment; /);
    expect(png.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });

  it('answers a multipart upload without a boundary, or cut off, with 400 problem+json in the user’s language', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(li);
    citizen.lang = 'en';
    const noBoundary = await rawUpload(citizen, Buffer.from('--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\r\n--x--\r\n'), 'multipart/form-data');
    expect(noBoundary.statusCode).toBe(400);
    expect(noBoundary.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(noBoundary.json().code).toBe('UPLOAD_MALFORMED');
    expect(noBoundary.json().title).toBe('Upload incomplete or malformed');
    citizen.lang = 'zh-CN';
    const truncated = await rawUpload(
      citizen,
      Buffer.concat([Buffer.from('--yw1\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n'), samplePdf()]),
      'multipart/form-data; boundary=yw1',
    );
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().code).toBe('UPLOAD_MALFORMED');
    expect(truncated.json().title).toBe('上传内容不完整');
    const headersCut = await rawUpload(citizen, Buffer.from('--yw2\r\nContent-Disposition: form-da'), 'multipart/form-data; boundary=yw2');
    expect(headersCut.statusCode).toBe(400);
    expect(headersCut.json().code).toBe('UPLOAD_MALFORMED');
    // The server still takes a proper upload afterwards.
    expect((await citizen.upload('ok.pdf', samplePdf(), 'application/pdf')).statusCode).toBe(201);
  });

  it('neutralises control and bidirectional-override characters in file names instead of refusing the file', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(li);
    const bidi = await citizen.upload('invoice\u202Efdp.exe', samplePdf(), 'application/pdf');
    expect(bidi.statusCode).toBe(201);
    expect(bidi.json().fileName).toBe('invoice_fdp.exe');
    const esc = await citizen.upload('scan\u001b[31m\u2066red\u2069\u200f.pdf', samplePdf(), 'application/pdf');
    expect(esc.statusCode).toBe(201);
    expect(esc.json().fileName).toBe('scan_[31m_red__.pdf');
    const c = await submitBusiness(citizen, samplePdf('bidi'), 'report\u202Etxt.pdf');
    const m = c.materials.find((x: { code: string }) => x.code === 'M01');
    expect(m.fileName).toBe('report_txt.pdf');
    expect((await citizen.get(`/api/materials/${m.id}`)).headers['content-disposition']).toContain(`filename*=UTF-8''report_txt.pdf`);
  });

  it('never serves a file whose stored bytes no longer match their SHA-256', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(zhang);
    const c = await submitBusiness(citizen, samplePdf('original'));
    const m = c.materials.find((x: { code: string }) => x.code === 'M01');
    expect((await citizen.get(`/api/materials/${m.id}`)).statusCode).toBe(200);
    await ctx.database.query(
      `UPDATE stored_files SET content = $1 WHERE key = (SELECT 'uploads/' || upload_id FROM case_materials WHERE id = $2)`,
      [samplePdf('forged!!'), m.id],
    );
    const res = await citizen.get(`/api/materials/${m.id}`);
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('FILE_INTEGRITY');
    expect(res.body).not.toContain('forged');
  });

  it('purges uploads never attached to a case once the grace period is over, and keeps the rest', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(li);
    const c = await submitBusiness(citizen);
    const stray = await uploadId(citizen, 'stray.pdf', samplePdf('stray'));
    const files = createFileStores(loadConfig({}), ctx.database.db);
    const count = async (sql: string, id: string) => Number((await ctx.database.query<{ n: number }>(sql, [id]))[0]!.n);
    const uploadRows = (id: string) => count('SELECT count(*)::int AS n FROM uploads WHERE id = $1', id);
    const blobRows = (id: string) => count(`SELECT count(*)::int AS n FROM stored_files WHERE key = 'uploads/' || $1`, id);

    // Within the grace period nothing goes.
    await purgeUnattachedUploads(ctx.database.db, files, { olderThan: new Date(Date.now() - 24 * 3600_000) });
    expect(await uploadRows(stray)).toBe(1);

    // A day later the stray upload is gone, row and content; the case's materials stay readable.
    const purged = await purgeUnattachedUploads(ctx.database.db, files, { olderThan: new Date(Date.now() + 3600_000) });
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await uploadRows(stray)).toBe(0);
    expect(await blobRows(stray)).toBe(0);
    for (const m of c.materials) expect((await citizen.get(`/api/materials/${m.id}`)).statusCode).toBe(200);
    // Attaching the purged upload now fails cleanly.
    const late = await citizen.post('/api/cases', { itemId: await itemId(citizen, BUSINESS), form: businessForm, materials: [{ code: 'M01', uploadId: stray }] });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors[0].path).toBe('materials.0.uploadId');
  });
});

describe('upload quota and rate limit per account', () => {
  let ctx: TestContext;
  const config = { UPLOAD_QUOTA_BYTES: String(300 * KiB), UPLOAD_RATE_MAX: '6', UPLOAD_RATE_WINDOW_SECONDS: '600' };
  beforeAll(async () => {
    ctx = await createTestApp({ config });
  });
  afterAll(() => ctx.close());

  it('refuses uploads past the quota (unattached and recent uploads), in the user’s language, for that account only', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(zhang);
    await uploadId(citizen, 'a.pdf', pdfOfSize(120 * KiB, 'a'));
    await uploadId(citizen, 'b.pdf', pdfOfSize(120 * KiB, 'b'));
    const over = await citizen.upload('c.pdf', pdfOfSize(120 * KiB, 'c'), 'application/pdf');
    expect(over.statusCode).toBe(413);
    expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(over.json().code).toBe('UPLOAD_QUOTA');
    expect(over.json().detail).toContain('0.29 MB');
    citizen.lang = 'en';
    const overEn = await citizen.upload('c.pdf', pdfOfSize(120 * KiB, 'c'), 'application/pdf');
    expect(overEn.json().title).toBe('Upload quota reached');
    // A small file still fits.
    expect((await citizen.upload('small.pdf', pdfOfSize(20 * KiB, 's'), 'application/pdf')).statusCode).toBe(201);
    // Another account has its own quota; attaching recent uploads to a case does not free it.
    const other = new Client(ctx.app);
    await other.login(li);
    const a = await uploadId(other, 'id.pdf', pdfOfSize(120 * KiB, 'd'));
    const b = await uploadId(other, 'lease.pdf', pdfOfSize(120 * KiB, 'e'));
    const submitted = await other.post('/api/cases', { itemId: await itemId(other, BUSINESS), form: businessForm, materials: [{ code: 'M01', uploadId: a }, { code: 'M02', uploadId: b }] });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect((await other.upload('f.pdf', pdfOfSize(120 * KiB, 'f'), 'application/pdf')).json().code).toBe('UPLOAD_QUOTA');
  });

  it('limits how often one account uploads, across two server instances on one database', async () => {
    const second = await buildApp({ database: ctx.database, config: loadConfig({ LOG_LEVEL: 'silent', ...config }), rateLimit: false });
    await second.ready();
    try {
      const clerk = new Client(ctx.app);
      await clerk.login('ga.clerk');
      const onSecond = new Client(second);
      onSecond.cookies = clerk.cookies;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await (i % 2 ? onSecond : clerk).upload(`p${i}.png`, samplePng(), 'image/png')).statusCode);
      expect(statuses).toEqual([201, 201, 201, 201, 201, 201]);
      const limited = await onSecond.upload('p7.png', samplePng(), 'image/png');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('UPLOAD_RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await clerk.upload('p8.png', samplePng(), 'image/png')).statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });
});
