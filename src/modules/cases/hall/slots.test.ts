import { describe, expect, it } from 'vitest';
import { slotsOn } from './slots.js';

const hours = [
  { from: '09:00', to: '12:00' },
  { from: '13:30', to: '17:30' },
];

describe('appointment slots on the working-day calendar', () => {
  it('has no slots on a holiday or an ordinary weekend, and opens on a make-up working day', () => {
    expect(slotsOn('2026-10-01', hours, 30)).toEqual([]); // 国庆节
    expect(slotsOn('2026-09-19', hours, 30)).toEqual([]); // an ordinary Saturday
    const makeUp = slotsOn('2026-09-20', hours, 30); // Sunday, a 调休 make-up working day
    expect(makeUp).toHaveLength(6 + 8);
    expect(makeUp[0]!.start.toISOString()).toBe('2026-09-20T01:00:00.000Z'); // 09:00 in Shanghai
    expect(makeUp[5]!.end.toISOString()).toBe('2026-09-20T04:00:00.000Z'); // the morning ends at 12:00
    expect(makeUp[6]!.start.toISOString()).toBe('2026-09-20T05:30:00.000Z'); // the afternoon opens at 13:30
    expect(slotsOn('2026-10-09', hours, 30)).toHaveLength(14); // the Friday after the holiday
  });

  it('leaves out a last slot that would run past the period’s end', () => {
    expect(slotsOn('2026-09-21', [{ from: '09:00', to: '10:40' }], 30).map((s) => s.end.toISOString())).toEqual([
      '2026-09-21T01:30:00.000Z',
      '2026-09-21T02:00:00.000Z',
      '2026-09-21T02:30:00.000Z',
    ]);
  });
});
