import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Client, createTestApp, samplePdf, samplePng, type TestContext } from '../../test/app.js';
import { createDepartment, createItem, createPerson, createStaff, type TestStaff } from '../../test/factories.js';
import { auditEvents } from '../supervision/tables.js';

/**
 * Least privilege on case contents (issue 7, point 7): the applicant and the handling roles of the
 * case's department (clerk, approver) see a case and its materials; the supervisor sees them
 * read-only and every such read is in the audit log; everyone else is told it does not exist.
 */
let ctx: TestContext;
let caseId: string;
let materialId: string;
/** The case's department (clerk, approver, admin) and the node operator's staff of other roles. */
const staff: Record<string, TestStaff> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  const { db } = ctx.database;
  const dept = await createDepartment(db);
  const operator = await createDepartment(db);
  for (const role of ['clerk', 'approver', 'admin'] as const) staff[role] = await createStaff(db, dept.id, [role]);
  for (const role of ['platform_admin', 'catalogue_admin', 'data_officer', 'supervisor'] as const) staff[role] = await createStaff(db, operator.id, [role]);
  const item = await createItem(db, dept.id, {
    materials: [
      { code: 'M01', name: { zh: '身份证明', en: 'ID' }, required: true, description: { zh: '扫描件', en: 'Scan' }, accept: ['pdf'], maxBytes: 1 << 20, source: 'applicant' },
      { code: 'M02', name: { zh: '场所证明', en: 'Premises' }, required: true, description: { zh: '照片', en: 'Photo' }, accept: ['png'], maxBytes: 1 << 20, source: 'applicant' },
    ],
    fields: [{ name: 'tradeName', label: { zh: '名称', en: 'Trade name' }, type: 'text', required: true, maxLength: 50 }],
  });
  const person = await createPerson(db, { name: '张三' });
  const citizen = new Client(ctx.app);
  await citizen.login(person.phone, person.password);
  const m1 = (await citizen.upload('id.pdf', samplePdf('access'), 'application/pdf')).json().id;
  const m2 = (await citizen.upload('lease.png', samplePng(), 'image/png')).json().id;
  const res = await citizen.post('/api/cases', {
    itemId: item.id,
    form: { tradeName: '兰州城关区张记牛肉面馆' },
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

async function signedIn(role: string) {
  const c = new Client(ctx.app);
  await c.login(staff[role]!.username, staff[role]!.password);
  return c;
}

const supervisoryReads = () =>
  ctx.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, 'case'), eq(auditEvents.entityId, caseId), eq(auditEvents.action, 'case.read_supervisory')));

describe('who sees a case and its materials', () => {
  it('a department admin of the case’s department gets 404 on the case, its materials and in every list', async () => {
    const admin = await signedIn('admin');
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
    for (const username of ['platform_admin', 'catalogue_admin', 'data_officer']) {
      const c = await signedIn(username);
      expect((await c.get(`/api/cases/${caseId}`)).statusCode, username).toBe(404);
      expect((await c.get(`/api/materials/${materialId}`)).statusCode, username).toBe(404);
    }
  });

  it('the department’s clerk and approver see the case and its materials, and their reads are not supervisory', async () => {
    for (const username of ['clerk', 'approver']) {
      const c = await signedIn(username);
      const detail = await c.get(`/api/cases/${caseId}`);
      expect(detail.statusCode, username).toBe(200);
      expect(detail.json().form.tradeName).toBe('兰州城关区张记牛肉面馆');
      expect((await c.get(`/api/materials/${materialId}`)).statusCode, username).toBe(200);
    }
    const clerk = await signedIn('clerk');
    expect((await clerk.get('/api/cases?scope=department')).json().items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(await supervisoryReads()).toHaveLength(0);
  });

  it('the supervisor reads the case and its materials read-only, and each read is audited', async () => {
    const supervisor = new Client(ctx.app);
    const me = (await supervisor.login(staff.supervisor!.username, staff.supervisor!.password)).id;
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
