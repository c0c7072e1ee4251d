/** The calendar module's door: official year schedules and this instance's copy of the calendar. */
export { calendarRoutes } from './routes.js';
export {
  COVERAGE_WARN_DAYS,
  calendarForWrite,
  coverage,
  importOverridesFile,
  loadCalendar,
  refreshCalendar,
  type CalendarChange,
  type OnCalendarChange,
} from './service.js';
