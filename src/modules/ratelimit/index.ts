/** Shared rate-limit counters (PostgreSQL or PGlite): the door for the HTTP layer and the jobs. */
export { counterKey, countHit, purgeEndedWindows, readHits, type WindowCount } from './counters.js';
