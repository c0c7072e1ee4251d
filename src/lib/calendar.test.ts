import { afterEach, describe, it, expect } from 'vitest';
import {
  addWorkingDays,
  calendarCoverage,
  clearCalendarOverrides,
  currentCalendar,
  installOfficialSchedules,
  isProvisional,
  isWorkingDay,
  loadCalendarOverrides,
  shanghaiDate,
  workingDaysBetween,
} from './calendar.js';
import { statutoryHolidays } from './statutoryHolidays.js';

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from + 'T00:00:00Z'); t <= Date.parse(to + 'T00:00:00Z'); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

describe('official 2026 schedule (notice of 2025-11-04)', () => {
  it('make-up working days are working days', () => {
    for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      expect(isWorkingDay(d), d).toBe(true);
    }
  });
  it('Spring Festival 02-15..02-23 is off', () => {
    for (const d of range('2026-02-15', '2026-02-23')) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2026-02-24')).toBe(true);
  });
  it('ordinary weekdays and weekends', () => {
    expect(isWorkingDay('2026-03-10')).toBe(true); // Tuesday
    expect(isWorkingDay('2026-03-14')).toBe(false); // Saturday
    expect(isWorkingDay('2026-10-08')).toBe(true); // Thursday after National Day
  });
});

describe('official 2025 schedule', () => {
  it('National Day 10-01..10-08 off, make-up 09-28 and 10-11 working', () => {
    for (const d of range('2025-10-01', '2025-10-08')) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true);
  });
  it('Spring Festival 01-28..02-04 off, make-up 01-26 and 02-08 working', () => {
    for (const d of range('2025-01-28', '2025-02-04')) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2025-01-26')).toBe(true);
    expect(isWorkingDay('2025-02-08')).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('crosses Spring Festival 2026: 02-13, 02-14 (make-up), 02-24, 02-25, 02-26', () => {
    expect(addWorkingDays('2026-02-12', 1)).toBe('2026-02-13');
    expect(addWorkingDays('2026-02-12', 2)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
  });
  it('crosses National Day 2025', () => {
    // 09-28 (Sun, make-up), 09-29, 09-30, [10-01..10-08 off], 10-09, 10-10, 10-11 (Sat, make-up)
    expect(addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(addWorkingDays('2025-09-26', 3)).toBe('2025-09-30');
    expect(addWorkingDays('2025-09-26', 4)).toBe('2025-10-09');
    expect(addWorkingDays('2025-09-26', 6)).toBe('2025-10-11');
    expect(addWorkingDays('2025-09-26', 7)).toBe('2025-10-13');
  });
  it('N = 0 returns the day itself or the next working day', () => {
    expect(addWorkingDays('2026-02-13', 0)).toBe('2026-02-13');
    expect(addWorkingDays('2026-02-15', 0)).toBe('2026-02-24');
  });
  it('counting starts the next day even from a holiday', () => {
    expect(addWorkingDays('2026-02-15', 1)).toBe('2026-02-24');
  });
  it('rejects bad input', () => {
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-2-3', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-03', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-03', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days in (from, to]', () => {
    expect(workingDaysBetween('2026-02-12', '2026-02-26')).toBe(5);
    expect(workingDaysBetween('2026-02-26', '2026-02-12')).toBe(-5);
    expect(workingDaysBetween('2026-02-12', '2026-02-12')).toBe(0);
    expect(workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
    expect(workingDaysBetween('2025-09-30', '2025-10-09')).toBe(1);
  });
  it('is consistent with addWorkingDays', () => {
    for (const from of ['2025-09-26', '2026-02-12', '2026-01-01', '2026-04-30']) {
      for (const n of [1, 5, 10, 15, 20]) expect(workingDaysBetween(from, addWorkingDays(from, n))).toBe(n);
    }
  });
});

describe('shanghaiDate', () => {
  it('uses Asia/Shanghai', () => {
    expect(shanghaiDate(new Date('2026-01-01T17:00:00Z'))).toBe('2026-01-02');
    expect(shanghaiDate(new Date('2026-01-01T15:59:59Z'))).toBe('2026-01-01');
    expect(shanghaiDate(new Date('2026-01-01T16:00:00Z'))).toBe('2026-01-02');
  });
});

describe('overrides and coverage', () => {
  afterEach(() => clearCalendarOverrides());

  it('package covers 2004–2026', () => {
    expect(calendarCoverage()).toEqual({ firstYear: 2004, lastYear: 2026 });
  });

  it('adds a future year and wins over package data', () => {
    expect(isWorkingDay('2027-02-06')).toBe(false); // Saturday
    expect(isWorkingDay('2027-02-09')).toBe(true); // Tuesday (no notice yet: statutory days only)
    loadCalendarOverrides({ workdays: ['2027-02-06', '2026-02-16'], holidays: ['2027-02-08'] });
    expect(isWorkingDay('2027-02-06')).toBe(true);
    expect(isWorkingDay('2027-02-08')).toBe(false);
    expect(isWorkingDay('2026-02-16')).toBe(true);
    expect(calendarCoverage().lastYear).toBe(2027);
    expect(addWorkingDays('2027-02-05', 1)).toBe('2027-02-06');
    expect(addWorkingDays('2027-02-06', 1)).toBe('2027-02-09');
  });

  it('rejects invalid override data without applying any of it', () => {
    expect(() => loadCalendarOverrides({ workdays: ['2027-02-06', '2027-13-01'] })).toThrow();
    expect(() => loadCalendarOverrides({ workdays: ['2027-02-06'], holidays: ['2027-02-06'] })).toThrow();
    expect(isWorkingDay('2027-02-06')).toBe(false);
  });
});

describe('statutory holidays after the official data (regulation as revised in 2024)', () => {
  afterEach(() => clearCalendarOverrides());

  it('2027 without a notice: 元旦 and 春节 除夕–初三 are days off, and provisional', () => {
    expect(isWorkingDay('2027-01-01')).toBe(false); // Friday, 元旦
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']) expect(isWorkingDay(d), d).toBe(false); // 除夕–初三
    expect(isWorkingDay('2027-02-09')).toBe(true);
    expect(isWorkingDay('2027-04-05')).toBe(false); // 清明 (solar term)
    expect(isWorkingDay('2027-06-09')).toBe(false); // 端午
    expect(isWorkingDay('2027-09-15')).toBe(false); // 中秋
    for (const d of ['2027-10-01', '2027-10-02', '2027-10-03']) expect(isWorkingDay(d), d).toBe(false);
    expect(isWorkingDay('2027-10-04')).toBe(true); // Monday: only three statutory days
    expect(isProvisional('2027-01-04')).toBe(true);
    expect(isProvisional('2026-12-31')).toBe(false);
  });

  it('a due date counted across the new year is provisional and skips 元旦', () => {
    const cal = currentCalendar();
    // 2026-12-30 Wed: 12-31 Thu, [01-01 Fri off, weekend], 01-04 Mon
    expect(cal.dueDate('2026-12-30', 2)).toEqual({ date: '2027-01-04', provisional: true });
    expect(cal.dueDate('2026-12-01', 5)).toEqual({ date: '2026-12-08', provisional: false });
  });

  it('the package lunar and solar-term dates are days off in every official year where they were statutory', () => {
    for (let y = 2004; y <= 2026; y++) {
      const days = [...statutoryHolidays(y)];
      const eve = days.find(([, n]) => n === 'springFestival')![0]; // 除夕 comes first
      for (const [d, name] of days) {
        // The regulation before 2008 had no 清明, 端午, 中秋; 除夕 and 05-02 came back in 2025 (05-02 was a golden-week day before 2008).
        if (y < 2008 && (name === 'qingming' || name === 'dragonBoat' || name === 'midAutumn')) continue;
        if (y < 2025 && (d === eve || (y >= 2008 && d === `${y}-05-02`))) continue;
        expect(isWorkingDay(d), `${y} ${name} ${d}`).toBe(false);
        expect(isProvisional(d)).toBe(false);
      }
    }
  });

  it('gives the same dates in any host time zone (the package formats in local time)', () => {
    const before = process.env.TZ;
    try {
      const inShanghai = (process.env.TZ = 'Asia/Shanghai', [2027, 2028, 2031, 2045].map((y) => [...statutoryHolidays(y).keys()]));
      for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Pago_Pago', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        expect([2027, 2028, 2031, 2045].map((y) => [...statutoryHolidays(y).keys()]), tz).toEqual(inShanghai);
      }
      expect(inShanghai[0]).toEqual([
        '2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-05-01', '2027-05-02',
        '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03',
      ]);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('an entered year replaces the statutory guess and is official', () => {
    // 2026's notice as if entered by an admin for 2027, shifted: what matters is that it wins.
    installOfficialSchedules([{ year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: ['2027-02-20'] }], 7);
    expect(currentCalendar().version).toBe(7);
    expect(isWorkingDay('2027-02-08')).toBe(true); // not listed in this (fictitious) schedule
    expect(isWorkingDay('2027-02-20')).toBe(true); // Saturday, make-up day
    expect(isProvisional('2027-02-08')).toBe(false);
    expect(isProvisional('2028-01-03')).toBe(true);
    expect(currentCalendar().officialUntil('2026-12-01')).toBe('2027-12-31');
  });
});

/** Deterministic PRNG (mulberry32) so a failure names a reproducible case. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the day index gives the same answers as walking the calendar', () => {
  afterEach(() => clearCalendarOverrides());
  const first = Date.UTC(2004, 0, 1);
  const span = (Date.UTC(2030, 11, 31) - first) / 86_400_000;

  function check(seed: number) {
    const cal = currentCalendar();
    const rnd = prng(seed);
    const day = () => new Date(first + Math.floor(rnd() * (span + 1)) * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 300; i++) {
      const a = day();
      const b = day();
      expect(cal.workingDaysBetween(a, b), `between ${a} ${b}`).toBe(cal.walkBetween(a, b));
      const n = Math.floor(rnd() * (i % 10 === 0 ? 400 : 40));
      expect(cal.addWorkingDays(a, n), `add ${a} ${n}`).toBe(cal.walkAdd(a, n));
    }
  }

  it('on the package data and the statutory years (2004–2030)', () => {
    check(20261201);
    check(42);
  });
  it('with an entered 2027 schedule and date overrides', () => {
    installOfficialSchedules([{ year: 2027, holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'], workdays: ['2027-02-20'] }], 1);
    loadCalendarOverrides({ workdays: ['2026-02-16'], holidays: ['2028-03-01'] });
    check(7);
  });
  it('at the edges of the index and beyond it', () => {
    const cal = currentCalendar();
    for (const [a, n] of [['1999-12-30', 3], ['2099-12-30', 5], ['2099-12-31', 0], ['2100-01-02', 0], ['1990-05-01', 10]] as const) {
      expect(cal.addWorkingDays(a, n), `${a} ${n}`).toBe(cal.walkAdd(a, n));
    }
    expect(cal.workingDaysBetween('1999-12-01', '2000-02-01')).toBe(cal.walkBetween('1999-12-01', '2000-02-01'));
    expect(cal.workingDaysBetween('2099-12-01', '2100-02-01')).toBe(cal.walkBetween('2099-12-01', '2100-02-01'));
  });
});
