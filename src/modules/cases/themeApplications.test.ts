import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, samplePdf, type TestContext } from '../../test/app.js';
import { createDepartment, createItem, createPerson, createStaff, type TestPerson, type TestStaff } from '../../test/factories.js';
import { createTheme } from '../catalog/index.js';
import { runDeadlineWatch } from './clock/runDeadlineWatch.js';

/**
 * Applying for a theme (一件事): one form and one upload per shared material make one case per
 * member in one transaction, all or nothing; members with prerequisites wait, and are released in
 * the transaction that approves their last prerequisite; nobody but the applicant sees the bundle
 * or can use its uploads.
 */
let ctx: TestContext;
type Item = Awaited<ReturnType<typeof createItem>>;
let a: Item, b: Item, c: Item;
let themeId: string;
const handlers: Record<'a' | 'b', { clerk: TestStaff; approver: TestStaff }> = {} as never;
const t = (zh: string, en: string) => ({ zh, en });
const text = (name: string) => ({ name, label: t(name, name), type: 'text' as const, required: true, maxLength: 50 });

beforeAll(async () => {
  ctx = await createTestApp();
  const { db } = ctx.database;
  const deptA = await createDepartment(db);
  const deptB = await createDepartment(db);
  handlers.a = { clerk: await createStaff(db, deptA.id, ['clerk']), approver: await createStaff(db, deptA.id, ['approver']) };
  handlers.b = { clerk: await createStaff(db, deptB.id, ['clerk']), approver: await createStaff(db, deptB.id, ['approver']) };
  a = await createItem(db, deptA.id);
  b = await createItem(db, deptB.id, { fields: [text('purpose'), text('extra')] });
  c = await createItem(db, deptB.id);
  // a; b after a; c after a and b.
  const theme = await db.transaction((tx) =>
    createTheme(
      tx,
      {
        code: 'T-BUNDLE',
        name: t('测试一件事', 'Test theme'),
        description: t('三个事项一次申请。', 'Three in one.'),
        audience: 'person',
        members: [
          { item: a.code, after: [] },
          { item: b.code, after: [a.code] },
          { item: c.code, after: [a.code, b.code] },
        ],
        fields: [{ name: 'purpose', label: t('用途', 'Purpose'), targets: [a, b, c].map((i) => ({ item: i.code, field: 'purpose' })) }],
        materials: [{ code: 'S01', name: t('身份证明', 'ID'), targets: [a, b, c].map((i) => ({ item: i.code, material: 'M01' })) }],
      },
      { actorAccountId: null, publish: true },
    ),
  );
  themeId = theme.id;
});
afterAll(() => ctx.close());

async function signedIn(p: TestPerson | TestStaff) {
  const client = new Client(ctx.app);
  await client.login('phone' in p && !('username' in p) ? p.phone : (p as TestStaff).username, p.password);
  return client;
}

async function upload(client: Client, text = 'id') {
  const res = await client.upload('id.pdf', samplePdf(text), 'application/pdf');
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; sha256: string };
}

const body = (uploadId: string, extra: unknown = '补充说明') => ({
  themeId,
  shared: { purpose: '落户' },
  members: { [b.id]: { form: { extra } } },
  materials: [{ code: 'S01', uploadId }],
});

const count = async (sql: string, params: unknown[]) => (await ctx.database.query<{ n: number }>(sql, params))[0]!.n;
type Message = { kind: string; caseId: string; title: string; body: string };
const messagesAbout = async (citizen: Client, caseId: string) => ((await citizen.get('/api/notifications')).json().items as Message[]).filter((n) => n.caseId === caseId);

describe('applying for a theme', () => {
  it('makes one case per member from one form and one upload, the dependent ones waiting', async () => {
    const person = await createPerson(ctx.database.db);
    const citizen = await signedIn(person);
    const file = await upload(citizen);
    const res = await citizen.post('/api/theme-applications', body(file.id));
    expect(res.statusCode).toBe(201);
    const receipt = res.json();
    expect(receipt.cases.map((x: { itemId: string; status: string }) => [x.itemId, x.status])).toEqual([
      [a.id, 'submitted'],
      [b.id, 'waiting'],
      [c.id, 'waiting'],
    ]);
    // The shared upload is attached to every member, and the shared field reached each form.
    for (const member of receipt.cases) {
      const detail = (await citizen.get(`/api/cases/${member.id}`)).json();
      expect(detail.materials.map((m: { code: string; sha256: string }) => [m.code, m.sha256])).toEqual([['M01', file.sha256]]);
      expect(detail.form.purpose).toBe('落户');
      expect(detail.bundle).toEqual({ id: receipt.id, name: '测试一件事' });
    }
    // 我的办件 lists all three with the bundle; the bundle page shows who waits for whom.
    const mine = (await citizen.get('/api/cases')).json().items;
    expect(mine.filter((x: { bundle: { id: string } | null }) => x.bundle?.id === receipt.id).map((x: { status: string }) => x.status).sort()).toEqual(['submitted', 'waiting', 'waiting']);
    const bundle = (await citizen.get(res.headers.location as string)).json();
    expect(bundle.theme.name).toBe('测试一件事');
    expect(bundle.cases.map((x: { waitsFor: { caseNo: string }[] }) => x.waitsFor.map((w) => w.caseNo))).toEqual([[], [receipt.cases[0].caseNo], [receipt.cases[0].caseNo, receipt.cases[1].caseNo]]);
    expect(bundle.cases[1].statusLabel).toBe('等待前置事项');
  });

  it('writes nothing when one member refuses, pointing at the member’s field', async () => {
    const person = await createPerson(ctx.database.db);
    const citizen = await signedIn(person);
    const file = await upload(citizen);
    const bundlesBefore = await count(`SELECT count(*)::int AS n FROM theme_applications WHERE applicant_account_id = $1`, [person.id]);
    const auditBefore = await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.submit'`, []);
    const res = await citizen.post('/api/theme-applications', body(file.id, ''));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('FORM_INVALID');
    expect(res.json().errors).toEqual([{ path: `members.${b.id}.form.extra`, message: '此项为必填项。' }]);
    // Member a was valid and written first: it is gone with the rest, and so is the claim on the upload.
    expect((await citizen.get('/api/cases')).json().items).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM theme_applications WHERE applicant_account_id = $1`, [person.id])).toBe(bundlesBefore);
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.submit'`, [])).toBe(auditBefore);
    expect(await count(`SELECT count(*)::int AS n FROM upload_claims WHERE upload_id = $1`, [file.id])).toBe(0);
    // A shared field left empty points at the shared field, not at a member.
    const noPurpose = await citizen.post('/api/theme-applications', { ...body(file.id), shared: {} });
    expect(noPurpose.json().errors).toEqual([{ path: 'shared.purpose', message: '此项为必填项。' }]);
    // The same upload then goes through.
    expect((await citizen.post('/api/theme-applications', body(file.id))).statusCode).toBe(201);
  });

  it('releases a waiting member when its last prerequisite is approved, and not before', async () => {
    const person = await createPerson(ctx.database.db);
    const citizen = await signedIn(person);
    const receipt = (await citizen.post('/api/theme-applications', body((await upload(citizen)).id))).json();
    const [caseA, caseB, caseC] = receipt.cases as { id: string; caseNo: string }[];
    const clerkA = await signedIn(handlers.a.clerk);
    const approverA = await signedIn(handlers.a.approver);
    const clerkB = await signedIn(handlers.b.clerk);
    const approverB = await signedIn(handlers.b.approver);
    const status = async (id: string) => (await citizen.get(`/api/cases/${id}`)).json().status;

    // A waiting case is not in the intake queue and cannot be accepted.
    const queue = async () => (await clerkB.get('/api/cases?scope=intake&limit=100')).json().items.map((x: { id: string }) => x.id);
    expect(await queue()).not.toContain(caseB!.id);
    const early = await clerkB.post(`/api/cases/${caseB!.id}/accept`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('ILLEGAL_TRANSITION');
    expect(early.json().detail).toContain('等待前置事项');

    expect((await clerkA.post(`/api/cases/${caseA!.id}/accept`, {})).statusCode).toBe(200);
    expect(await status(caseB!.id)).toBe('waiting');
    expect((await approverA.post(`/api/cases/${caseA!.id}/approve`, { opinion: '同意' })).statusCode).toBe(200);
    // b waited for a only: released; c still waits for b.
    const releasedB = (await citizen.get(`/api/cases/${caseB!.id}`)).json();
    expect(releasedB.status).toBe('submitted');
    expect(releasedB.events.map((e: { action: string; actionLabel: string }) => e.action)).toEqual(['submit', 'release']);
    expect(releasedB.events[1]).toMatchObject({ fromStatus: 'waiting', toStatus: 'submitted', actionLabel: '前置事项已办结，转入受理', detail: { after: [caseA!.caseNo] } });
    expect(releasedB.dueDate).toBeNull();
    expect(await status(caseC!.id)).toBe('waiting');
    expect(await queue()).toContain(caseB!.id);
    // The release is in the audit chain, in the approval's transaction, and the applicant is told.
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.release' AND entity_id = $1`, [caseB!.id])).toBe(1);
    const told = await messagesAbout(citizen, caseB!.id);
    expect(told.map((n) => n.kind)).toEqual(['theme_released']);
    expect(told[0]!.body).toBe(`您申请的“测试一件事”中的“${b.name.zh}”（办件编号 ${caseB!.caseNo}）的前置事项已办结，现已转入受理。已办结的前置办件：${caseA!.caseNo}。`);
    expect(await messagesAbout(citizen, caseC!.id)).toEqual([]);

    expect((await clerkB.post(`/api/cases/${caseB!.id}/accept`, {})).statusCode).toBe(200);
    expect(await status(caseC!.id)).toBe('waiting');
    expect((await approverB.post(`/api/cases/${caseB!.id}/approve`, { opinion: '同意' })).statusCode).toBe(200);
    expect(await status(caseC!.id)).toBe('submitted');
  });

  it('refuses every transition of a waiting case, and offers none', async () => {
    const person = await createPerson(ctx.database.db);
    const citizen = await signedIn(person);
    const receipt = (await citizen.post('/api/theme-applications', body((await upload(citizen)).id))).json();
    const waiting = receipt.cases[1].id as string;
    const clerk = await signedIn(handlers.b.clerk);
    const approver = await signedIn(handlers.b.approver);
    const tries: [Client, string, unknown][] = [
      [clerk, 'accept', {}],
      [clerk, 'reject', { reason: '不符合' }],
      [clerk, 'supplement', { items: [{ materialCode: 'M01', reason: '不清晰' }] }],
      [approver, 'approve', { opinion: '同意' }],
      [approver, 'deny', { opinion: '不同意' }],
      [citizen, 'resubmit', { form: { purpose: 'x', extra: 'y' }, materials: [] }],
    ];
    for (const [who, action, payload] of tries) {
      const res = await who.post(`/api/cases/${waiting}/${action}`, payload as Record<string, unknown>);
      expect([action, res.statusCode, res.json().code]).toEqual([action, 409, 'ILLEGAL_TRANSITION']);
    }
    expect((await clerk.get(`/api/cases/${waiting}`)).json().allowedActions).toEqual([]);
    expect((await citizen.get(`/api/cases/${waiting}`)).json().status).toBe('waiting');
  });

  it('ends the members waiting on a rejected prerequisite, and the ones waiting on them', async () => {
    const person = await createPerson(ctx.database.db);
    const citizen = await signedIn(person);
    const receipt = (await citizen.post('/api/theme-applications', body((await upload(citizen)).id))).json();
    const [caseA, caseB, caseC] = receipt.cases as { id: string; caseNo: string }[];
    const clerkA = await signedIn(handlers.a.clerk);
    expect((await clerkA.post(`/api/cases/${caseA!.id}/reject`, { reason: '不属于本部门受理范围' })).statusCode).toBe(200);
    const b = (await citizen.get(`/api/cases/${caseB!.id}`)).json();
    expect(b.status).toBe('cancelled');
    expect(b.events.at(-1)).toMatchObject({ action: 'cancel', fromStatus: 'waiting', toStatus: 'cancelled', actionLabel: '前置事项未获办结，终止办理', detail: { after: [caseA!.caseNo] } });
    // c waited for a and b: ended too.
    expect((await citizen.get(`/api/cases/${caseC!.id}`)).json().status).toBe('cancelled');
    const clerkB = await signedIn(handlers.b.clerk);
    expect((await clerkB.post(`/api/cases/${caseB!.id}/accept`, {})).json().code).toBe('ILLEGAL_TRANSITION');
    // The applicant hears of each ended member, with the prerequisite that was not completed.
    const toldB = await messagesAbout(citizen, caseB!.id);
    expect(toldB.map((n) => [n.kind, n.title])).toEqual([['theme_cancelled', '一件事：事项终止办理']]);
    expect(toldB[0]!.body).toContain(`未获办结的前置办件：${caseA!.caseNo}。`);
    expect((await messagesAbout(citizen, caseC!.id)).map((n) => n.kind)).toEqual(['theme_cancelled']);
  });

  it('ends the members waiting on a prerequisite that lapsed, in the lapse’s transaction, and tells the applicant', async () => {
    const person = await createPerson(ctx.database.db);
    const citizen = await signedIn(person);
    const receipt = (await citizen.post('/api/theme-applications', body((await upload(citizen)).id))).json();
    const [caseA, caseB, caseC] = receipt.cases as { id: string; caseNo: string }[];
    const clerkA = await signedIn(handlers.a.clerk);
    expect((await clerkA.post(`/api/cases/${caseA!.id}/supplement`, { items: [{ materialCode: 'M01', reason: '缺页' }], deadlineDays: 1 })).statusCode).toBe(200);
    const deadline = (await citizen.get(`/api/cases/${caseA!.id}`)).json().supplementNotice.deadline as string;
    const after = new Date(Date.parse(`${deadline}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await runDeadlineWatch(ctx.database.db, after)).lapsed).toBeGreaterThanOrEqual(1);
    expect((await citizen.get(`/api/cases/${caseA!.id}`)).json().status).toBe('lapsed');
    const b = (await citizen.get(`/api/cases/${caseB!.id}`)).json();
    expect(b.status).toBe('cancelled');
    expect(b.events.at(-1)).toMatchObject({ action: 'cancel', actorName: '平台（时限监察）', detail: { after: [caseA!.caseNo] } });
    expect((await citizen.get(`/api/cases/${caseC!.id}`)).json().status).toBe('cancelled');
    expect((await messagesAbout(citizen, caseA!.id)).map((n) => n.kind)).toEqual(['lapsed', 'supplement_requested']);
    expect((await messagesAbout(citizen, caseB!.id)).map((n) => n.kind)).toEqual(['theme_cancelled']);
    expect((await messagesAbout(citizen, caseC!.id)).map((n) => n.kind)).toEqual(['theme_cancelled']);
  });
});

describe('the bundle is the applicant’s alone', () => {
  it('hides the bundle, its cases and files from another applicant, who cannot use its uploads either', async () => {
    const owner = await signedIn(await createPerson(ctx.database.db));
    const other = await signedIn(await createPerson(ctx.database.db));
    const file = await upload(owner);
    const res = await owner.post('/api/theme-applications', body(file.id));
    const receipt = res.json();
    expect((await other.get(res.headers.location as string)).statusCode).toBe(404);
    const member = (await owner.get(`/api/cases/${receipt.cases[0].id}`)).json();
    expect((await other.get(`/api/cases/${member.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/materials/${member.materials[0].id}`)).statusCode).toBe(404);
    // Someone else's upload is not theirs to claim, in a bundle or alone.
    const stolen = await other.post('/api/theme-applications', body(file.id));
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().errors).toEqual([{ path: 'materials.0.uploadId', message: '取值无效。' }]);
    const single = await other.post('/api/cases', { itemId: a.id, form: { purpose: 'x' }, materials: [{ code: 'M01', uploadId: file.id }] });
    expect(single.statusCode).toBe(400);
    // The owner cannot take a bundle's upload out into another case, nor into another bundle.
    const again = await owner.post('/api/cases', { itemId: a.id, form: { purpose: 'x' }, materials: [{ code: 'M01', uploadId: file.id }] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('UPLOAD_IN_USE');
    expect((await owner.post('/api/theme-applications', body(file.id))).json().code).toBe('UPLOAD_IN_USE');
  });
});
