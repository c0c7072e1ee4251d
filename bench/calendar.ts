/**
 * `npx tsx bench/calendar.ts`: working-day arithmetic on the day index against the day-by-day
 * walk it replaced, for what a staff list does per response: "working days left" and the
 * provisional flag for 200 cases accepted over the last two years (issue 7, point 21).
 * Also the time to build one calendar version (done at start and when a schedule is entered).
 */
import { currentCalendar, installOfficialSchedules, WorkingCalendar } from '../src/lib/calendar.js';

const cal = installOfficialSchedules([], 0);
const today = '2026-12-01';
const rows = Array.from({ length: 200 }, (_, i) => {
  const accepted = new Date(Date.UTC(2024, 11, 1) + i * 3.6 * 86_400_000).toISOString().slice(0, 10);
  return { accepted, due: cal.addWorkingDays(accepted, 20) };
});

function time(label: string, reps: number, fn: () => void) {
  fn();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) fn();
  const ms = (performance.now() - t0) / reps;
  console.log(`${label.padEnd(52)} ${ms.toFixed(3).padStart(9)} ms`);
  return ms;
}

const walk = time('200-case list, day-by-day walk', 5, () => {
  for (const r of rows) cal.walkBetween(today, r.due);
});
const fast = time('200-case list, day index (days left + provisional)', 500, () => {
  const c = currentCalendar();
  for (const r of rows) {
    c.workingDaysBetween(today, r.due);
    c.anyProvisional(r.accepted, r.due);
  }
});
console.log(`${'speed-up'.padEnd(52)} ${(walk / fast).toFixed(0).padStart(9)} ×`);
time('build one calendar version (2000–2099)', 5, () => {
  new WorkingCalendar({ version: 1, entered: [] }).build();
});
