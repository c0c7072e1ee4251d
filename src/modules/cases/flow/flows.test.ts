import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { Client, createTestApp, samplePdf, type TestContext } from '../../../test/app.js';
import { createDepartment, createItem, createPerson, createStaff, signIn, type TestDepartment, type TestPerson, type TestStaff } from '../../../test/factories.js';
import type { FlowStep } from '../../catalog/index.js';
import { auditEvents } from '../../supervision/tables.js';
import { approvalQueueQuery } from '../service.js';
import { caseTaskDecisions, caseTasks } from '../tables.js';

/** The clock's actions (特别程序, 延期) stay the department's approvers' throughout approval: clock/clock.test.ts tests them. */
const withoutClock = (actions: string[]) => actions.filter((a) => !a.startsWith('special_') && !a.startsWith('extension_'));

/**
 * Approval flows (审批流程) as the case's version defines them: serial steps, a parallel step across
 * two departments (并联审批), a countersignature (会签), returns (退回), and who may act when.
 */
let ctx: TestContext;
let own: TestDepartment;
let part: TestDepartment;
let other: TestDepartment;
let citizenAccount: TestPerson;
const s: Record<string, TestStaff> = {};
const t = (zh: string, en: string) => ({ zh, en });

const flowOf = (partCode: string): FlowStep[] => [
  {
    parallel: {
      name: t('联合审查', 'Joint review'),
      tasks: [
        { department: null, role: 'approver', name: t('市场监管审查', 'Market review'), mode: 'single' },
        { department: partCode, role: 'approver', name: t('卫生审查', 'Health review'), mode: 'single' },
      ],
    },
  },
  { task: { department: null, role: 'approver', name: t('集体会签', 'Countersignature'), mode: 'countersign', count: 2 } },
];

beforeAll(async () => {
  ctx = await createTestApp();
  const { db } = ctx.database;
  own = await createDepartment(db);
  part = await createDepartment(db);
  other = await createDepartment(db);
  s.clerk = await createStaff(db, own.id, ['clerk']);
  s.own1 = await createStaff(db, own.id, ['approver'], { name: '审批甲' });
  s.own2 = await createStaff(db, own.id, ['approver'], { name: '审批乙' });
  s.part = await createStaff(db, part.id, ['approver'], { name: '卫健审批' });
  s.other = await createStaff(db, other.id, ['approver']);
  citizenAccount = await createPerson(db);
});
afterAll(() => ctx.close());

async function as(who: keyof typeof s | 'citizen') {
  return who === 'citizen' ? signIn(ctx.app, citizenAccount) : signIn(ctx.app, s[who]!);
}

/** A case of an item with this flow, applied for and accepted: in its first step. */
async function acceptedCase(flow: FlowStep[] | undefined) {
  const item = await createItem(ctx.database.db, own.id, flow ? { flow } : {});
  const citizen = await as('citizen');
  const upload = (await citizen.upload('id.pdf', samplePdf('flow'), 'application/pdf')).json().id;
  const res = await citizen.post('/api/cases', { itemId: item.id, form: { purpose: '开店' }, materials: [{ code: 'M01', uploadId: upload }] });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  expect((await (await as('clerk')).post(`/api/cases/${id}/accept`, {})).statusCode).toBe(200);
  return id;
}

describe('the flow definition', () => {
  const bad = async (flow: unknown) => {
    try {
      await createItem(ctx.database.db, own.id, { flow: flow as FlowStep[] });
    } catch (e) {
      return (e as { fieldIssues: { path: string; code: string }[] }).fieldIssues;
    }
    throw new Error('accepted');
  };

  it('refuses an unknown department, an empty group and a countersignature of one, each on its field', async () => {
    const task = { department: null, role: 'approver', name: t('审批', 'Approval'), mode: 'single' };
    expect(await bad([{ task: { ...task, department: 'NO-SUCH-DEPT' } }])).toEqual([expect.objectContaining({ path: 'flow.0.task.department', code: 'FLOW_DEPARTMENT_UNKNOWN' })]);
    expect(await bad([{ parallel: { name: t('并联', 'Parallel'), tasks: [] } }])).toEqual([expect.objectContaining({ path: 'flow.0.parallel.tasks', code: 'FLOW_GROUP_EMPTY' })]);
    expect(await bad([{ task }, { task: { ...task, mode: 'countersign', count: 1 } }])).toEqual([expect.objectContaining({ path: 'flow.1.task.count', code: 'FLOW_COUNTERSIGN_TOO_FEW' })]);
    expect(await bad([{ parallel: { name: t('并联', 'Parallel'), tasks: [task, task] } }])).toEqual([expect.objectContaining({ path: 'flow.0.parallel.tasks.1.department', code: 'FLOW_DEPARTMENT_REPEATED' })]);
  });

  it('keeps an item without a flow on the single approval step of its department', async () => {
    const id = await acceptedCase(undefined);
    const approver = await as('own1');
    const seen = (await approver.get(`/api/cases/${id}`)).json();
    expect(seen.flow.steps).toEqual([expect.objectContaining({ step: 1, name: '审批', parallel: false, state: 'open' })]);
    expect(withoutClock(seen.allowedActions)).toEqual(['approve', 'deny', 'return', 'transfer_task']);
    const done = await approver.post(`/api/cases/${id}/approve`, { opinion: '同意' });
    expect(done.json().status).toBe('completed');
    // Approving twice: the case is completed.
    const twice = await approver.post(`/api/cases/${id}/approve`, { opinion: '同意' });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'ILLEGAL_TRANSITION']);
  });
});

describe('a parallel step across two departments, then a countersignature', () => {
  let id: string;
  beforeAll(async () => {
    id = await acceptedCase(flowOf(part.code));
  });

  it('puts the case in both departments’ approval queues with the step and who has decided', async () => {
    for (const who of ['own1', 'part'] as const) {
      const row = (await (await as(who)).get('/api/cases?scope=approval')).json().items.find((c: { id: string }) => c.id === id);
      expect(row.approval).toEqual({ step: 1, stepName: '联合审查', parallel: true, departments: [{ name: own.name.zh, decided: false }, { name: part.name.zh, decided: false }] });
    }
    expect((await (await as('other')).get('/api/cases?scope=approval')).json().items.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('lets an unrelated department not even learn the case exists', async () => {
    const res = await (await as('other')).get(`/api/cases/${id}`);
    expect(res.statusCode).toBe(404);
    expect((await (await as('other')).post(`/api/cases/${id}/approve`, { opinion: '同意' })).statusCode).toBe(404);
  });

  it('waits for every department of the parallel step, each writing its own opinion', async () => {
    const health = await as('part');
    const afterPart = (await health.post(`/api/cases/${id}/approve`, { opinion: '卫生条件符合要求' })).json();
    expect(afterPart.status).toBe('accepted');
    expect(afterPart.flow.steps[0].tasks.map((x: { status: string }) => x.status)).toEqual(['open', 'agreed']);
    // The participant still reads the case, but has nothing left to do on it.
    expect(withoutClock(afterPart.allowedActions)).toEqual([]);
    const market = await as('own1');
    const afterOwn = (await market.post(`/api/cases/${id}/approve`, { opinion: '经营场所符合要求' })).json();
    expect(afterOwn.status).toBe('accepted');
    expect(afterOwn.flow.steps.map((x: { state: string }) => x.state)).toEqual(['agreed', 'open']);
    expect(afterOwn.approval).toMatchObject({ step: 2, stepName: '集体会签', parallel: false });
    const history = afterOwn.events.filter((e: { action: string }) => e.action === 'approve');
    expect(history.map((e: { actorName: string; departmentName: string; note: string }) => [e.actorName, e.departmentName, e.note])).toEqual([
      ['卫健审批', part.name.zh, '卫生条件符合要求'],
      ['审批甲', own.name.zh, '经营场所符合要求'],
    ]);
  });

  it('refuses a return to the running step or a later one', async () => {
    const res = await (await as('own1')).post(`/api/cases/${id}/return`, { to: 2, reason: '再看看' });
    expect([res.statusCode, res.json().code]).toEqual([422, 'RETURN_TARGET']);
  });

  it('needs two different approvers for the countersignature: the same person twice is refused', async () => {
    const first = await as('own1');
    const signed = (await first.post(`/api/cases/${id}/approve`, { opinion: '同意' })).json();
    expect(signed.status).toBe('accepted');
    // Their part is done: no buttons, and a second signature is refused.
    expect([signed.flow.myTaskId, withoutClock(signed.allowedActions)]).toEqual([null, []]);
    const again = await first.post(`/api/cases/${id}/approve`, { opinion: '同意' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'ALREADY_DECIDED']);
    const done = (await (await as('own2')).post(`/api/cases/${id}/approve`, { opinion: '同意颁发' })).json();
    expect(done.status).toBe('completed');
    expect(done.flow.steps[1].tasks[0].decisions.map((d: { by: string }) => d.by)).toEqual(['审批甲', '审批乙']);
    // The participating department still reads the finished case; the unrelated one does not.
    expect((await (await as('part')).get(`/api/cases/${id}`)).statusCode).toBe(200);
    expect((await (await as('other')).get(`/api/cases/${id}`)).statusCode).toBe(404);
  });

  it('writes every decision to the audit log with the person', async () => {
    const rows = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(rows.filter((r) => r.action === 'case.approve')).toHaveLength(4);
  });
});

describe('returns and denials', () => {
  it('returns to an earlier step (its tasks reopen, the later step’s are discarded) and to intake', async () => {
    const id = await acceptedCase(flowOf(part.code));
    await (await as('part')).post(`/api/cases/${id}/approve`, { opinion: '同意' });
    await (await as('own1')).post(`/api/cases/${id}/approve`, { opinion: '同意' });
    const back = await (await as('own2')).post(`/api/cases/${id}/return`, { to: 1, reason: '卫生意见需补充说明' });
    expect(back.statusCode).toBe(200);
    const seen = back.json();
    expect(seen.status).toBe('accepted');
    expect(seen.flow.steps.map((x: { state: string }) => x.state)).toEqual(['open', 'pending']);
    expect(seen.flow.steps[0].tasks.map((x: { status: string }) => x.status)).toEqual(['open', 'open']);
    expect(seen.events.at(-1)).toMatchObject({ action: 'return', note: '卫生意见需补充说明', actorName: '审批乙', departmentName: own.name.zh });
    // The health department decides again.
    expect((await (await as('part')).get(`/api/cases/${id}`)).json().allowedActions.filter((a: string) => !a.startsWith('special_') && !a.startsWith('extension_'))).toEqual(['approve', 'deny', 'return', 'transfer_task']);

    const intake = (await (await as('part')).post(`/api/cases/${id}/return`, { to: 'intake', reason: '材料需窗口重新核对' })).json();
    expect(intake.status).toBe('submitted');
    expect(intake.flow.steps.map((x: { state: string }) => x.state)).toEqual(['pending', 'pending']);
    const clerk = await as('clerk');
    expect((await clerk.get('/api/cases?scope=intake')).json().items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await clerk.post(`/api/cases/${id}/accept`, {})).json().flow.steps[0].state).toBe('open');
  });

  it('denies the case when one department disagrees; approving after that is refused', async () => {
    const id = await acceptedCase(flowOf(part.code));
    const denied = (await (await as('part')).post(`/api/cases/${id}/deny`, { opinion: '卫生条件不符合要求' })).json();
    expect(denied.status).toBe('denied');
    expect(denied.flow.steps[0].tasks.map((x: { status: string }) => x.status)).toEqual(['discarded', 'disagreed']);
    const late = await (await as('own1')).post(`/api/cases/${id}/approve`, { opinion: '同意' });
    expect([late.statusCode, late.json().code]).toEqual([409, 'ILLEGAL_TRANSITION']);
  });

  it('lets exactly one of two approvers of the same task win when they decide at once', async () => {
    const id = await acceptedCase([
      { task: { department: null, role: 'approver', name: t('初审', 'First review'), mode: 'single' } },
      { task: { department: null, role: 'approver', name: t('复审', 'Second review'), mode: 'single' } },
    ]);
    const [a, b] = [await as('own1'), await as('own2')];
    const taskId = (await a.get(`/api/cases/${id}`)).json().flow.myTaskId;
    const results = await Promise.all([a.post(`/api/cases/${id}/approve`, { opinion: '甲同意', taskId }), b.post(`/api/cases/${id}/approve`, { opinion: '乙同意', taskId })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('TASK_CLOSED');
    const decisions = await ctx.database.db.select().from(caseTaskDecisions).where(eq(caseTaskDecisions.taskId, taskId));
    expect(decisions).toHaveLength(1);
    // The loser's click did not land on the next step.
    const open = await ctx.database.db.select().from(caseTasks).where(eq(caseTasks.caseId, id));
    expect(open.filter((x) => x.status === 'open').map((x) => x.step)).toEqual([1]);
  });
});

describe('the approval queue', () => {
  it('is one range of the open-task index', async () => {
    const q = approvalQueueQuery(ctx.database.db, [own.id], { limit: 20 }, 21)!.toSQL();
    const plan = await ctx.database.db.transaction(async (tx) => {
      // A test database is small: forbid the table scans the planner would rightly prefer here.
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      const rows = await tx.execute(sql.raw(`EXPLAIN ${inline(q.sql, q.params)}`));
      return (rows as unknown as { rows: { 'QUERY PLAN': string }[] }).rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('case_tasks_open_queue_idx');
    expect(plan).not.toMatch(/Sort|Seq Scan/);
  });
});

/** The statement with its parameters written in (EXPLAIN takes no bind parameters on every driver). */
function inline(text: string, params: unknown[]) {
  return text.replace(/\$(\d+)/g, (_, i) => {
    const v = params[Number(i) - 1];
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}
