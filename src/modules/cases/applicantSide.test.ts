import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Client, createTestApp, samplePdf, samplePng, type TestContext } from '../../test/app.js';
import { createDepartment, createItem, createPerson, signedInStaff, signIn } from '../../test/factories.js';
import { auditEvents } from '../supervision/tables.js';
import { caseStatuses } from './contract.js';
import { canTransition } from './stateMachine.js';

/**
 * The applicant's side of a case: withdrawing (撤回) before a decision, the progress bar's steps,
 * 我的办件's filters and search (only ever over the caller's cases), and supplement notices that
 * stay on the case after they are answered, with "other" items and the same-file flag.
 */
let ctx: TestContext;
let itemId: string;
let otherItemId: string;
let citizen: Client;
let neighbour: Client;
let clerk: Client;
let approver: Client;

beforeAll(async () => {
  ctx = await createTestApp();
  const { db } = ctx.database;
  const dept = await createDepartment(db);
  itemId = (
    await createItem(db, dept.id, {
      name: { zh: '个体工商户登记', en: 'Sole trader registration' },
      materials: [
        { code: 'M01', name: { zh: '身份证明', en: 'ID' }, required: true, description: { zh: '扫描件', en: 'Scan' }, accept: ['pdf'], maxBytes: 1 << 20, source: 'applicant' },
        { code: 'M02', name: { zh: '场所证明', en: 'Premises' }, required: false, description: { zh: '照片', en: 'Photo' }, accept: ['png', 'pdf'], maxBytes: 1 << 20, source: 'applicant' },
      ],
    })
  ).id;
  otherItemId = (await createItem(db, dept.id, { name: { zh: '无犯罪记录证明', en: 'No criminal record certificate' } })).id;
  citizen = await signIn(ctx.app, await createPerson(db, { name: '赵申请' }));
  neighbour = await signIn(ctx.app, await createPerson(db, { name: '钱邻居' }));
  clerk = await signedInStaff(ctx, dept.id, ['clerk']);
  approver = await signedInStaff(ctx, dept.id, ['approver']);
});
afterAll(() => ctx.close());

async function submit(as: Client = citizen, item = itemId, text = 'id') {
  const upload = (await as.upload(`${text}.pdf`, samplePdf(text), 'application/pdf')).json().id;
  const res = await as.post('/api/cases', { itemId: item, form: { purpose: '经营' }, materials: [{ code: 'M01', uploadId: upload }] });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
const act = async (who: Client, id: string, action: string, body: Record<string, unknown>) => {
  const res = await who.post(`/api/cases/${id}/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const caseIn = async (status: string): Promise<string> => {
  const id = await submit();
  if (status === 'submitted') return id;
  if (status === 'rejected') return (await act(clerk, id, 'reject', { reason: '不属于本部门' })).id;
  if (status === 'supplement_requested' || status === 'resubmitted') {
    await act(clerk, id, 'supplement', { items: [{ materialCode: 'M01', reason: '模糊' }] });
    if (status === 'supplement_requested') return id;
    const upload = (await citizen.upload('id2.pdf', samplePdf(`again-${id}`), 'application/pdf')).json().id;
    await act(citizen, id, 'resubmit', { form: { purpose: '经营' }, materials: [{ code: 'M01', uploadId: upload }] });
    return id;
  }
  await act(clerk, id, 'accept', {});
  if (status === 'accepted') return id;
  await act(approver, id, status === 'completed' ? 'approve' : 'deny', { opinion: '意见' });
  return id;
};
const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((c) => c.id);

describe('withdraw (撤回)', () => {
  it('is allowed exactly before a decision: in pre-review, after it, submitted, resubmitted, supplement_requested and accepted', () => {
    const allowed = caseStatuses.filter((s) => canTransition(s, 'withdraw'));
    expect(allowed.sort()).toEqual(['accepted', 'prereview', 'prereviewed', 'resubmitted', 'submitted', 'supplement_requested']);
  });

  for (const status of ['submitted', 'resubmitted', 'supplement_requested', 'accepted'] as const) {
    it(`from ${status}: withdrawn with the reason in the history and the audit, off the clerk's queues`, async () => {
      const id = await caseIn(status);
      const before = (await citizen.get(`/api/cases/${id}`)).json();
      expect(before.allowedActions).toContain('withdraw');
      // Only the applicant may: a neighbour is told it does not exist, the clerk may not.
      expect((await neighbour.post(`/api/cases/${id}/withdraw`, { reason: '不要了' })).statusCode).toBe(404);
      expect((await clerk.post(`/api/cases/${id}/withdraw`, { reason: '不要了' })).statusCode).toBe(403);
      expect((await citizen.post(`/api/cases/${id}/withdraw`, { reason: ' ' })).statusCode).toBe(400);
      const after = await act(citizen, id, 'withdraw', { reason: '信息填写有误，重新申请' });
      expect(after.status).toBe('withdrawn');
      expect(after.allowedActions).toEqual([]);
      expect(after.events.at(-1)).toMatchObject({ action: 'withdraw', fromStatus: status, toStatus: 'withdrawn', note: '信息填写有误，重新申请' });
      expect(after.progress.at(-1)).toMatchObject({ key: 'withdrawn', state: 'failed' });
      expect(after.workingDaysLeft).toBeNull();
      const audit = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'case.withdraw')));
      expect(audit).toHaveLength(1);
      expect(ids(await clerk.get('/api/cases?scope=intake'))).not.toContain(id);
      expect(ids(await approver.get('/api/cases?scope=approval'))).not.toContain(id);
      // Clerks cannot act on it any more either.
      expect((await clerk.post(`/api/cases/${id}/accept`, {})).statusCode).toBe(409);
    });
  }

  for (const status of ['completed', 'denied', 'rejected'] as const) {
    it(`is refused after the decision (${status}) as an illegal transition`, async () => {
      const id = await caseIn(status);
      const res = await citizen.post(`/api/cases/${id}/withdraw`, { reason: '晚了' });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('ILLEGAL_TRANSITION');
      expect((await citizen.get(`/api/cases/${id}`)).json().status).toBe(status);
    });
  }

  it('is refused a second time', async () => {
    const id = await caseIn('submitted');
    await act(citizen, id, 'withdraw', { reason: '一' });
    expect((await citizen.post(`/api/cases/${id}/withdraw`, { reason: '二' })).json().code).toBe('ILLEGAL_TRANSITION');
  });
});

describe('progress', () => {
  const states = (p: { key: string; state: string; at: string | null }[]) => p.map((s) => `${s.key}:${s.state}${s.at ? '@' : ''}`);

  it('walks 提交 → 受理 → 审批 → 办结 → 送达 with dates, the current step marked, failures as their own end', async () => {
    const sub = (await citizen.get(`/api/cases/${await caseIn('submitted')}`)).json();
    expect(states(sub.progress)).toEqual(['submit:done@', 'accept:current', 'approve:todo', 'complete:todo', 'deliver:todo']);
    expect(sub.progress.map((s: { label: string }) => s.label)).toEqual(['提交', '受理', '审批', '办结', '送达']);
    const acc = (await citizen.get(`/api/cases/${await caseIn('accepted')}`)).json();
    expect(states(acc.progress)).toEqual(['submit:done@', 'accept:done@', 'approve:current', 'complete:todo', 'deliver:todo']);
    const done = (await citizen.get(`/api/cases/${await caseIn('completed')}`)).json();
    expect(states(done.progress)).toEqual(['submit:done@', 'accept:done@', 'approve:done@', 'complete:done@', 'deliver:done@']);
    const rejected = (await citizen.get(`/api/cases/${await caseIn('rejected')}`)).json();
    expect(states(rejected.progress)).toEqual(['submit:done@', 'rejected:failed@']);
    const denied = (await citizen.get(`/api/cases/${await caseIn('denied')}`)).json();
    expect(states(denied.progress)).toEqual(['submit:done@', 'accept:done@', 'denied:failed@']);
    // The list rows carry the same steps.
    const row = (await citizen.get('/api/cases?scope=mine&limit=100')).json().items.find((c: { id: string }) => c.id === acc.id);
    expect(row.progress).toEqual(acc.progress);
  });
});

describe('我的办件: filters and search', () => {
  it('filters by status group and searches by case number or item name, only over the caller’s cases, with paging', async () => {
    const mineSupplement = await caseIn('supplement_requested');
    await submit();
    const mineOther = await submit(citizen, otherItemId, 'other');
    const theirs = await submit(neighbour, itemId, 'theirs');
    const theirNo = (await neighbour.get(`/api/cases/${theirs}`)).json().caseNo as string;
    const all = (await citizen.get('/api/cases?scope=mine&limit=100')).json().items as { id: string; status: string; caseNo: string; item: { id: string } }[];
    expect(all.map((c) => c.id)).not.toContain(theirs);

    const group = async (g: string) => (await citizen.get(`/api/cases?scope=mine&group=${g}&limit=100`)).json().items as { status: string }[];
    expect((await group('supplement')).every((c) => c.status === 'supplement_requested')).toBe(true);
    expect(ids(await citizen.get('/api/cases?scope=mine&group=supplement&limit=100'))).toContain(mineSupplement);
    expect((await group('active')).every((c) => ['waiting', 'submitted', 'accepted', 'resubmitted'].includes(c.status))).toBe(true);
    expect((await group('done')).every((c) => c.status === 'completed')).toBe(true);
    expect((await group('failed')).every((c) => ['rejected', 'denied', 'cancelled'].includes(c.status))).toBe(true);
    expect((await group('withdrawn')).every((c) => c.status === 'withdrawn')).toBe(true);
    const counted = (await Promise.all(['active', 'supplement', 'done', 'failed', 'withdrawn'].map(group))).reduce((n, g) => n + g.length, 0);
    expect(counted).toBe(all.length);

    // By item name (words of it) and by case number: the neighbour's case of the same item never shows.
    const byName = (await citizen.get(`/api/cases?scope=mine&limit=100&q=${encodeURIComponent('犯罪记录')}`)).json().items as { id: string }[];
    expect(byName.map((c) => c.id)).toEqual([mineOther]);
    const no = all.find((c) => c.id === mineSupplement)!.caseNo;
    expect(ids(await citizen.get(`/api/cases?scope=mine&q=${encodeURIComponent(no.slice(-6))}`))).toContain(mineSupplement);
    expect(ids(await citizen.get(`/api/cases?scope=mine&q=${encodeURIComponent(theirNo)}`))).toEqual([]);
    expect(ids(await citizen.get(`/api/cases?scope=mine&q=${encodeURIComponent('100%_')}`))).toEqual([]);
    // Search and group together, page by page.
    const first = (await citizen.get(`/api/cases?scope=mine&group=active&limit=2&q=${encodeURIComponent('个体工商户')}`)).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = (await citizen.get(`/api/cases?scope=mine&group=active&limit=2&q=${encodeURIComponent('个体工商户')}&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((c: { id: string }) => c.id)).not.toContain(first.items[0].id);
    expect([...first.items, ...second.items].every((c: { item: { id: string }; status: string }) => c.item.id === itemId && ['submitted', 'accepted', 'resubmitted'].includes(c.status))).toBe(true);
  });

  it('reads the applicant’s list from cases_applicant_submitted_idx with a filter and a search', async () => {
    const { db } = ctx.database;
    const plan = (await db.execute(`EXPLAIN SELECT * FROM cases WHERE applicant_account_id = '00000000-0000-7000-8000-000000000000' AND status IN ('supplement_requested') AND case_no ILIKE '%1%' ORDER BY submitted_at DESC, id DESC LIMIT 21`)) as unknown as { rows: { 'QUERY PLAN': string }[] };
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('cases_applicant_submitted_idx');
  });
});

describe('supplement notices stay on the case', () => {
  it('lists every item at once, gives an "other" item its own slot, keeps each round with what was uploaded, and flags the same file', async () => {
    const id = await submit(citizen, itemId, 'first-id');
    const asked = await act(clerk, id, 'supplement', {
      items: [
        { materialCode: 'M01', reason: '身份证明模糊' },
        { reason: '补充租赁合同首页' },
        { reason: '补充房东身份证复印件' },
      ],
      note: '请一次补齐',
    });
    expect(asked.supplementNotice.items.map((i: { key: string }) => i.key)).toEqual(['M01', 'other-1-1', 'other-1-2']);
    expect(asked.supplements).toHaveLength(1);
    // The same M01 file again (flagged), and a file for one "other" item.
    const again = (await citizen.upload('same.pdf', samplePdf('first-id'), 'application/pdf')).json().id;
    const lease = (await citizen.upload('lease.png', samplePng(), 'image/png')).json().id;
    // An "other" slot of a notice that is not this case's is unknown.
    expect((await citizen.post(`/api/cases/${id}/resubmit`, { form: { purpose: '经营' }, materials: [{ code: 'M01', uploadId: again }, { code: 'other-9-1', uploadId: lease }] })).json().code).toBe('MATERIAL_UNKNOWN');
    const answered = await act(citizen, id, 'resubmit', { form: { purpose: '经营' }, materials: [{ code: 'M01', uploadId: again }, { code: 'other-1-1', uploadId: lease }] });
    expect(answered.supplementNotice).toBeNull();
    const [round1] = answered.supplements;
    expect(round1).toMatchObject({ round: 1, note: '请一次补齐' });
    expect(round1.answeredAt).not.toBeNull();
    expect(round1.items.map((i: { key: string; reason: string; answers: { fileName: string; sameAsBefore: boolean }[] }) => [i.key, i.reason, i.answers.map((a) => [a.fileName, a.sameAsBefore])])).toEqual([
      ['M01', '身份证明模糊', [['same.pdf', true]]],
      ['other-1-1', '补充租赁合同首页', [['lease.png', false]]],
      ['other-1-2', '补充房东身份证复印件', []],
    ]);
    // The "other" upload is a material of the case, named by its item; the resubmission's event names the unchanged file.
    expect(answered.materials.find((m: { code: string }) => m.code === 'other-1-1')).toMatchObject({ name: '补充租赁合同首页', round: 2 });
    expect(answered.events.at(-1).detail.unchangedMaterials).toEqual(['M01']);

    // A second round keeps the first.
    await act(clerk, id, 'supplement', { items: [{ materialCode: 'M02', reason: '补交场所证明' }] });
    const fresh = (await citizen.upload('premises.pdf', samplePdf('premises'), 'application/pdf')).json().id;
    const two = await act(citizen, id, 'resubmit', { form: { purpose: '经营' }, materials: [{ code: 'M02', uploadId: fresh }] });
    expect(two.supplements.map((s: { round: number }) => s.round)).toEqual([1, 2]);
    expect(two.supplements[1].items[0].answers[0]).toMatchObject({ fileName: 'premises.pdf', sameAsBefore: false });
    expect(two.supplements[0].items[0].answers[0].fileName).toBe('same.pdf');
    // The clerk sees the same history.
    expect((await clerk.get(`/api/cases/${id}`)).json().supplements).toEqual(two.supplements);
  });

  it('refuses the same material twice in one notice', async () => {
    const id = await submit();
    const res = await clerk.post(`/api/cases/${id}/supplement`, { items: [{ materialCode: 'M01', reason: '一' }, { materialCode: 'M01', reason: '二' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
  });
});
