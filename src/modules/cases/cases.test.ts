import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, samplePdf, samplePng, type TestContext } from '../../test/app.js';
import { demoCitizens } from '../../server/demo/seed.js';
import { verifyAuditChain } from '../supervision/audit.js';
import { isWorkingDay, shanghaiDate, addWorkingDays } from '../../lib/calendar.js';

let ctx: TestContext;
let items: { id: string; code: string; name: string; department: { id: string } }[];
const zhang = demoCitizens[0]!.phone;
const li = demoCitizens[1]!.phone;

beforeAll(async () => {
  ctx = await createTestApp();
  const res = await new Client(ctx.app).get('/api/catalog/items');
  items = res.json().items;
});
afterAll(() => ctx.close());

const itemByCode = (code: string) => items.find((i) => i.code === code)!;
const BUSINESS = '000101001000'; // 个体工商户设立登记, market regulation, issues a licence
const RESIDENCE = '000120004000'; // 居住证, public security

async function uploadAs(c: Client, name = 'id.pdf', bytes = samplePdf()) {
  const res = await c.upload(name, bytes, 'application/pdf');
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

/** Submits and returns the full case as the applicant sees it. */
async function submitBusiness(c: Client, overrides: Record<string, unknown> = {}) {
  const res = await postBusiness(c, overrides);
  expect(res.statusCode).toBe(201);
  return c.get(res.headers.location as string);
}

async function postBusiness(c: Client, overrides: Record<string, unknown> = {}) {
  const m1 = await uploadAs(c);
  const m2 = await uploadAs(c, 'lease.png', samplePng());
  const res = await c.post('/api/cases', {
    itemId: itemByCode(BUSINESS).id,
    form: { tradeName: '兰州城关区张记牛肉面馆', organisation: '个人经营', scope: '餐饮服务', address: '城关区张掖路 1 号', ...overrides },
    materials: [
      { code: 'M01', uploadId: m1 },
      { code: 'M02', uploadId: m2 },
    ],
  });
  return res;
}

describe('the one-window spine', () => {
  it('walks submit → supplement → resubmit → accept → approve, issuing a verifiable licence', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(zhang);
    const receipt = await postBusiness(citizen);
    expect(receipt.statusCode).toBe(201);
    expect(receipt.json().status).toBe('submitted');
    const c0 = (await citizen.get(`/api/cases/${receipt.json().id}`)).json();
    expect(c0.caseNo).toBe(receipt.json().caseNo);
    expect(c0.status).toBe('submitted');
    expect(c0.caseNo).toMatch(/^620100-\d{8}-\d{6}$/);
    expect(c0.materials).toHaveLength(2);
    expect(c0.materials[0].sha256).toMatch(/^[0-9a-f]{64}$/);

    const clerk = new Client(ctx.app);
    await clerk.login('scjg.clerk');
    const queue = (await clerk.get('/api/cases?scope=intake')).json().items;
    expect(queue.map((q: { id: string }) => q.id)).toContain(c0.id);
    const queued = queue.find((q: { id: string }) => q.id === c0.id);
    expect(queued.applicantName).toBe('张*'); // masked in lists

    const notice = await clerk.post(`/api/cases/${c0.id}/supplement`, {
      items: [
        { materialCode: 'M02', reason: '租赁合同缺少出租方签字' },
        { materialCode: null, reason: '经营范围表述不规范' },
      ],
      note: '请一次性补齐以上材料',
    });
    expect(notice.statusCode).toBe(200);
    expect(notice.json().status).toBe('supplement_requested');

    const seen = (await citizen.get(`/api/cases/${c0.id}`)).json();
    expect(seen.supplementNotice.items).toHaveLength(2);
    expect(seen.supplementNotice.items[0].materialName).toBe('经营场所使用证明');
    expect(seen.allowedActions).toEqual(['resubmit', 'withdraw']);

    // The notice named M02: resubmitting without it is refused and changes nothing.
    const incomplete = await citizen.post(`/api/cases/${c0.id}/resubmit`, { form: seen.form, materials: [] });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().code).toBe('MATERIAL_MISSING');
    expect((await citizen.get(`/api/cases/${c0.id}`)).json().status).toBe('supplement_requested');

    const newLease = await uploadAs(citizen, 'lease-signed.pdf', samplePdf('signed'));
    const resubmitted = await citizen.post(`/api/cases/${c0.id}/resubmit`, {
      form: { ...seen.form, scope: '餐饮服务（热食类食品制售）' },
      materials: [{ code: 'M02', uploadId: newLease }],
    });
    expect(resubmitted.statusCode).toBe(200);
    const c1 = resubmitted.json();
    expect(c1.status).toBe('resubmitted');
    expect(c1.round).toBe(2);
    const resubmitEvent = c1.events.find((e: { action: string }) => e.action === 'resubmit');
    expect(resubmitEvent.detail.changedFields).toEqual(['scope']);
    expect(resubmitEvent.detail.replacedMaterials).toEqual(['M02']);
    expect(c1.materials.filter((m: { round: number }) => m.round === 2).map((m: { code: string }) => m.code)).toEqual(['M02']);

    const accepted = (await clerk.post(`/api/cases/${c0.id}/accept`, {})).json();
    expect(accepted.status).toBe('accepted');
    // Promised limit 3 working days from today on the official calendar.
    expect(accepted.dueDate).toBe(addWorkingDays(shanghaiDate(new Date()), 3));
    expect(isWorkingDay(accepted.dueDate)).toBe(true);
    expect(accepted.workingDaysLeft).toBe(3);

    const approver = new Client(ctx.app);
    await approver.login('scjg.approver');
    expect((await approver.get('/api/cases?scope=approval')).json().items.map((i: { id: string }) => i.id)).toContain(c0.id);
    const done = await approver.post(`/api/cases/${c0.id}/approve`, { opinion: '材料齐全，符合法定条件，准予登记。' });
    expect(done.statusCode).toBe(200);
    const completed = done.json();
    expect(completed.status).toBe('completed');
    expect(completed.licence.identifier).toMatch(/^1\.2\.156\.3005\.2\.11100000000013338W011\./);
    expect(completed.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'supplement', 'resubmit', 'accept', 'approve', 'issue']);

    const wallet = (await citizen.get('/api/licences')).json().items;
    expect(wallet).toHaveLength(1);
    expect(wallet[0].alg).toBe('SM2'); // market regulation signs with SM2
    const licence = (await citizen.get(`/api/licences/${wallet[0].id}`)).json();
    expect(licence.face.find((f: { key: string }) => f.key === 'tradeName').value).toBe('兰州城关区张记牛肉面馆');
    expect(licence.qrSvg).toContain('<svg');
    const code = licence.verifyUrl.split('/verify/')[1];

    const anyone = new Client(ctx.app);
    const verified = (await anyone.get(`/api/verify/${code}`)).json();
    expect(verified.valid).toBe(true);
    expect(verified.licence.holderName).toBe('张*');
    expect(verified.licence.holderId).toMatch(/^620102\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(verified)).not.toContain(demoCitizens[0]!.idNumber);

    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });

  it('refuses illegal transitions with a typed error and changes nothing', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(zhang);
    const c = (await submitBusiness(citizen)).json();
    const approver = new Client(ctx.app);
    await approver.login('scjg.approver');
    const early = await approver.post(`/api/cases/${c.id}/approve`, { opinion: '同意' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('ILLEGAL_TRANSITION');
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.json().detail).toContain('已提交');

    // An approver is not a window clerk: may not accept.
    const wrongRole = await approver.post(`/api/cases/${c.id}/accept`, {});
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json().code).toBe('FORBIDDEN');

    // A citizen may not accept their own case.
    expect((await citizen.post(`/api/cases/${c.id}/accept`, {})).json().code).toBe('FORBIDDEN');

    const clerk = new Client(ctx.app);
    await clerk.login('scjg.clerk');
    expect((await clerk.post(`/api/cases/${c.id}/accept`, {})).statusCode).toBe(200);
    const twice = await clerk.post(`/api/cases/${c.id}/accept`, {});
    expect(twice.json().code).toBe('ILLEGAL_TRANSITION');
    const after = (await citizen.get(`/api/cases/${c.id}`)).json();
    expect(after.status).toBe('accepted');
    expect(after.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept']);
  });

  it('lets exactly one of two clerks accepting at the same moment succeed', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(li);
    const c = (await submitBusiness(citizen)).json();
    const a = new Client(ctx.app);
    const b = new Client(ctx.app);
    await a.login('scjg.clerk');
    await b.login('scjg.clerk');
    const results = await Promise.all([a.post(`/api/cases/${c.id}/accept`, {}), b.post(`/api/cases/${c.id}/accept`, {})]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const events = (await citizen.get(`/api/cases/${c.id}`)).json().events;
    expect(events.filter((e: { action: string }) => e.action === 'accept')).toHaveLength(1);
  });

  it('rejects and denies with the reason recorded', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(zhang);
    const clerk = new Client(ctx.app);
    await clerk.login('scjg.clerk');
    const c1 = (await submitBusiness(citizen)).json();
    const noReason = await clerk.post(`/api/cases/${c1.id}/reject`, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('reason');
    const rejected = (await clerk.post(`/api/cases/${c1.id}/reject`, { reason: '不属于本部门管辖' })).json();
    expect(rejected.status).toBe('rejected');
    expect(rejected.events.at(-1).note).toBe('不属于本部门管辖');

    const c2 = (await submitBusiness(citizen)).json();
    await clerk.post(`/api/cases/${c2.id}/accept`, {});
    const approver = new Client(ctx.app);
    await approver.login('scjg.approver');
    const denied = (await approver.post(`/api/cases/${c2.id}/deny`, { opinion: '经营场所不符合要求' })).json();
    expect(denied.status).toBe('denied');
    expect(denied.licence).toBeNull();
    expect((await citizen.get(`/api/cases/${c2.id}`)).json().allowedActions).toEqual([]);
  });
});

describe('submission checks', () => {
  it('requires every required material and a valid form, and stores nothing otherwise', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(li);
    const before = (await citizen.get('/api/cases')).json().items.length;
    const m1 = await uploadAs(citizen);
    const missing = await citizen.post('/api/cases', {
      itemId: itemByCode(BUSINESS).id,
      form: { tradeName: '李记', organisation: '个人经营', scope: '零售', address: '七里河区' },
      materials: [{ code: 'M01', uploadId: m1 }],
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().code).toBe('MATERIAL_MISSING');
    expect(missing.json().detail).toContain('经营场所使用证明');
    citizen.lang = 'en';
    const missingEn = await citizen.post('/api/cases', {
      itemId: itemByCode(BUSINESS).id,
      form: { tradeName: '李记', organisation: '个人经营', scope: '零售', address: '七里河区' },
      materials: [{ code: 'M01', uploadId: m1 }],
    });
    expect(missingEn.json().detail).toBe('Required materials missing: Proof of right to use the premises.');
    citizen.lang = 'zh-CN';

    const badForm = await citizen.post('/api/cases', {
      itemId: itemByCode(BUSINESS).id,
      form: { tradeName: '', organisation: '合伙', scope: 'x', address: 'y', capital: 'lots', extra: 1 },
      materials: [{ code: 'M01', uploadId: m1 }],
    });
    expect(badForm.statusCode).toBe(422);
    const paths = badForm.json().errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['form.capital', 'form.extra', 'form.organisation', 'form.tradeName']);
    expect((await citizen.get('/api/cases')).json().items.length).toBe(before);
  });

  it('numbers cases consecutively per day and refuses a file already attached to another case, leaving no trace', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(li);
    const first = await postBusiness(citizen);
    const second = await postBusiness(citizen);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    const seq = (no: string) => Number(no.split('-')[2]);
    expect(seq(second.json().caseNo)).toBe(seq(first.json().caseNo) + 1);

    const before = (await citizen.get('/api/cases')).json().items.length;
    const m1 = await uploadAs(citizen);
    const shared = await citizen.post('/api/cases', {
      itemId: itemByCode(BUSINESS).id,
      form: { tradeName: '李记', organisation: '个人经营', scope: '零售', address: '七里河区' },
      materials: [
        { code: 'M01', uploadId: m1 },
        { code: 'M02', uploadId: m1 },
      ],
    });
    expect(shared.statusCode).toBe(409);
    expect(shared.json().code).toBe('UPLOAD_IN_USE');
    expect((await citizen.get('/api/cases')).json().items.length).toBe(before);
    // The refused submission did not use up a case number either.
    const third = await postBusiness(citizen);
    expect(seq(third.json().caseNo)).toBe(seq(second.json().caseNo) + 1);
  });

  it("refuses another person's upload after the case statement ran, and rolls back case, number and audit row", async () => {
    const zhangC = new Client(ctx.app);
    await zhangC.login(zhang);
    const liC = new Client(ctx.app);
    await liC.login(li);
    const first = await postBusiness(liC);
    const auditBefore = await ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.submit'`);
    const casesBefore = (await liC.get('/api/cases')).json().items.length;
    const hers = await uploadAs(zhangC);
    const mine = await uploadAs(liC, 'lease.png', samplePng());
    const stolen = await liC.post('/api/cases', {
      itemId: itemByCode(BUSINESS).id,
      form: { tradeName: '李记', organisation: '个人经营', scope: '零售', address: '七里河区' },
      materials: [
        { code: 'M01', uploadId: hers },
        { code: 'M02', uploadId: mine },
      ],
    });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().errors).toEqual([{ path: 'materials.0.uploadId', message: '取值无效。' }]);
    expect((await liC.get('/api/cases')).json().items.length).toBe(casesBefore);
    const auditAfter = await ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.submit'`);
    expect(auditAfter[0]!.n).toBe(auditBefore[0]!.n);
    // Neither file was attached: both owners can still use their own.
    const next = await liC.post('/api/cases', {
      itemId: itemByCode(BUSINESS).id,
      form: { tradeName: '李记', organisation: '个人经营', scope: '零售', address: '七里河区' },
      materials: [
        { code: 'M01', uploadId: await uploadAs(liC) },
        { code: 'M02', uploadId: mine },
      ],
    });
    expect(next.statusCode).toBe(201);
    const seq = (no: string) => Number(no.split('-')[2]);
    expect(seq(next.json().caseNo)).toBe(seq(first.json().caseNo) + 1);
    // The submit's audit row, written in the same statement as the case, names its case number and keeps the chain whole.
    const [event] = await ctx.database.query<{ detail: { caseNo: string; to: string } }>(
      `SELECT detail FROM audit_events WHERE action = 'case.submit' AND entity_id = $1`,
      [next.json().id],
    );
    expect(event!.detail).toMatchObject({ caseNo: next.json().caseNo, to: 'submitted' });
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });

  it('checks uploads by content, not by name, and limits their size', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(li);
    const disguised = await citizen.upload('evil.pdf', Buffer.from('<script>alert(1)</script>'), 'application/pdf');
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().code).toBe('UPLOAD_TYPE');
    const big = Buffer.concat([samplePdf(), Buffer.alloc(11 * 1024 * 1024)]);
    const tooBig = await citizen.upload('big.pdf', big, 'application/pdf');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe('UPLOAD_TOO_LARGE');
    // PNG where only PDF is accepted (food licence M03 takes PDF only) → MATERIAL_TYPE.
    const food = items.find((i) => i.code === '000101002000')!;
    const png = (await citizen.upload('rules.png', samplePng(), 'image/png')).json().id;
    const pdf1 = await uploadAs(citizen);
    const pdf2 = await uploadAs(citizen);
    const wrongType = await citizen.post('/api/cases', {
      itemId: food.id,
      form: { operatorName: '李记', address: '七里河区', category: '餐饮服务经营者', items: '热食类', safetyManager: '李四' },
      materials: [
        { code: 'M01', uploadId: pdf1 },
        { code: 'M02', uploadId: pdf2 },
        { code: 'M03', uploadId: png },
      ],
    });
    expect(wrongType.json().code).toBe('MATERIAL_TYPE');
  });

  it('answers malformed JSON and unknown ids with problem+json in the request language', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(li);
    const bad = await citizen.request('POST', '/api/cases', '{"itemId": ', { 'content-type': 'application/json' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BAD_JSON');
    citizen.lang = 'en';
    const unknown = await citizen.get('/api/cases/0190c0de-0000-7000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().title).toBe('Not found');
    const huge = await citizen.post('/api/cases', { itemId: itemByCode(BUSINESS).id, form: { scope: 'x'.repeat(2 * 1024 * 1024) }, materials: [] });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('BODY_TOO_LARGE');
    const notUuid = await citizen.get('/api/cases/1%20OR%201=1');
    expect(notUuid.statusCode).toBe(400);
    expect(notUuid.json().code).toBe('VALIDATION');
  });
});

describe('authorization', () => {
  it('hides one citizen’s case, materials and licence from another, and from other departments', async () => {
    const owner = new Client(ctx.app);
    await owner.login(zhang);
    const c = (await submitBusiness(owner)).json();
    const other = new Client(ctx.app);
    await other.login(li);
    expect((await other.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/materials/${c.materials[0].id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/cases/${c.id}/resubmit`, { form: {}, materials: [] })).statusCode).toBe(404);
    expect((await other.get('/api/cases')).json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    expect((await owner.get(`/api/materials/${c.materials[0].id}`)).statusCode).toBe(200);

    const gaClerk = new Client(ctx.app);
    await gaClerk.login('ga.clerk');
    expect((await gaClerk.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await gaClerk.post(`/api/cases/${c.id}/accept`, {})).statusCode).toBe(404);
    expect((await gaClerk.get(`/api/materials/${c.materials[0].id}`)).statusCode).toBe(404);
    expect((await gaClerk.get('/api/cases?scope=intake')).json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);

    // A citizen may not attach someone else's upload.
    const stolen = await other.post('/api/cases', {
      itemId: itemByCode(RESIDENCE).id,
      form: { address: '城关区', since: '2025-01-01', basis: 'home' },
      materials: [
        { code: 'M01', uploadId: c.materials[0].id },
        { code: 'M02', uploadId: c.materials[1].id },
      ],
    });
    expect(stolen.statusCode).toBe(400);

    const clerk = new Client(ctx.app);
    await clerk.login('scjg.clerk');
    await clerk.post(`/api/cases/${c.id}/accept`, {});
    const approver = new Client(ctx.app);
    await approver.login('scjg.approver');
    const licenceId = (await approver.post(`/api/cases/${c.id}/approve`, { opinion: '准予' })).json().licence.id;
    expect((await other.get(`/api/licences/${licenceId}`)).statusCode).toBe(404);
    expect((await owner.get(`/api/licences/${licenceId}`)).statusCode).toBe(200);
  });

  it('requires sign-in and the CSRF token for changes', async () => {
    const anon = new Client(ctx.app);
    expect((await anon.get('/api/cases')).statusCode).toBe(401);
    const citizen = new Client(ctx.app);
    await citizen.login(zhang);
    const noToken = await citizen.request('POST', '/api/cases', { itemId: itemByCode(BUSINESS).id, form: {}, materials: [] }, { 'x-csrf-token': 'forged' });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('CSRF');
  });
});
