import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { installKeyring } from '../lib/secretbox.js';
import { loadKeyring } from './keyring.js';
import { migrationVersion } from '../db/client.js';
import { openMigratedDatabase } from './database.js';
import { ensureMasterKeys } from './keyCheck.js';
import { demoAccounts, seedDemo } from './demo/seed.js';
import { coverage, importOverridesFile } from '../modules/calendar/index.js';
import { recomputeDueDates } from '../modules/cases/index.js';
import { sealLegacyIdentifiers } from '../modules/identity/index.js';
import { ensureSearchIndex } from '../modules/catalog/index.js';
import { buildApp } from './app.js';
import { demoClient } from '../modules/oidc/index.js';
import { loadConfig } from './config.js';
import { installRegionData } from './regions.js';
import { platformJobs, startJobs } from './jobs.js';
import { startOpsSocket } from './ops/socket.js';
import { createFileStores } from '../modules/files/index.js';

const config = (() => {
  try {
    const c = loadConfig();
    installRegionData(c);
    return c;
  } catch (err) {
    // A configuration mistake is the operator's to fix: say what, without a stack trace.
    console.error((err as Error).message);
    process.exit(1);
  }
})();

mkdirSync(config.DATA_DIR, { recursive: true });
const keyring = loadKeyring(config);
installKeyring(keyring);
const { database, warnings: databaseWarnings } = await openMigratedDatabase(config);
for (const w of databaseWarnings) console.warn(`WARNING: ${w}`);
const keyCheck = await ensureMasterKeys(database.db, keyring);
if (!keyCheck.ok) {
  // Refuse to start: with the wrong key every sealed read would fail behind a healthy /healthz.
  console.error(`Cannot start: ${keyCheck.message}`);
  await database.close();
  process.exit(1);
}
const files = createFileStores(config, database.db);
// Instances starting together (a rollout) take turns here: one seeds, the next finds it done.
// Older deployments' holiday file: its years become official schedules unless the database has them.
const { sealedLegacy, seeded, searchIndexed, calendarFile } = await database.exclusive(async () => ({
  sealedLegacy: await sealLegacyIdentifiers(database.db),
  seeded: config.SEED_DEMO ? await seedDemo(database, config.NODE_REGION_CODE, { files }) : false,
  // The search index is rebuilt when the builder version it records is not this one's, or it is empty; otherwise one read.
  searchIndexed: await ensureSearchIndex(database.db),
  calendarFile: config.CALENDAR_OVERRIDES_FILE
    ? await importOverridesFile(
        database.db,
        { name: path.basename(config.CALENDAR_OVERRIDES_FILE), content: JSON.parse(readFileSync(config.CALENDAR_OVERRIDES_FILE, 'utf8')) },
        recomputeDueDates,
      )
    : null,
}));
const app = await buildApp({ database, config, files });
const jobs = config.JOBS
  ? await startJobs(database, app.log, {
      jobs: platformJobs(database, app.log, { files, uploadPurgeGraceHours: config.UPLOAD_PURGE_GRACE_HOURS, uploadRateWindowSeconds: config.UPLOAD_RATE_WINDOW_SECONDS }),
    })
  : null;
// PGlite: backups and audit checks ask this process over a socket in DATA_DIR (docs/operations.md).
const ops = database.kind === 'pglite' ? await startOpsSocket(database, config.DATA_DIR, (m) => app.log.warn(m)) : null;

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await jobs?.stop();
  await ops?.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.PORT, host: config.HOST });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.PORT;
const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
const lines = [
  '',
  `Yiwang 一网 is running: ${url}`,
  `  database: ${database.kind}${database.kind === 'pglite' ? ` (${config.DATA_DIR})` : ''}, migration ${await migrationVersion(database)}${seeded ? ', demo data seeded' : ''}`,
  `  API docs: ${url}/api/docs`,
];
const cal = coverage();
if (calendarFile?.imported.length) lines.push(`  holiday schedules loaded from CALENDAR_OVERRIDES_FILE: ${calendarFile.imported.join(', ')}`);
if (calendarFile?.kept.length) lines.push(`  CALENDAR_OVERRIDES_FILE: kept the database's schedules for ${calendarFile.kept.join(', ')} (enter corrections at /admin/calendar)`);
if (cal.warning) {
  const msg = `official holiday data covers ${cal.officialUntil ? `until ${cal.officialUntil} (${cal.daysCovered} days)` : 'nothing from today'}, less than ${cal.warnDays} days ahead: due dates after it are provisional; a platform admin enters the ${cal.nextYear} schedule at ${url}/admin/calendar`;
  lines.push(`  WARNING: ${msg}`);
  app.log.warn({ officialUntil: cal.officialUntil, nextYear: cal.nextYear }, msg);
}
if (searchIndexed) lines.push(`  indexed ${searchIndexed} service items for search`);
if (sealedLegacy) lines.push(`  sealed the ID and phone numbers of ${sealedLegacy} accounts stored readable by an older release`);
if (config.SEED_DEMO) {
  lines.push('  demo accounts (all use the demo password below):');
  for (const a of demoAccounts()) lines.push(`    ${a.role.padEnd(28)} ${a.username}`);
  lines.push(`  demo password: ${demoAccounts()[0]!.password}`);
  if (config.SMS_GATEWAY === 'sandbox') lines.push(`  staff sign in with a second factor: the SMS code appears at ${url}/ops/sms-outbox (sandbox, this machine only)`);
  lines.push(`  OpenID issuer: ${config.PUBLIC_URL?.replace(/\/$/, '') ?? url}/oidc — demo department system: client_id ${demoClient.clientId}, secret ${demoClient.clientSecret} (demo data only; npx tsx examples/department-app/server.ts)`);
}
console.log(lines.join('\n'));
