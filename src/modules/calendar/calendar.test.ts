import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, createTestApp, samplePdf, type TestContext } from '../../test/app.js';
import { demoCitizens } from '../../server/demo/seed.js';
import { currentCalendar, installOfficialSchedules } from '../../lib/calendar.js';
import { verifyAuditChain } from '../supervision/audit.js';
import { recomputeDueDates } from '../cases/dueDates.js';
import { coverage, importOverridesFile, refreshCalendar, startCalendarPoll } from './service.js';

let ctx: TestContext;
let residenceId: string;
const RESIDENCE = '000120004000'; // 居住证, public security, promised 10 working days
const citizen = () => new Client(ctx.app);

/** A 2027 notice as the admin types it in (test data shaped like the real notices). */
const notice2027 = {
  sourceNotice: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
  holidays: [
    ...['2027-01-01', '2027-01-02', '2027-01-03'].map((date) => ({ date, name: 'newYear' as const })),
    ...['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => ({ date: `2027-02-${d}`, name: 'springFestival' as const })),
  ],
  workdays: ['2027-02-20'],
};

beforeAll(async () => {
  ctx = await createTestApp();
  const items = (await new Client(ctx.app).get('/api/catalog/items')).json().items as { id: string; code: string }[];
  residenceId = items.find((i) => i.code === RESIDENCE)!.id;
});
afterAll(() => ctx.close());
afterEach(() => vi.useRealTimers());

/** Moves the clock to `day` 10:00 Asia/Shanghai (Date only) and signs in afresh there (sessions expire across the jump). */
async function signedInOn(day: string, who: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${day}T10:00:00+08:00`));
  const c = citizen();
  await c.login(who);
  return c;
}

/** The citizen submits a residence permit application and the public-security clerk accepts it on `day`. */
async function acceptedOn(day: string) {
  vi.useRealTimers();
  const applicant = citizen();
  await applicant.login(demoCitizens[0]!.phone);
  const up = async (name: string) => (await applicant.upload(name, samplePdf(name), 'application/pdf')).json().id as string;
  const res = await applicant.post('/api/cases', {
    itemId: residenceId,
    form: { address: '城关区张掖路 1 号', since: '2025-01-01', basis: 'home' },
    materials: [
      { code: 'M01', uploadId: await up('id.pdf') },
      { code: 'M02', uploadId: await up('lease.pdf') },
    ],
  });
  expect(res.statusCode).toBe(201);
  const clerk = await signedInOn(day, 'ga.clerk');
  const accepted = await clerk.post(`/api/cases/${res.json().id}/accept`, {});
  expect(accepted.statusCode).toBe(200);
  return accepted.json() as { id: string; dueDate: string; dueDateProvisional: boolean };
}

describe('working days after the official data, and the admin entering the next year', () => {
  it('counts the statutory days, flags the date provisional, and recounts open cases when the notice is entered', async () => {
    // Accepted Monday 2026-12-21, 10 working days: 12-22…12-31 are 8, 2027-01-01 (元旦) is off, then 01-04, 01-05.
    const a = await acceptedOn('2026-12-21');
    expect(a.dueDate).toBe('2027-01-05');
    expect(a.dueDateProvisional).toBe(true);
    // Shown to the applicant in "my cases" and to the clerk in the department list.
    const zhang = await signedInOn('2026-12-22', demoCitizens[0]!.phone);
    const mine = (await zhang.get('/api/cases')).json().items as { id: string; dueDateProvisional: boolean; workingDaysLeft: number }[];
    expect(mine.find((c) => c.id === a.id)).toMatchObject({ dueDateProvisional: true, workingDaysLeft: 9 }) // 12-23 … 12-31, 01-04, 01-05;
    const clerk = await signedInOn('2026-12-22', 'ga.clerk');
    const dept = (await clerk.get('/api/cases?scope=department')).json().items as { id: string; dueDateProvisional: boolean }[];
    expect(dept.find((c) => c.id === a.id)?.dueDateProvisional).toBe(true);
    const early = await signedInOn('2026-12-22', 'zwfw.platform_admin');
    expect((await early.get('/api/admin/calendar')).json()).toMatchObject({ today: '2026-12-22', officialUntil: '2026-12-31', daysCovered: 9, warning: true, nextYear: 2027 });

    // Accepted Monday 2027-02-01: 02-02…02-04, [除夕 02-05 … 初三 02-08 off], 02-09 … 02-17.
    const b = await acceptedOn('2027-02-01');
    expect(b).toMatchObject({ dueDate: '2027-02-17', dueDateProvisional: true });

    const admin = await signedInOn('2027-02-01', 'zwfw.platform_admin');
    expect((await admin.get('/api/admin/calendar')).json()).toMatchObject({ officialUntil: null, warning: true, nextYear: 2027 });
    const draft = (await admin.get('/api/admin/calendar/years/2027')).json();
    expect(draft.source).toBe('provisional');
    expect(draft.holidays.map((h: { date: string }) => h.date)).toContain('2027-02-08');

    const put = await admin.request('PUT', '/api/admin/calendar/years/2027', notice2027);
    expect(put.statusCode).toBe(200);
    expect(put.json().recomputedCases).toBe(1); // a's count is unchanged (01-04 and 01-05 stay working days)
    expect(put.json().schedule).toMatchObject({ source: 'entered', origin: 'admin', enteredBy: expect.any(String) });

    // 02-02…02-04, [02-05 … 02-13 off], 02-15 … 02-19, 02-20 (Saturday, make-up), 02-22.
    const zhangLater = await signedInOn('2027-02-01', demoCitizens[0]!.phone);
    const bNow = (await zhangLater.get(`/api/cases/${b.id}`)).json();
    expect(bNow.dueDate).toBe('2027-02-22');
    expect(bNow.dueDateProvisional).toBe(false);
    expect(bNow.events.at(-1)).toMatchObject({ action: 'due_recomputed', detail: { from: '2027-02-17', to: '2027-02-22' } });
    const aNow = (await zhangLater.get(`/api/cases/${a.id}`)).json();
    expect(aNow).toMatchObject({ dueDate: '2027-01-05', dueDateProvisional: false });

    const after = (await admin.get('/api/admin/calendar')).json();
    expect(after).toMatchObject({ officialUntil: '2027-12-31', warning: false, nextYear: 2028 });
    expect(after.years.find((y: { year: number }) => y.year === 2027)).toMatchObject({ source: 'entered', holidayCount: 12, workdayCount: 1 });

    const audit = await ctx.database.query<{ action: string; detail: { year?: number; cases?: { to: string }[] } }>(
      `SELECT action, detail FROM audit_events WHERE action IN ('calendar.schedule_entered', 'case.due_recomputed') ORDER BY seq`,
    );
    expect(audit.map((e) => e.action)).toEqual(['case.due_recomputed', 'calendar.schedule_entered']);
    expect(audit[0]!.detail.cases).toEqual([expect.objectContaining({ to: '2027-02-22' })]);
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });

  it('refuses a schedule with dates outside the year or a weekday as make-up day, and changes nothing', async () => {
    const admin = await signedInOn('2027-02-02', 'zwfw.platform_admin');
    admin.lang = 'en';
    const version = currentCalendar().version;
    const res = await admin.request('PUT', '/api/admin/calendar/years/2028', {
      sourceNotice: 'test',
      holidays: [{ date: '2027-12-31', name: 'newYear' }, { date: '2028-01-01', name: 'newYear' }, { date: '2028-01-01', name: 'newYear' }],
      workdays: ['2028-01-05'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([
      { path: 'holidays.0.date', message: 'The date must lie in 2028.' },
      { path: 'holidays.2.date', message: 'This date is already listed.' },
      { path: 'workdays.0', message: 'A make-up working day is a Saturday or Sunday.' },
    ]);
    expect((await admin.get('/api/admin/calendar/years/2028')).json().source).toBe('provisional');
    expect(currentCalendar().version).toBe(version);
  });

  it('is for platform admins only', async () => {
    for (const who of ['ga.admin', 'ga.clerk', demoCitizens[0]!.phone]) {
      const c = await signedInOn('2027-02-02', who);
      expect((await c.get('/api/admin/calendar')).statusCode, who).toBe(403);
      expect((await c.request('PUT', '/api/admin/calendar/years/2029', { ...notice2027, holidays: [{ date: '2029-01-01', name: 'newYear' }], workdays: [] })).statusCode, who).toBe(403);
    }
  });

  it('an instance that has not seen an entry yet counts a new due date on the committed calendar, and its poll catches up', async () => {
    const version = currentCalendar().version;
    expect(version).toBeGreaterThan(0);
    // This process now holds what another instance would before its next poll: no 2027 schedule.
    installOfficialSchedules([], 0);
    // From Wednesday 02-03: 02-04, [02-05 … 02-14], 02-15 … 02-19, 02-20 (make-up), 02-22 … 02-24 — not the provisional 02-19.
    const c = await acceptedOn('2027-02-03');
    expect(c).toMatchObject({ dueDate: '2027-02-24', dueDateProvisional: false });
    expect(currentCalendar().version).toBe(version);

    installOfficialSchedules([], 0);
    expect(await refreshCalendar(ctx.database.db)).toBe(true);
    expect(await refreshCalendar(ctx.database.db)).toBe(false);
    installOfficialSchedules([], 0);
    vi.useRealTimers();
    const stop = startCalendarPoll(ctx.database.db, 20, (e) => {
      throw e;
    });
    try {
      await vi.waitFor(() => expect(currentCalendar().version).toBe(version), { timeout: 5000, interval: 20 });
    } finally {
      stop();
    }
    expect(currentCalendar().isWorkingDay('2027-02-20')).toBe(true);
  });

  it('loads CALENDAR_OVERRIDES_FILE years into the database once, never over what is there', async () => {
    const first = await importOverridesFile(ctx.database.db, { name: 'holidays-2028.json', content: { holidays: ['2028-01-01', '2028-01-26'], workdays: ['2027-02-27'] } }, recomputeDueDates);
    expect(first).toEqual({ imported: [2028], kept: [2027] }); // 2027 was entered by the admin above
    const y = await ctx.database.query<{ origin: string; source_notice: string }>(`SELECT origin, source_notice FROM official_schedules WHERE year = 2028`);
    expect(y[0]).toEqual({ origin: 'file', source_notice: 'CALENDAR_OVERRIDES_FILE holidays-2028.json' });
    expect(currentCalendar().isWorkingDay('2028-01-26')).toBe(false);
    expect(currentCalendar().isProvisional('2028-06-01')).toBe(false);
    const again = await importOverridesFile(ctx.database.db, { name: 'holidays-2028.json', content: { holidays: ['2028-01-27'] } }, recomputeDueDates);
    expect(again).toEqual({ imported: [], kept: [2028] });
    expect(currentCalendar().isWorkingDay('2028-01-27')).toBe(true);
  });

  it('warns when official data covers fewer than 90 days ahead', () => {
    expect(coverage(new Date('2027-10-01T00:00:00+08:00'))).toMatchObject({ officialUntil: '2028-12-31', warning: false });
    installOfficialSchedules([], 0);
    expect(coverage(new Date('2026-12-01T00:00:00+08:00'))).toMatchObject({ officialUntil: '2026-12-31', daysCovered: 30, warning: true });
    expect(coverage(new Date('2026-09-01T00:00:00+08:00'))).toMatchObject({ daysCovered: 121, warning: false });
    expect(coverage(new Date('2027-03-01T00:00:00+08:00'))).toMatchObject({ officialUntil: null, warning: true, nextYear: 2027 });
  });
});
