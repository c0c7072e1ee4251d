import { existsSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database } from '../../db/client.js';

export function pgliteFolder(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

export function hasPgliteData(dataDir: string): boolean {
  return existsSync(path.join(pgliteFolder(dataDir), 'PG_VERSION'));
}

/**
 * Opens an existing embedded database for a one-off command (never creates one: a typo in DATA_DIR
 * must not verify or back up a brand-new empty database). Takes the folder lock like the server.
 */
export async function openExistingDataDir(dataDir: string): Promise<Database> {
  if (!hasPgliteData(dataDir)) throw new Error(`There is no database in ${path.resolve(dataDir)} (set DATA_DIR, or DATABASE_URL for PostgreSQL).`);
  return openDatabase({ dataDir });
}
