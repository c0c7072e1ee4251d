/** The door of the cases module: what other modules and the composition root may use. */
export { recomputeDueDates } from './dueDates.js';
export { caseRoutes } from './routes.js';
export { hallRoutes } from './hall/routes.js';
export { acceptCase } from './acceptCase.js';
export { submitCase } from './submitCase.js';
export { applyForTheme } from './applyForTheme.js';
export type { MaterialInput } from './service.js';
export { purgeUnattachedUploads, purgeUploadRateWindows } from './uploads.js';
export type { UploadLimits } from './uploads.js';
export { addWindow, addWindowGroup, createHall } from './hall/setupHall.js';
export { markNoShows } from './hall/noShows.js';
export { remindAppointments, type ReminderParams } from './hall/reminders.js';
export { setDocumentLetterhead } from './documents/setDocumentLetterhead.js';
export { renderDocumentPdf } from './documents/render.js';
export { bodyOf, chineseDate as chineseDateForBench, documentNumber, documentTitles, type DocumentContent } from './documents/content.js';
export { documentFonts as documentFontsForBench } from './documents/fonts.js';
export { runDeadlineWatch } from './clock/runDeadlineWatch.js';
export { configureClocks, type ClockSettings } from './clock/settings.js';
// The demo city's cases (src/server/demo/cases.ts) go through the same use cases as the app.
export { approveCase } from './approveCase.js';
export { requestSupplement } from './requestSupplement.js';
export { saveDraft } from './drafts/saveDraft.js';
export { storeUpload } from './uploads.js';
export { startSpecialProcedure } from './clock/startSpecialProcedure.js';
export { watchDeadlines } from './clock/watchDeadlines.js';
export { clockDates, colourOn } from './clock/dates.js';
export { bookAppointment } from './hall/bookAppointment.js';
export { listSlots } from './hall/readAppointments.js';
