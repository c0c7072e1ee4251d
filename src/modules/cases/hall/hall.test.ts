import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCitizens } from '../../../server/demo/seed.js';
import { completeIdNumber } from '../../../lib/identifiers.js';
import { demoRegistryPeople } from '../../registry/synthetic.js';
import { Client, createTestApp, samplePdf, samplePng, type TestContext } from '../../../test/app.js';

let ctx: TestContext;
let items: { id: string; code: string }[];
beforeAll(async () => {
  ctx = await createTestApp();
  items = (await new Client(ctx.app).get('/api/catalog/items')).json().items;
});
afterAll(() => ctx.close());

const itemId = (code: string) => items.find((i) => i.code === code)!.id;
const NO_CRIMINAL_RECORD = '000120005000'; // public security, level 2
const DIBAO = '000105006000'; // civil affairs, level 3

async function staff(username: string) {
  const c = new Client(ctx.app);
  await c.login(username);
  return c;
}

async function applyNoCriminalRecord(clerk: Client, visitId: string) {
  const up = await clerk.upload('scan.pdf', samplePdf(), 'application/pdf');
  return clerk.post(`/api/hall/visits/${visitId}/cases`, {
    itemId: itemId(NO_CRIMINAL_RECORD),
    form: { purpose: '就业' },
    materials: [{ code: 'M01', uploadId: up.json().id }],
  });
}

describe('the hall window', () => {
  it('checks a walk-in’s ID card, applies for them and accepts at once, recording the hall and the clerk', async () => {
    const clerk = await staff('ga.clerk');
    const { liuYang } = demoRegistryPeople;
    const visit = await clerk.post('/api/hall/visits', { idNumber: liuYang.idNumber, cardChecked: true });
    expect(visit.statusCode).toBe(201);
    expect(visit.json().applicant).toMatchObject({ name: '刘洋', level: 3, newAccount: true });
    expect(visit.json().applicant.maskedIdNumber).toBe(`${liuYang.idNumber.slice(0, 6)}********${liuYang.idNumber.slice(-4)}`);

    const res = await applyNoCriminalRecord(clerk, visit.json().id);
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('accepted');
    const c = (await clerk.get(res.headers.location as string)).json();
    expect(c).toMatchObject({ status: 'accepted', channel: 'hall', applicantName: '刘洋', submittedBy: { name: '公安局窗口' } });
    expect(c.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(c.events.map((e: { action: string; actorName: string }) => [e.action, e.actorName])).toEqual([
      ['submit', '公安局窗口'],
      ['accept', '公安局窗口'],
    ]);

    // The walk-in got an account at level 3 but no password: nobody can sign in as them with one.
    const guess = await new Client(ctx.app).post('/api/auth/login', { username: liuYang.idNumber, password: '!' });
    expect(guess.statusCode).toBe(401);
  });

  it('applies only during the clerk’s own visit, for the clerk’s own department', async () => {
    const gaClerk = await staff('ga.clerk');
    const otherClerk = await staff('mz.clerk');
    const { wangFang } = demoRegistryPeople;
    const visit = (await gaClerk.post('/api/hall/visits', { idNumber: wangFang.idNumber, cardChecked: true })).json();

    const notTheirs = await applyNoCriminalRecord(otherClerk, visit.id);
    expect(notTheirs.statusCode).toBe(409);
    expect(notTheirs.json().code).toBe('HALL_CHECK_NEEDED');
    const noVisit = await applyNoCriminalRecord(gaClerk, '0190f6a0-0000-7000-8000-000000000000');
    expect(noVisit.json().code).toBe('HALL_CHECK_NEEDED');

    const mzVisit = (await otherClerk.post('/api/hall/visits', { idNumber: wangFang.idNumber, cardChecked: true })).json();
    const wrongDept = await applyNoCriminalRecord(otherClerk, mzVisit.id);
    expect(wrongDept.statusCode).toBe(403);

    const unchecked = await gaClerk.post('/api/hall/visits', { idNumber: wangFang.idNumber, cardChecked: false });
    expect(unchecked.statusCode).toBe(400);
    expect(unchecked.json().errors[0].path).toBe('cardChecked');
    const unknown = await gaClerk.post('/api/hall/visits', { idNumber: completeIdNumber('62010220000101888'), cardChecked: true });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('REGISTRY_MISMATCH');

    const citizen = new Client(ctx.app);
    await citizen.login(demoCitizens[0]!.phone);
    expect((await citizen.post('/api/hall/visits', { idNumber: wangFang.idNumber, cardChecked: true })).statusCode).toBe(403);
  });

  it('leaves no submitted case behind when the acceptance at the window fails', async () => {
    const clerk = await staff('ga.clerk');
    const { wangFang } = demoRegistryPeople;
    const visit = (await clerk.post('/api/hall/visits', { idNumber: wangFang.idNumber, cardChecked: true })).json();
    const applicantCases = async () =>
      (await ctx.database.query<{ status: string }>('SELECT status FROM cases WHERE applicant_account_id = $1', [visit.applicant.id])).map((r) => r.status);
    // The database refuses the acceptance (as a lost connection or a failed constraint would), after the submission was written.
    await ctx.database.query(`CREATE FUNCTION test_refuse_accept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.status = 'accepted' THEN RAISE EXCEPTION 'acceptance refused by test'; END IF; RETURN NEW; END $$`);
    await ctx.database.query('CREATE TRIGGER test_refuse_accept BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION test_refuse_accept()');
    try {
      const res = await applyNoCriminalRecord(clerk, visit.id);
      expect(res.statusCode).toBe(500);
      expect(await applicantCases()).toEqual([]);
    } finally {
      await ctx.database.query('DROP TRIGGER test_refuse_accept ON cases');
      await ctx.database.query('DROP FUNCTION test_refuse_accept()');
    }
    const again = await applyNoCriminalRecord(clerk, visit.id);
    expect(again.statusCode).toBe(201);
    expect(await applicantCases()).toEqual(['accepted']);
  });

  it('raises an online account to level 3, which opens level-3 services online', async () => {
    const zhang = demoCitizens[0]!;
    const citizen = new Client(ctx.app);
    await citizen.login(zhang.phone);
    const m1 = (await citizen.upload('id.pdf', samplePdf(), 'application/pdf')).json().id;
    const m2 = (await citizen.upload('auth.png', samplePng(), 'image/png')).json().id;
    const apply = () =>
      citizen.post('/api/cases', {
        itemId: itemId(DIBAO),
        form: { householdSize: 3, monthlyIncome: 1200, reason: '家庭成员患病，收入低于当地低保标准' },
        materials: [
          { code: 'M01', uploadId: m1 },
          { code: 'M02', uploadId: m2 },
        ],
      });
    const before = await apply();
    expect(before.json().code).toBe('LEVEL_TOO_LOW');

    const clerk = await staff('mz.clerk');
    const visit = await clerk.post('/api/hall/visits', { idNumber: zhang.idNumber, cardChecked: true });
    expect(visit.json().applicant).toMatchObject({ name: '张三', level: 3, newAccount: false });
    expect((await citizen.get('/api/auth/me')).json().user.level).toBe(3);
    expect((await apply()).statusCode).toBe(201);
  });
});
