import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, samplePdf, samplePng, type TestContext } from '../../test/app.js';
import { demoCitizens } from '../../server/demo/seed.js';

/**
 * Every list is paged with a cursor on its order (issue 7, point 22): `limit` (≤ 100), `nextCursor`
 * until the last page, and the pages together are the whole list in order, without gaps or repeats.
 */
let ctx: TestContext;
let citizen: Client;
let items: { id: string; code: string }[];
const BUSINESS = '000101001000'; // market regulation (SCJG)
const NO_CRIMINAL_RECORD = '000120005000'; // public security (GA), issues a certificate
/** Every case this file submits, in submission order, with its department code. */
const submitted: { id: string; dept: 'SCJG' | 'GA' }[] = [];

async function submit(code: string) {
  const item = items.find((i) => i.code === code)!;
  const m1 = (await citizen.upload('id.pdf', samplePdf(`page ${submitted.length}`), 'application/pdf')).json().id;
  const body =
    code === BUSINESS
      ? {
          itemId: item.id,
          form: { tradeName: `张记牛肉面馆${submitted.length}号店`, organisation: '个人经营', scope: '餐饮服务', address: '城关区张掖路 1 号' },
          materials: [
            { code: 'M01', uploadId: m1 },
            { code: 'M02', uploadId: (await citizen.upload('lease.png', samplePng(), 'image/png')).json().id },
          ],
        }
      : { itemId: item.id, form: { purpose: '就业' }, materials: [{ code: 'M01', uploadId: m1 }] };
  const res = await citizen.post('/api/cases', body);
  expect(res.statusCode).toBe(201);
  submitted.push({ id: res.json().id, dept: code === BUSINESS ? 'SCJG' : 'GA' });
  return res.json().id as string;
}

/** Follows `nextCursor` from the first page to the last; returns every page's ids. */
async function allPages(c: Client, path: string, limit: number) {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await c.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { id: string }[]; nextCursor: string | null };
    pages.push(body.items.map((i) => i.id));
    cursor = body.nextCursor;
    expect(pages.length).toBeLessThan(50);
  } while (cursor);
  return pages;
}

beforeAll(async () => {
  ctx = await createTestApp();
  citizen = new Client(ctx.app);
  await citizen.login(demoCitizens[0]!.phone);
  items = (await citizen.get('/api/catalog/items')).json().items;
  for (let i = 0; i < 12; i++) await submit(i % 3 === 0 ? BUSINESS : NO_CRIMINAL_RECORD);
});
afterAll(() => ctx.close());

describe('paged lists', () => {
  it('my cases come newest first in pages of `limit`, with a cursor to the next page until the last', async () => {
    const pages = await allPages(citizen, '/api/cases?scope=mine', 5);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(pages.flat()).toEqual(submitted.map((s) => s.id).reverse());
  });

  it('without `limit` a page holds 20; more than 100 or a cursor that is not ours is a 400 in the user’s language', async () => {
    for (let i = 0; i < 9; i++) await submit(NO_CRIMINAL_RECORD);
    const first = (await citizen.get('/api/cases?scope=mine')).json();
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).toEqual(expect.any(String));

    citizen.lang = 'en';
    const tooMany = await citizen.get('/api/cases?scope=mine&limit=101');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.headers['content-type']).toContain('application/problem+json');
    expect(tooMany.json()).toMatchObject({ code: 'VALIDATION', errors: [expect.objectContaining({ path: 'limit' })] });
    for (const forged of ['not-a-cursor', Buffer.from('["yesterday","x"]').toString('base64url'), 'a'.repeat(500)]) {
      const res = await citizen.get(`/api/cases?scope=mine&cursor=${forged}`);
      expect(res.statusCode, forged).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION', title: 'Invalid input', errors: [expect.objectContaining({ path: 'cursor' })] });
    }
    citizen.lang = 'zh-CN';
    expect((await citizen.get('/api/licences?cursor=xyz')).json().title).toBe('输入有误');
  });

  it('a clerk of two departments pages one intake queue over both, oldest first, merged in submission order', async () => {
    const platform = new Client(ctx.app);
    await platform.login('zwfw.platform_admin');
    const depts = (await platform.get('/api/admin/departments')).json().items as { id: string; code: string }[];
    const ga = depts.find((d) => d.code === 'GA')!;
    const scjg = depts.find((d) => d.code === 'SCJG')!;
    const gaStaff = (await platform.get(`/api/admin/departments/${ga.id}/staff`)).json().items as { id: string; username: string }[];
    const gaClerk = gaStaff.find((s) => s.username === 'ga.clerk')!;
    expect((await platform.post(`/api/admin/staff/${gaClerk.id}/roles`, { role: 'clerk', departmentId: scjg.id })).statusCode).toBe(200);

    const clerk = new Client(ctx.app);
    await clerk.login('ga.clerk');
    const pages = await allPages(clerk, '/api/cases?scope=intake', 4);
    expect(pages.slice(0, -1).every((p) => p.length === 4)).toBe(true);
    expect(pages.flat()).toEqual(submitted.map((s) => s.id));
    // The department tab over both: newest first.
    expect((await allPages(clerk, '/api/cases?scope=department', 7)).flat()).toEqual(submitted.map((s) => s.id).reverse());
    // The SCJG clerk alone still sees only SCJG's.
    const scjgClerk = new Client(ctx.app);
    await scjgClerk.login('scjg.clerk');
    expect((await allPages(scjgClerk, '/api/cases?scope=intake', 3)).flat()).toEqual(submitted.filter((s) => s.dept === 'SCJG').map((s) => s.id));
  });

  it('the approval queue pages oldest first, and the holder’s certificates page newest first (ties within a second broken by id)', async () => {
    const clerk = new Client(ctx.app);
    await clerk.login('ga.clerk');
    const approver = new Client(ctx.app);
    await approver.login('ga.approver');
    const ga = submitted.filter((s) => s.dept === 'GA').slice(0, 11);
    for (const c of ga) expect((await clerk.post(`/api/cases/${c.id}/accept`, {})).statusCode).toBe(200);
    expect((await allPages(approver, '/api/cases?scope=approval', 4)).flat()).toEqual(ga.map((c) => c.id));

    const licenceIds: string[] = [];
    for (const c of ga) {
      const done = await approver.post(`/api/cases/${c.id}/approve`, { opinion: '经查询，未发现犯罪记录。' });
      expect(done.statusCode).toBe(200);
      licenceIds.push(done.json().licence.id);
    }
    const pages = await allPages(citizen, '/api/licences', 4);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 3]);
    // Certificates are stamped to the second, so most share issuedAt: the order is issuedAt, then id (UUIDv7, issue order).
    expect(pages.flat()).toEqual([...licenceIds].reverse());
  });

  it('the OpenAPI document describes `limit`, `cursor` and `nextCursor` on every list', async () => {
    const doc = (await new Client(ctx.app).get('/api/docs/json')).json();
    for (const path of ['/api/cases', '/api/licences']) {
      const op = doc.paths[path].get;
      expect(op.parameters.map((p: { name: string }) => p.name), path).toEqual(expect.arrayContaining(['limit', 'cursor']));
      expect(op.parameters.find((p: { name: string }) => p.name === 'limit').schema).toMatchObject({ maximum: 100 });
      expect(op.responses['200'].content['application/json'].schema.properties, path).toHaveProperty('nextCursor');
    }
  });
});
