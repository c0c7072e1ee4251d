import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeIdNumber } from '../../lib/identifiers.js';
import { demoRegistryPeople, syntheticPopulation } from '../registry/synthetic.js';
import { auditEventsFor } from '../supervision/audit.js';
import { Client, createTestApp, samplePdf, type TestContext } from '../../test/app.js';
import { eq } from 'drizzle-orm';
import { accountRoles, accounts, departments } from './tables.js';

let ctx: TestContext;
let items: { id: string; code: string }[];
beforeAll(async () => {
  ctx = await createTestApp();
  items = (await new Client(ctx.app).get('/api/catalog/items')).json().items;
});
afterAll(() => ctx.close());

const NO_CRIMINAL_RECORD = '000120005000'; // level 2
const PASSWORD = 'Lanzhou#2026';

async function register(name: string, idNumber: string, phone: string) {
  const c = new Client(ctx.app);
  const res = await c.post('/api/auth/register', { name, idNumber, phone, password: PASSWORD });
  expect(res.statusCode).toBe(201);
  return { c, user: res.json().user as { id: string; level: number; name: string } };
}

async function applyNoCriminalRecord(c: Client) {
  const up = await c.upload('id.pdf', samplePdf(), 'application/pdf');
  return c.post('/api/cases', {
    itemId: items.find((i) => i.code === NO_CRIMINAL_RECORD)!.id,
    form: { purpose: '就业' },
    materials: [{ code: 'M01', uploadId: up.json().id }],
  });
}

describe('real-name assurance levels', () => {
  it('gives level 2 at registration when name and number match the population registry', async () => {
    const { wangFang } = demoRegistryPeople;
    const { c, user } = await register(wangFang.name, wangFang.idNumber, '13700000001');
    expect(user.level).toBe(2);
    expect((await applyNoCriminalRecord(c)).statusCode).toBe(201);
  });

  it('asks a level-1 applicant to step up, and lets them once the registry agrees', async () => {
    const { liuYang } = demoRegistryPeople;
    // A typo in the name: the registry does not confirm it, the account starts at level 1.
    const { c, user } = await register('刘阳', liuYang.idNumber, '13700000002');
    expect(user.level).toBe(1);
    const refused = await applyNoCriminalRecord(c);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('LEVEL_TOO_LOW');
    expect(refused.json().detail).toBe('该事项需要 L2 级实名认证，您当前为 L1 级。');

    const wrong = await c.post('/api/auth/assurance/registry', { name: '刘阳' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('REGISTRY_MISMATCH');
    expect((await c.get('/api/auth/me')).json().user.level).toBe(1);

    const right = await c.post('/api/auth/assurance/registry', { name: '刘洋' });
    expect(right.statusCode).toBe(200);
    expect(right.json().user).toMatchObject({ level: 2, name: '刘洋' });
    expect((await applyNoCriminalRecord(c)).statusCode).toBe(201);

    const audit = (await auditEventsFor(ctx.database.db, 'account', user.id)).filter((e) => e.action.startsWith('account.'));
    expect(audit.map((e) => e.action)).toEqual(['account.register', 'account.level_check_failed', 'account.level_raised']);
    expect(audit[2]!.detail).toMatchObject({ from: 1, to: 2, how: 'population_registry' });
  });

  it('never confirms a number the registry does not know or lists as deceased', async () => {
    const { chenJianguo } = demoRegistryPeople;
    const dead = await register(chenJianguo.name, chenJianguo.idNumber, '13700000003');
    expect(dead.user.level).toBe(1);
    const r1 = await dead.c.post('/api/auth/assurance/registry', { name: chenJianguo.name });
    expect(r1.json().code).toBe('REGISTRY_MISMATCH');

    const stranger = await register('路人甲', completeIdNumber('62010220000101888'), '13700000004');
    expect(stranger.user.level).toBe(1);
    stranger.c.lang = 'en';
    const r2 = await stranger.c.post('/api/auth/assurance/registry', { name: '路人甲' });
    expect(r2.statusCode).toBe(422);
    expect(r2.json().title).toBe('Real-name check failed');
  });

  it('takes the in-person check for level 3 only from a clerk of a department whose services the hall receives', async () => {
    const db = ctx.database.db;
    const zhaoLei = syntheticPopulation(300)[7]!;
    const { c, user } = await register(zhaoLei.name, zhaoLei.idNumber, '13700000005');
    expect(user.level).toBe(2);
    // A clerk role held where no service is received at a window: the operator's own unit and
    // the city government (the platform admin may grant it there, a department admin in any unit).
    const [supervisor] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'zwfw.supervisor'));
    for (const code of ['ZWFW', 'LZ']) {
      const [dept] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, code));
      await db.insert(accountRoles).values({ accountId: supervisor!.id, role: 'clerk', departmentId: dept!.id });
    }
    const notAWindow = new Client(ctx.app);
    await notAWindow.login('zwfw.supervisor');
    const refused = await notAWindow.post('/api/hall/visits', { idNumber: zhaoLei.idNumber, cardChecked: true });
    expect(refused.statusCode).toBe(403);
    expect((await c.get('/api/auth/me')).json().user.level).toBe(2);

    // The same check by a clerk of a department with services at the window raises the person.
    const window = new Client(ctx.app);
    await window.login('mz.clerk');
    const visit = await window.post('/api/hall/visits', { idNumber: zhaoLei.idNumber, cardChecked: true });
    expect(visit.statusCode).toBe(201);
    expect((await c.get('/api/auth/me')).json().user.level).toBe(3);
  });
});
