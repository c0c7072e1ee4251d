/**
 * Node settings of the clocks, set once at start-up from the configuration (ACCEPTANCE_LIMIT_DAYS,
 * SUPPLEMENT_DEADLINE_DAYS).
 *
 * - 受理时限: the catalogue has no acceptance limit per implementation and STANDARDS.md names none,
 *   so it is one node setting, 5 working days by default (the common provincial rule: accept, reject
 *   or notify what is missing within five working days of receiving the application — cf.
 *   《行政许可法》第三十二条, which asks for a one-time notice within five days).
 * - 补正期限: the clerk may set it per notice; by default 30 working days (a node setting; national
 *   law sets no single value, provinces use 15–60 days — *unconfirmed*, hence configurable).
 */
export type ClockSettings = { acceptanceLimitDays: number; supplementDeadlineDays: number };

const defaults: ClockSettings = { acceptanceLimitDays: 5, supplementDeadlineDays: 30 };
let current: ClockSettings = defaults;

export function configureClocks(settings: Partial<ClockSettings>): void {
  current = { ...defaults, ...settings };
}

export function clockSettings(): ClockSettings {
  return current;
}
