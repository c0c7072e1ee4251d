import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Client, createTestApp, samplePdf, samplePng, type TestContext } from '../../test/app.js';
import { demoCitizens } from '../../server/demo/seed.js';
import { completeCreditCode } from '../../lib/identifiers.js';
import { auditEventsFor, verifyAuditChain } from '../supervision/audit.js';
import { accountRoles } from './tables.js';

let ctx: TestContext;
let depts: Record<string, { id: string; parentId: string | null; regionCode: string }>;
const STAFF_PASSWORD = 'Lanzhou-Staff-2026';

beforeAll(async () => {
  ctx = await createTestApp();
  const platform = await signedIn('zwfw.platform_admin');
  const res = await platform.get('/api/admin/departments');
  expect(res.statusCode).toBe(200);
  depts = Object.fromEntries(res.json().items.map((d: { code: string }) => [d.code, d]));
});
afterAll(() => ctx.close());

async function signedIn(username: string, password?: string) {
  const c = new Client(ctx.app);
  await c.login(username, password);
  return c;
}

let phoneSeq = 0;
const newPhone = () => `137${String(10_000_000 + ++phoneSeq * 7919).slice(-8)}`;

async function createStaff(admin: Client, dept: string, username: string, extra: Record<string, unknown> = {}) {
  return admin.post('/api/admin/staff', { departmentId: depts[dept]!.id, name: '新同事', username, phone: newPhone(), password: STAFF_PASSWORD, ...extra });
}

const grant = (admin: Client, accountId: string, role: string, dept: string) => admin.post(`/api/admin/staff/${accountId}/roles`, { role, departmentId: depts[dept]!.id });
const revoke = (admin: Client, accountId: string, role: string, dept: string) => admin.request('DELETE', `/api/admin/staff/${accountId}/roles/${role}/${depts[dept]!.id}`);
const staffIn = async (admin: Client, dept: string) => (await admin.get(`/api/admin/departments/${depts[dept]!.id}/staff`)).json().items as { id: string; username: string; maskedPhone: string; roles: { role: string; grantedBy: string | null }[] }[];

describe('the department tree', () => {
  it('checks a unit’s region against the GB/T 2260 division data and shows names beside codes', async () => {
    const platform = await signedIn('zwfw.platform_admin');
    const listed = (await platform.get('/api/admin/departments')).json().items as { code: string; regionCode: string; regionName: string; regionFullName: string }[];
    expect(listed.find((d) => d.code === 'GA-CG')).toMatchObject({ regionCode: '620102', regionName: '城关区', regionFullName: '甘肃省兰州市城关区' });
    expect(listed.find((d) => d.code === 'LZ')).toMatchObject({ regionName: '兰州市', regionFullName: '甘肃省兰州市' });

    const body = { parentId: depts.LZ!.id, code: 'LZ-REGION', name: { zh: '某局', en: 'A bureau' }, creditCode: completeCreditCode('11620100', '01380700') };
    // 620199 has the right shape and lies inside 620100, but no such division exists.
    const unknown = await platform.post('/api/admin/departments', { ...body, regionCode: '620199' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ path: 'regionCode', message: '没有这个现行行政区划代码（GB/T 2260），请核对。' }]);
    // 620171 兰州新区 is in the statistics data, but as a development zone it is no legal division.
    platform.lang = 'en';
    const zone = await platform.post('/api/admin/departments', { ...body, regionCode: '620171' });
    expect(zone.json().errors).toEqual([{ path: 'regionCode', message: expect.stringContaining('development zone') }]);
    platform.lang = 'zh-CN';

    const choices = (await platform.get('/api/admin/regions?within=620100')).json();
    expect(choices.items.map((r: { code: string }) => r.code)).toEqual(['620100', '620102', '620103', '620104', '620105', '620111', '620121', '620122', '620123']);
    expect(choices.items[1]).toEqual({ code: '620102', name: '城关区', fullName: '甘肃省兰州市城关区' });
    expect((await platform.get('/api/admin/regions')).json().within).toBe('620100');
    expect((await new Client(ctx.app).get('/api/admin/regions')).statusCode).toBe(401);
  });

  it('accepts a credit code whose inner organisation code fails GB 11714, typed in lower case (GB 32100: MOD 31 only)', async () => {
    const platform = await signedIn('zwfw.platform_admin');
    // 11620104MB1X7K2A56: inner check 5 where GB 11714 wants X; the MOD 31 check 6 is right.
    const code = '11620104mb1x7k2a56';
    const created = await platform.post('/api/admin/departments', { parentId: depts.LZ!.id, code: 'LZ-QLH-X', name: { zh: '七里河区某局', en: 'A Qilihe bureau' }, creditCode: code, regionCode: '620103' });
    expect(created.statusCode).toBe(201);
    expect(created.json().department.creditCode).toBe(code.toUpperCase());
  });

  it('has the city government at the root, bureaus below it and a district branch below public security', () => {
    expect(depts.LZ!.parentId).toBeNull();
    expect(depts.LZ!.regionCode).toBe('620100');
    for (const code of ['SCJG', 'GA', 'MZ', 'ZWFW']) expect(depts[code]!.parentId).toBe(depts.LZ!.id);
    expect(depts['GA-CG']!.parentId).toBe(depts.GA!.id);
    expect(depts['GA-CG']!.regionCode).toBe('620102');
  });

  it('lets a platform admin add and rename units, with region codes inside the parent’s region', async () => {
    const platform = await signedIn('zwfw.platform_admin');
    const body = { parentId: depts.GA!.id, code: 'ga-qlh', name: { zh: '兰州市公安局七里河分局', en: 'Qilihe Branch' }, creditCode: completeCreditCode('11620103', '01380200'), regionCode: '620103' };
    const created = await platform.post('/api/admin/departments', body);
    expect(created.statusCode).toBe(201);
    const dept = created.json().department;
    expect(dept).toMatchObject({ code: 'GA-QLH', parentId: depts.GA!.id, regionCode: '620103' });

    // Inside a district, only that district; a root only inside the node's city.
    const outside = await platform.post('/api/admin/departments', { ...body, parentId: depts['GA-CG']!.id, code: 'GA-CG-X', creditCode: completeCreditCode('11620103', '01380201') });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors).toEqual([{ path: 'regionCode', message: '行政区划代码须在上级单位的区划 620102 之内。' }]);
    const otherCity = await platform.post('/api/admin/departments', { ...body, parentId: null, code: 'XN', regionCode: '630100', creditCode: completeCreditCode('11630100', '01380202') });
    expect(otherCity.json().errors[0]).toMatchObject({ path: 'regionCode', message: expect.stringContaining('620100') });
    const notACode = await platform.post('/api/admin/departments', { ...body, code: 'GA-Y', regionCode: '999999' });
    expect(notACode.json().errors[0].path).toBe('regionCode');
    const dupCode = await platform.post('/api/admin/departments', { ...body, creditCode: completeCreditCode('11620103', '01380203') });
    expect(dupCode.json().errors).toEqual([{ path: 'code', message: '该部门代码已被使用。' }]);

    const renamed = await platform.request('PUT', `/api/admin/departments/${dept.id}`, { name: { zh: '兰州市公安局七里河分局（新）', en: 'Qilihe Branch (new)' } });
    expect(renamed.json().department.name.zh).toBe('兰州市公安局七里河分局（新）');
    const events = await auditEventsFor(ctx.database.db, 'department', dept.id);
    expect(events.map((e) => e.action)).toEqual(['department.create', 'department.rename']);
    expect(events[0]!.actorAccountId).toBe((await platform.get('/api/auth/me')).json().user.id);

    // The new branch is below public security, so its admin manages it; market regulation's does not see it.
    const gaAdmin = await signedIn('ga.admin');
    expect((await gaAdmin.get(`/api/admin/departments/${dept.id}/staff`)).statusCode).toBe(200);
    const scjgAdmin = await signedIn('scjg.admin');
    expect((await scjgAdmin.get(`/api/admin/departments/${dept.id}/staff`)).statusCode).toBe(404);
  });
});

describe('who may administer staff', () => {
  it('answers 401 without a session and 403 to citizens and clerks', async () => {
    expect((await new Client(ctx.app).get('/api/admin/departments')).statusCode).toBe(401);
    const citizen = await signedIn(demoCitizens[0]!.phone);
    expect((await citizen.get('/api/admin/departments')).json().code).toBe('FORBIDDEN');
    expect((await createStaff(citizen, 'GA', 'citizen.try')).statusCode).toBe(403);
    const clerk = await signedIn('ga.clerk');
    expect((await clerk.get('/api/admin/departments')).statusCode).toBe(403);
    expect((await clerk.get(`/api/admin/departments/${depts.GA!.id}/staff`)).statusCode).toBe(403);
    expect((await createStaff(clerk, 'GA', 'clerk.try')).statusCode).toBe(403);
  });

  it('shows a department admin their unit and the units below it, and nothing of other branches', async () => {
    const gaAdmin = await signedIn('ga.admin');
    const res = (await gaAdmin.get('/api/admin/departments')).json();
    expect(res.items.map((d: { code: string }) => d.code).sort()).toEqual(expect.arrayContaining(['GA', 'GA-CG']));
    expect(res.items.map((d: { code: string }) => d.code)).not.toContain('SCJG');
    expect(res.items.map((d: { code: string }) => d.code)).not.toContain('LZ');
    expect(res.grantableRoles).toEqual(['clerk', 'approver', 'catalogue_admin', 'data_officer']);
    expect(res.mayCreateDepartments).toBe(false);

    const gaStaff = await staffIn(gaAdmin, 'GA');
    expect(gaStaff.map((s) => s.username)).toEqual(['ga.admin', 'ga.approver', 'ga.clerk', 'ga.head']);
    expect(gaStaff[0]!.maskedPhone).toMatch(/^139\*{4}\d{4}$/);
    expect(JSON.stringify(gaStaff)).not.toMatch(/1390000\d{4}/);

    // A sibling's unit and staff are not found, whatever the verb.
    expect((await gaAdmin.get(`/api/admin/departments/${depts.SCJG!.id}/staff`)).statusCode).toBe(404);
    expect((await createStaff(gaAdmin, 'SCJG', 'ga.sneaky')).statusCode).toBe(404);
    const scjgClerk = (await staffIn(await signedIn('zwfw.platform_admin'), 'SCJG')).find((s) => s.username === 'scjg.clerk')!;
    expect((await grant(gaAdmin, scjgClerk.id, 'approver', 'SCJG')).statusCode).toBe(404);
    expect((await grant(gaAdmin, scjgClerk.id, 'approver', 'GA')).statusCode).toBe(404);
    expect((await gaAdmin.post(`/api/admin/staff/${scjgClerk.id}/deactivate`)).statusCode).toBe(404);
    // The tree is the platform admin's.
    const newDept = await gaAdmin.post('/api/admin/departments', { parentId: depts.GA!.id, code: 'GA-X', name: { zh: '某分局', en: 'X' }, creditCode: completeCreditCode('11620104', '01380300'), regionCode: '620104' });
    expect(newDept.json().code).toBe('FORBIDDEN');
    expect((await gaAdmin.request('PUT', `/api/admin/departments/${depts.GA!.id}`, { name: { zh: '改名', en: 'Renamed' } })).statusCode).toBe(403);
  });

  it('never lets a department admin grant admin, supervisor or platform admin, or revoke their own admin role', async () => {
    const gaAdmin = await signedIn('ga.admin');
    const created = await createStaff(gaAdmin, 'GA-CG', 'ga-cg.zhou');
    expect(created.statusCode).toBe(201);
    const id = created.json().staff.id;
    for (const role of ['admin', 'supervisor', 'platform_admin']) {
      const res = await grant(gaAdmin, id, role, 'GA-CG');
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('ROLE_NOT_GRANTABLE');
    }
    gaAdmin.lang = 'en';
    expect((await grant(gaAdmin, id, 'admin', 'GA')).json().detail).toContain('Department admin');
    gaAdmin.lang = 'zh-CN';

    const me = (await gaAdmin.get('/api/auth/me')).json().user.id;
    const own = await revoke(gaAdmin, me, 'admin', 'GA');
    expect(own.statusCode).toBe(409);
    expect(own.json().title).toBe('不能撤销自己的管理员角色');
    expect((await gaAdmin.post(`/api/admin/staff/${me}/deactivate`)).json().code).toBe('OWN_ACCOUNT');
    // A fellow admin holds a role this admin cannot grant, so neither their role nor their account is theirs to touch.
    const platform = await signedIn('zwfw.platform_admin');
    expect((await grant(platform, id, 'admin', 'GA-CG')).statusCode).toBe(200);
    expect((await revoke(gaAdmin, id, 'admin', 'GA-CG')).json().code).toBe('ROLE_NOT_GRANTABLE');
    expect((await gaAdmin.post(`/api/admin/staff/${id}/deactivate`)).statusCode).toBe(403);
    // The platform admin grants and revokes anything, but keeps their own platform-admin role.
    expect((await grant(platform, id, 'supervisor', 'GA')).statusCode).toBe(200);
    expect((await revoke(platform, id, 'admin', 'GA-CG')).statusCode).toBe(200);
    const pid = (await platform.get('/api/auth/me')).json().user.id;
    expect((await revoke(platform, pid, 'platform_admin', 'ZWFW')).json().code).toBe('OWN_ADMIN_ROLE');
  });
});

describe('staff accounts and grants', () => {
  const BUSINESS = '000101001000'; // market regulation

  async function submitBusinessCase() {
    const citizen = await signedIn(demoCitizens[1]!.phone);
    const items = (await citizen.get('/api/catalog/items')).json().items as { id: string; code: string }[];
    const m1 = (await citizen.upload('id.pdf', samplePdf(), 'application/pdf')).json().id;
    const m2 = (await citizen.upload('lease.png', samplePng(), 'image/png')).json().id;
    const res = await citizen.post('/api/cases', {
      itemId: items.find((i) => i.code === BUSINESS)!.id,
      form: { tradeName: '李记拉面馆', organisation: '个人经营', scope: '餐饮服务', address: '城关区庆阳路 2 号' },
      materials: [
        { code: 'M01', uploadId: m1 },
        { code: 'M02', uploadId: m2 },
      ],
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  }

  it('gives a new clerk the intake queue on their next request, and takes it away on revocation', async () => {
    const admin = await signedIn('scjg.admin');
    const adminId = (await admin.get('/api/auth/me')).json().user.id;
    const created = await createStaff(admin, 'SCJG', 'scjg.wang', { name: '王小明' });
    expect(created.statusCode).toBe(201);
    const staff = created.json().staff;
    expect(staff).toMatchObject({ username: 'scjg.wang', name: '王小明', active: true, roles: [] });
    expect(created.body).not.toContain(STAFF_PASSWORD);

    const clerk = await signedIn('scjg.wang', STAFF_PASSWORD);
    // The admin chose that password: nothing but changing it works until the clerk has.
    expect((await clerk.get('/api/cases?scope=intake')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await clerk.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const changed = await clerk.post('/api/auth/password', { currentPassword: STAFF_PASSWORD, newPassword: 'Wang-own-2026' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBeUndefined();
    const caseId = await submitBusinessCase();
    const intake = async () => ((await clerk.get('/api/cases?scope=intake')).json().items as { id: string }[]).map((c) => c.id);
    expect(await intake()).not.toContain(caseId);
    expect((await clerk.get(`/api/cases/${caseId}`)).statusCode).toBe(404);

    const granted = await grant(admin, staff.id, 'clerk', 'SCJG');
    expect(granted.statusCode).toBe(200);
    expect(granted.json().staff.roles).toEqual([expect.objectContaining({ role: 'clerk', departmentId: depts.SCJG!.id, grantedBy: '市场监督管理局管理员' })]);
    expect(await intake()).toContain(caseId);
    expect((await clerk.get('/api/auth/me')).json().user.roles).toEqual(['clerk']);
    const [row] = await ctx.database.db.select().from(accountRoles).where(and(eq(accountRoles.accountId, staff.id), eq(accountRoles.role, 'clerk')));
    expect(row!.grantedBy).toBe(adminId);

    expect((await revoke(admin, staff.id, 'clerk', 'SCJG')).json().staff.roles).toEqual([]);
    expect(await intake()).not.toContain(caseId);
    expect((await clerk.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await revoke(admin, staff.id, 'clerk', 'SCJG')).statusCode).toBe(404);

    const events = await auditEventsFor(ctx.database.db, 'account', staff.id);
    const mine = events.filter((e) => e.actorAccountId === adminId);
    expect(mine.map((e) => e.action)).toEqual(['staff.create', 'role.grant', 'role.revoke']);
    expect(mine[1]!.detail).toMatchObject({ role: 'clerk', departmentId: depts.SCJG!.id, grantedBy: adminId });
    expect(JSON.stringify(events)).not.toContain(STAFF_PASSWORD);
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });

  it('ends a deactivated member’s sessions and refuses their sign-in until reactivated', async () => {
    const admin = await signedIn('mz.admin');
    const staff = (await createStaff(admin, 'MZ', 'mz.liu')).json().staff;
    await grant(admin, staff.id, 'approver', 'MZ');
    const member = await signedIn('mz.liu', STAFF_PASSWORD);
    expect((await member.get('/api/auth/me')).statusCode).toBe(200);

    const off = await admin.post(`/api/admin/staff/${staff.id}/deactivate`);
    expect(off.json().staff.active).toBe(false);
    expect((await member.get('/api/auth/me')).statusCode).toBe(401);
    const again = await new Client(ctx.app).post('/api/auth/login', { username: 'mz.liu', password: STAFF_PASSWORD });
    expect(again.json().code).toBe('BAD_CREDENTIALS');
    const [deactivated] = (await auditEventsFor(ctx.database.db, 'account', staff.id)).filter((e) => e.action === 'staff.deactivate');
    expect(deactivated!.detail).toEqual({ sessions: 1 });

    expect((await admin.post(`/api/admin/staff/${staff.id}/reactivate`)).json().staff.active).toBe(true);
    const back = await signedIn('mz.liu', STAFF_PASSWORD);
    expect((await back.get('/api/auth/me')).json().user.roles).toEqual(['approver']);
  });

  it('explains bad input in the reader’s language', async () => {
    const admin = await signedIn('ga.admin');
    const dup = await createStaff(admin, 'GA', 'GA.Clerk');
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors).toEqual([{ path: 'username', message: '该用户名已被使用。' }]);
    const weak = await createStaff(admin, 'GA', 'ga.weak', { password: 'password1' });
    expect(weak.json().errors[0].path).toBe('password');
    const pattern = await createStaff(admin, 'GA', 'ga.run', { password: '12345678' });
    expect(pattern.json().errors[0].message).toContain('连续或重复');
    const badName = await createStaff(admin, 'GA', '9lives');
    expect(badName.json().errors[0]).toMatchObject({ path: 'username' });
    const noPhone = await createStaff(admin, 'GA', 'ga.nophone', { phone: undefined });
    expect(noPhone.json().errors[0]).toMatchObject({ path: 'phone', message: '此项为必填项。' });
    const takenPhone = await createStaff(admin, 'GA', 'ga.twin', { phone: '13900000011' });
    expect(takenPhone.json().errors).toEqual([{ path: 'phone', message: '该手机号已被其他账号使用。' }]);
    admin.lang = 'en';
    const en = await createStaff(admin, 'GA', 'ga.clerk');
    expect(en.json().title).toBe('Invalid input');
    expect(en.json().errors[0].message).toBe('This user name is taken.');
    const enWeak = await createStaff(admin, 'GA', 'ga.weak2', { password: 'short1' });
    expect(enWeak.json().errors[0].message).toBe('At least 8 characters, with both letters and digits.');
  });
});
