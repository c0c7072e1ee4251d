import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Client, createTestApp, samplePdf, samplePng, type TestContext } from '../../test/app.js';
import { demoCitizens } from '../../server/demo/seed.js';
import { auditEvents } from '../supervision/tables.js';

/**
 * Least privilege on case contents (issue 7, point 7): the applicant and the handling roles of the
 * case's department (clerk, approver) see a case and its materials; the supervisor sees them
 * read-only and every such read is in the audit log; everyone else is told it does not exist.
 */
let ctx: TestContext;
let caseId: string;
let materialId: string;
const BUSINESS = '000101001000'; // 个体工商户设立登记, market regulation (SCJG)

beforeAll(async () => {
  ctx = await createTestApp();
  const citizen = new Client(ctx.app);
  await citizen.login(demoCitizens[0]!.phone);
  const items = (await citizen.get('/api/catalog/items')).json().items as { id: string; code: string }[];
  const m1 = (await citizen.upload('id.pdf', samplePdf('access'), 'application/pdf')).json().id;
  const m2 = (await citizen.upload('lease.png', samplePng(), 'image/png')).json().id;
  const res = await citizen.post('/api/cases', {
    itemId: items.find((i) => i.code === BUSINESS)!.id,
    form: { tradeName: '兰州城关区张记牛肉面馆', organisation: '个人经营', scope: '餐饮服务', address: '城关区张掖路 1 号' },
    materials: [
      { code: 'M01', uploadId: m1 },
      { code: 'M02', uploadId: m2 },
    ],
  });
  expect(res.statusCode).toBe(201);
  caseId = res.json().id;
  materialId = (await citizen.get(`/api/cases/${caseId}`)).json().materials[0].id;
});
afterAll(() => ctx.close());

async function signedIn(username: string) {
  const c = new Client(ctx.app);
  await c.login(username);
  return c;
}

const supervisoryReads = () =>
  ctx.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'case'), eq(auditEvents.entityId, caseId), eq(auditEvents.action, 'case.read_supervisory')));

describe('who sees a case and its materials', () => {
  it('a department admin of the case’s department gets 404 on the case, its materials and in every list', async () => {
    const admin = await signedIn('scjg.admin');
    const detail = await admin.get(`/api/cases/${caseId}`);
    expect(detail.statusCode).toBe(404);
    expect(detail.headers['content-type']).toContain('application/problem+json');
    expect(detail.body).not.toContain('张三');
    expect((await admin.get(`/api/materials/${materialId}`)).statusCode).toBe(404);
    for (const scope of ['intake', 'approval', 'department']) {
      const list = await admin.get(`/api/cases?scope=${scope}`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    }
    // Acting on it looks the same as it not existing.
    expect((await admin.post(`/api/cases/${caseId}/accept`, {})).statusCode).toBe(404);
  });

  it('other staff roles (platform admin, catalogue admin, data officer) get 404 too', async () => {
    for (const username of ['zwfw.platform_admin', 'zwfw.catalogue_admin', 'zwfw.data_officer']) {
      const c = await signedIn(username);
      expect((await c.get(`/api/cases/${caseId}`)).statusCode, username).toBe(404);
      expect((await c.get(`/api/materials/${materialId}`)).statusCode, username).toBe(404);
    }
  });

  it('the department’s clerk and approver see the case and its materials, and their reads are not supervisory', async () => {
    for (const username of ['scjg.clerk', 'scjg.approver']) {
      const c = await signedIn(username);
      const detail = await c.get(`/api/cases/${caseId}`);
      expect(detail.statusCode, username).toBe(200);
      expect(detail.json().form.tradeName).toBe('兰州城关区张记牛肉面馆');
      expect((await c.get(`/api/materials/${materialId}`)).statusCode, username).toBe(200);
    }
    const clerk = await signedIn('scjg.clerk');
    expect((await clerk.get('/api/cases?scope=department')).json().items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(await supervisoryReads()).toHaveLength(0);
  });

  it('the supervisor reads the case and its materials read-only, and each read is audited', async () => {
    const supervisor = new Client(ctx.app);
    const me = (await supervisor.login('zwfw.supervisor')).id;
    const detail = await supervisor.get(`/api/cases/${caseId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().allowedActions).toEqual([]);
    const file = await supervisor.get(`/api/materials/${materialId}`);
    expect(file.statusCode).toBe(200);
    expect((await supervisor.post(`/api/cases/${caseId}/accept`, {})).statusCode).toBe(403);

    const reads = await supervisoryReads();
    expect(reads).toHaveLength(2);
    expect(reads.every((r) => r.actorAccountId === me)).toBe(true);
    expect(reads.map((r) => r.detail.what).sort()).toEqual(['case', 'material']);
    expect(reads.find((r) => r.detail.what === 'material')!.detail.materialId).toBe(materialId);
  });
});
