import { afterEach, describe, it, expect } from 'vitest';
import {
  addWorkingDays,
  calendarCoverage,
  clearCalendarOverrides,
  isWorkingDay,
  loadCalendarOverrides,
  shanghaiDate,
  workingDaysBetween,
} from './calendar.js';

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
    expect(isWorkingDay('2027-02-08')).toBe(true); // Monday
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
