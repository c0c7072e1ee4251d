/**
 * `npm run audit:verify`: recomputes the audit hash chain and compares it with the chain head.
 * Exit code 0 when intact, 1 when broken (the first break is printed), 2 when it could not check.
 * PostgreSQL: DATABASE_URL (read only). PGlite: DATA_DIR; while the server runs it is asked over
 * its operations socket, otherwise the folder is opened directly.
 */
import { openPostgres } from '../src/db/client.js';
import { describeAuditVerification, verifyAuditChain, type AuditVerification } from '../src/modules/supervision/audit.js';
import { loadConfig } from '../src/server/config.js';
import { openExistingDataDir } from '../src/server/ops/dataDir.js';
import { askRunningServer } from '../src/server/ops/socket.js';

async function verify(): Promise<{ v: AuditVerification; where: string }> {
  const config = loadConfig();
  if (config.DATABASE_URL) {
    const database = await openPostgres(config.DATABASE_URL, 1);
    try {
      return { v: await verifyAuditChain(database.db), where: 'PostgreSQL (DATABASE_URL)' };
    } finally {
      await database.close();
    }
  }
  const answer = await askRunningServer(config.DATA_DIR, { op: 'audit-verify' });
  if (answer) {
    if (!answer.header.ok) throw new Error(answer.header.error);
    if (!('result' in answer.header)) throw new Error('unexpected answer from the server');
    return { v: answer.header.result as AuditVerification, where: `${config.DATA_DIR} (asked the running server)` };
  }
  const database = await openExistingDataDir(config.DATA_DIR);
  try {
    return { v: await verifyAuditChain(database.db), where: config.DATA_DIR };
  } finally {
    await database.close();
  }
}

try {
  const { v, where } = await verify();
  console.log(`Database: ${where}`);
  console.log(describeAuditVerification(v));
  if (!v.ok) {
    console.log(`First break: event ${v.brokenAt ?? '-'} (${v.reason}); ${v.count} events checked before it stopped.`);
    console.log('Keep this database untouched as evidence, compare it with your latest backup, and report the break to the supervisor.');
  }
  process.exit(v.ok ? 0 : 1);
} catch (e) {
  console.error(`Could not verify the audit chain: ${(e as Error).message}`);
  process.exit(2);
}
