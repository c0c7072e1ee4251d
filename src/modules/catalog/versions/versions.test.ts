import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, samplePdf, type TestContext } from '../../../test/app.js';
import { basicItemContent, createDepartment, createPerson, signedInStaff, signIn, type TestDepartment } from '../../../test/factories.js';
import { verifyAuditChain } from '../../supervision/index.js';

let ctx: TestContext;
let deptA: TestDepartment;
let deptB: TestDepartment;
let nodeAdmin: Client;
let authorA: Client;
let reviewerA: Client;
let adminB: Client;
let citizen: Client;

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.database.db;
  deptA = await createDepartment(db);
  deptB = await createDepartment(db);
  const zwfw = await createDepartment(db);
  nodeAdmin = await signedInStaff(ctx, zwfw.id, ['catalogue_admin']);
  authorA = await signedInStaff(ctx, deptA.id, ['admin']);
  reviewerA = await signedInStaff(ctx, deptA.id, ['admin']);
  adminB = await signedInStaff(ctx, deptB.id, ['admin']);
  citizen = await signIn(ctx.app, await createPerson(db));
});
afterAll(() => ctx.close());

let basicSerial = 0;
/** A basic item made by the node's catalogue admin. */
async function newBasicItem() {
  const code = `B${Date.now().toString(36).toUpperCase().slice(-6)}${++basicSerial}`;
  const res = await nodeAdmin.post('/api/catalog/admin/basic-items', { code, content: basicItemContent() });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; code: string };
}

async function submitAs(c: Client, itemId: string) {
  const upload = (await c.upload('id.pdf', samplePdf(), 'application/pdf')).json().id;
  return c.post('/api/cases', { itemId, form: { purpose: '就业' }, materials: [{ code: 'M01', uploadId: upload }] });
}

describe('catalogue versions: draft → review → published → retired', () => {
  it('publishes an implementation only through a reviewer other than its author, and cases keep their version', async () => {
    const basic = await newBasicItem();
    // A department admin implements it for their department with a shorter promised limit and their own window.
    const created = await authorA.post('/api/catalog/admin/implementations', {
      basicItemId: basic.id,
      departmentId: deptA.id,
      code: `${basic.code}A01`,
      overrides: { promisedLimitDays: 3, guide: { place: { zh: '甲区政务大厅 3 号窗口', en: 'Window 3, District A hall' } } },
    });
    expect(created.statusCode).toBe(201);
    const { id: itemId, versionId: v1 } = created.json();

    // Not offered while in draft.
    expect((await citizen.get(`/api/catalog/items/${itemId}`)).statusCode).toBe(404);
    expect((await submitAs(citizen, itemId)).json().code).toBe('ITEM_UNAVAILABLE');

    const draft = (await authorA.get(`/api/catalog/admin/versions/${v1}`)).json();
    expect(draft.status).toBe('draft');
    expect(draft.content.promisedLimitDays).toBe(3);
    expect(draft.content.legalLimitDays).toBe(10); // inherited
    expect(draft.problems).toEqual([]);

    expect((await authorA.post(`/api/catalog/admin/versions/${v1}/submit`)).json().status).toBe('review');
    // The author cannot approve their own version; another admin of the department can.
    const self = await authorA.post(`/api/catalog/admin/versions/${v1}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('SELF_REVIEW');
    expect((await authorA.get('/api/catalog/admin/review-queue')).json().items.map((i: { id: string }) => i.id)).not.toContain(v1);
    expect((await reviewerA.get('/api/catalog/admin/review-queue')).json().items.map((i: { id: string }) => i.id)).toContain(v1);
    const published = await reviewerA.post(`/api/catalog/admin/versions/${v1}/approve`, { note: '要素齐全' });
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');

    const guide = (await citizen.get(`/api/catalog/items/${itemId}`)).json();
    expect(guide.promisedLimitDays).toBe(3);
    expect(guide.guide.place).toBe('甲区政务大厅 3 号窗口');
    const first = await submitAs(citizen, itemId);
    expect(first.statusCode).toBe(201);

    // Version 2 changes the promised limit; the case applied under version 1 keeps its rules.
    const v2 = (await authorA.post(`/api/catalog/admin/implementations/${itemId}/drafts`)).json();
    expect(v2.versionNo).toBe(2);
    const again = await authorA.post(`/api/catalog/admin/implementations/${itemId}/drafts`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('VERSION_OPEN');
    await authorA.request('PUT', `/api/catalog/admin/versions/${v2.id}/overrides`, { overrides: { promisedLimitDays: 2, guide: { place: { zh: '甲区政务大厅 3 号窗口', en: 'Window 3, District A hall' } } } });
    await authorA.post(`/api/catalog/admin/versions/${v2.id}/submit`);
    await reviewerA.post(`/api/catalog/admin/versions/${v2.id}/approve`, {});
    expect((await citizen.get(`/api/catalog/items/${itemId}`)).json().promisedLimitDays).toBe(2);

    const history = (await authorA.get(`/api/catalog/admin/implementations/${itemId}/versions`)).json();
    expect(history.versions.map((v: { versionNo: number; status: string }) => [v.versionNo, v.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    const diff = (await authorA.get(`/api/catalog/admin/versions/${v2.id}/diff?against=${v1}`)).json();
    expect(diff.changes).toEqual([{ path: 'promisedLimitDays', before: 3, after: 2 }]);

    // The clerk accepts the first case: its due date counts version 1's 3 days, not version 2's 2.
    const clerk = await signedInStaff(ctx, deptA.id, ['clerk']);
    const accepted = (await clerk.post(`/api/cases/${first.json().id}/accept`, {})).json();
    expect(accepted.workingDaysLeft).toBe(3);

    // Retiring withdraws the item; the history stays.
    expect((await authorA.post(`/api/catalog/admin/implementations/${itemId}/retire`)).statusCode).toBe(204);
    expect((await citizen.get(`/api/catalog/items/${itemId}`)).statusCode).toBe(404);
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });

  it('refuses to submit or publish while a consistency error remains, listing each problem', async () => {
    const basic = await newBasicItem();
    const { versionId } = (
      await authorA.post('/api/catalog/admin/implementations', { basicItemId: basic.id, departmentId: deptA.id, code: `${basic.code}A02`, overrides: { promisedLimitDays: 12 } })
    ).json();
    const draft = (await authorA.get(`/api/catalog/admin/versions/${versionId}`)).json();
    expect(draft.problems).toEqual([{ path: 'promisedLimitDays', message: '承诺办结时限不能超过法定办结时限。' }]);
    const refused = await authorA.post(`/api/catalog/admin/versions/${versionId}/submit`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('CATALOGUE_INCONSISTENT');
    expect(refused.json().errors).toEqual([{ path: 'promisedLimitDays', message: '承诺办结时限不能超过法定办结时限。' }]);
    expect((await authorA.get(`/api/catalog/admin/versions/${versionId}`)).json().status).toBe('draft');
    // A material override for a code the basic item does not list is refused.
    const unknown = await authorA.request('PUT', `/api/catalog/admin/versions/${versionId}/overrides`, { overrides: { materials: { M99: { maxBytes: 1000 } } } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('overrides.materials.M99');
  });

  it('keeps each department to its own implementations and basic items to the node catalogue admins', async () => {
    const basic = await newBasicItem();
    const { id, versionId } = (await authorA.post('/api/catalog/admin/implementations', { basicItemId: basic.id, departmentId: deptA.id, code: `${basic.code}A03` })).json();
    // Department B's admin neither sees nor touches department A's draft.
    expect((await adminB.get(`/api/catalog/admin/versions/${versionId}`)).statusCode).toBe(404);
    expect((await adminB.post(`/api/catalog/admin/versions/${versionId}/submit`)).statusCode).toBe(404);
    expect((await adminB.get('/api/catalog/admin/implementations')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await adminB.post('/api/catalog/admin/implementations', { basicItemId: basic.id, departmentId: deptA.id, code: `${basic.code}B01` })).statusCode).toBe(403);
    // Nor may a department admin create basic items; a citizen may not open the administration at all.
    const byDeptAdmin = await authorA.post('/api/catalog/admin/basic-items', { code: 'X1234', content: basicItemContent() });
    expect(byDeptAdmin.statusCode).toBe(403);
    expect((await nodeAdmin.get('/api/catalog/admin/basic-items')).json().items.map((b: { code: string }) => b.code)).not.toContain('X1234');
    expect((await citizen.get('/api/catalog/admin/implementations')).statusCode).toBe(403);
    expect((await citizen.get('/api/catalog/admin/review-queue')).statusCode).toBe(403);
    // The node's catalogue admin sees every department's.
    expect((await nodeAdmin.get('/api/catalog/admin/implementations')).json().items.map((i: { id: string }) => i.id)).toContain(id);
  });

  it('tells the administration pages what the caller may offer: their departments, basic items or not, each row with its region and current version', async () => {
    const basic = await newBasicItem();
    const { id, versionId } = (await authorA.post('/api/catalog/admin/implementations', { basicItemId: basic.id, departmentId: deptA.id, code: `${basic.code}A05` })).json();
    const deptView = (await authorA.get('/api/catalog/admin/implementations')).json();
    // A department admin may create implementations for their own department only, and no basic items.
    expect(deptView.departments.map((d: { id: string }) => d.id)).toEqual([deptA.id]);
    expect(deptView.departments[0]).toMatchObject({ code: deptA.code, regionCode: '620100', regionName: '甘肃省兰州市' });
    expect(deptView.mayManageBasicItems).toBe(false);
    const draftRow = deptView.items.find((i: { id: string }) => i.id === id);
    expect(draftRow).toMatchObject({ regionName: '甘肃省兰州市', currentVersionNo: null, openVersion: { id: versionId, versionNo: 1, status: 'draft' } });

    await authorA.post(`/api/catalog/admin/versions/${versionId}/submit`);
    await reviewerA.post(`/api/catalog/admin/versions/${versionId}/approve`, {});
    const after = (await authorA.get('/api/catalog/admin/implementations')).json().items.find((i: { id: string }) => i.id === id);
    expect(after).toMatchObject({ published: true, currentVersionNo: 1, openVersion: null });

    const nodeView = (await nodeAdmin.get('/api/catalog/admin/implementations')).json();
    expect(nodeView.mayManageBasicItems).toBe(true);
    expect(nodeView.departments.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([deptA.id, deptB.id]));
  });

  it('reports publicly how each published implementation differs from its basic item', async () => {
    const basic = await newBasicItem();
    for (const [admin, dept, suffix, days] of [
      [authorA, deptA, 'A04', 4],
      [adminB, deptB, 'B04', 5],
    ] as const) {
      const { versionId } = (await admin.post('/api/catalog/admin/implementations', { basicItemId: basic.id, departmentId: dept.id, code: `${basic.code}${suffix}`, overrides: days === 5 ? {} : { promisedLimitDays: days } })).json();
      await admin.post(`/api/catalog/admin/versions/${versionId}/submit`);
      await nodeAdmin.post(`/api/catalog/admin/versions/${versionId}/approve`, {});
    }
    const anyone = new Client(ctx.app);
    const report = (await anyone.get(`/api/catalog/divergence?basicItemId=${basic.id}`)).json();
    const rows = report.items[0].implementations.map((i: { code: string; changes: unknown[] }) => [i.code, i.changes]);
    expect(rows).toEqual([
      [`${basic.code}A04`, [{ path: 'promisedLimitDays', before: 5, after: 4 }]],
      [`${basic.code}B04`, []],
    ]);
    // With the limits a chart of promised days per region needs.
    expect(report.items[0].basicItem).toMatchObject({ promisedLimitDays: 5, legalLimitDays: 10 });
    expect(report.items[0].implementations.map((i: { promisedLimitDays: number }) => i.promisedLimitDays)).toEqual([4, 5]);
  });
});
