import { hasPendingMigrations, migrateDatabase, openDatabase, openPostgres, type Database } from '../db/client.js';
import { checkRoleSeparation, grantApplicationRole } from '../db/roles.js';
import type { Config } from './config.js';

/**
 * Opens the application's database and brings it up to date. On PostgreSQL with
 * DATABASE_OWNER_URL the owner role migrates and grants the application role (DATABASE_URL) what
 * it needs. Without it, pending migrations run with the application role as before; an instance
 * of an already-separated deployment finds none pending and needs no owner password. Either way
 * the caller is warned when the application role could rewrite the audit log.
 */
export async function openMigratedDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_OWNER_URL' | 'DATA_DIR'>,
): Promise<{ database: Database; warnings: string[] }> {
  if (!config.DATABASE_URL) {
    if (config.DATABASE_OWNER_URL) throw new Error('DATABASE_OWNER_URL needs DATABASE_URL (the application role).');
    const database = await openDatabase({ dataDir: config.DATA_DIR });
    try {
      await migrateDatabase(database);
    } catch (e) {
      await database.close();
      throw e;
    }
    return { database, warnings: [] };
  }
  const warnings: string[] = [];
  const database = await openPostgres(config.DATABASE_URL);
  try {
    // Instances starting together (a rollout) migrate one after another: without the lock the
    // second fails on objects the first just created (an advisory lock is per database, whatever
    // the role, so the owner's connection is covered by the application role's lock).
    await database.exclusive(async () => {
      if (config.DATABASE_OWNER_URL) {
        const owner = await openPostgres(config.DATABASE_OWNER_URL, 1);
        try {
          await migrateDatabase(owner);
          const [me] = await database.query<{ role: string }>('SELECT current_user AS role');
          await grantApplicationRole(owner, me!.role);
        } finally {
          await owner.close();
        }
      } else if (await hasPendingMigrations(database)) {
        await migrateDatabase(database).catch((e: Error & { cause?: Error }) => {
          const why = (e.cause ?? e).message;
          throw new Error(/permission denied|must be owner/.test(why) ? `Migrations need the owner role: set DATABASE_OWNER_URL (${why}).` : why);
        });
      }
    });
    const separation = await checkRoleSeparation(database);
    if (!separation.separated) {
      warnings.push(
        `${separation.why}, so anyone with its password can rewrite the audit log. Run migrations as a separate owner role (DATABASE_OWNER_URL) and give the application role only what it needs: see docs/operations.md.`,
      );
    }
    return { database, warnings };
  } catch (e) {
    await database.close();
    throw e;
  }
}
