/**
 * Node settings of the clocks, set once at start-up from the configuration (ACCEPTANCE_LIMIT_DAYS,
 * SUPPLEMENT_DEADLINE_DAYS, SUPPLEMENT_WARNING_DAYS).
 *
 * - 受理时限: the catalogue has no acceptance limit per implementation and STANDARDS.md names none,
 *   so it is one node setting, 5 working days by default (the common provincial rule: accept, reject
 *   or notify what is missing within five working days of receiving the application — cf.
 *   《行政许可法》第三十二条, which asks for a one-time notice within five days).
 * - 补正期限: the clerk may set it per notice; by default 30 working days (a node setting; national
 *   law sets no single value, provinces use 15–60 days — *unconfirmed*, hence configurable).
 * - 即将超期的补正: the applicant is warned once per notice when its deadline is at most this many
 *   working days away; 3 by default (enough to gather a paper or book a visit; a node setting).
 */
export type ClockSettings = { acceptanceLimitDays: number; supplementDeadlineDays: number; supplementWarningDays: number };

const defaults: ClockSettings = { acceptanceLimitDays: 5, supplementDeadlineDays: 30, supplementWarningDays: 3 };
let current: ClockSettings = defaults;

export function configureClocks(settings: Partial<ClockSettings>): void {
  current = { ...defaults, ...settings };
}

export function clockSettings(): ClockSettings {
  return current;
}
