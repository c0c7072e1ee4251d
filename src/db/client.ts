import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction: functions that write take this so callers can compose them. */
export type Executor = Db | Tx;

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL with positional parameters and returns rows (used by pg-boss and benchmarks). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a parameterless multi-statement script; returns the rows of every statement. */
  execScript?(text: string): Promise<Record<string, unknown>[]>;
  /**
   * PGlite only: a consistent gzipped tarball of the data folder, taken inside this process (the
   * folder cannot be opened twice). Queries wait while it is written; a checkpoint first keeps the
   * copy's recovery short.
   */
  dumpDataDir?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

// pg returns int8 as string and date as Date by default; make both drivers agree.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client can lose its server (restart, failover); without a listener that error would end the process.
  pool.on('error', (err) => console.error(`PostgreSQL pool: idle client error: ${err.message}`));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async query(text, params) {
      const r = await pool.query(text, params as unknown[]);
      return r.rows;
    },
    close: () => pool.end(),
  };
}

export async function openPglite(client: PGlite, onClose?: () => void): Promise<Database> {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async query(text, params) {
      const r = await client.query(text, params as unknown[]);
      return r.rows as never[];
    },
    async execScript(text) {
      const results = await client.exec(text);
      return results.flatMap((r) => r.rows as Record<string, unknown>[]);
    },
    async dumpDataDir() {
      await client.query('CHECKPOINT');
      const blob = await client.dumpDataDir('gzip');
      return new Uint8Array(await blob.arrayBuffer());
    },
    async close() {
      await client.close();
      onClose?.();
    },
  };
}

/**
 * PGlite neither locks its folder nor fsyncs: two processes on one folder corrupt it.
 * The lock file holds the owner's pid; a stale lock (dead pid) is taken over.
 */
function takeDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'yiwang.lock');
  if (existsSync(lockPath)) {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The data folder ${dataDir} is in use by process ${pid}. PGlite is single-process: stop that process, or use PostgreSQL (DATABASE_URL).`,
      );
    }
  }
  writeFileSync(lockPath, String(process.pid), { flag: 'w' });
  return () => {
    try {
      if (readFileSync(lockPath, 'utf8').trim() === String(process.pid)) rmSync(lockPath);
    } catch {
      /* already gone */
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  mkdirSync(opts.dataDir, { recursive: true });
  const release = takeDataDirLock(opts.dataDir);
  try {
    const client = await PGlite.create({ dataDir: path.join(opts.dataDir, 'pglite') });
    return await openPglite(client, release);
  } catch (e) {
    release();
    throw e;
  }
}

export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    await migratePg(database.db as never, { migrationsFolder });
  }
}

/** The tag of the newest applied migration (e.g. `0001_audit_chain_head_and_serials`). */
export async function migrationVersion(database: Database): Promise<string> {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; when: number; tag: string }[];
  };
  const rows = await database.query<{ created_at: number | string }>(
    'SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1',
  );
  const last = rows[0] ? Number(rows[0].created_at) : undefined;
  return journal.entries.find((e) => e.when === last)?.tag ?? 'none';
}

/** Whether the journal holds migrations this database has not applied (drizzle compares creation times). */
export async function hasPendingMigrations(database: Database): Promise<boolean> {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  const [t] = await database.query<{ exists: boolean }>("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS exists");
  if (!t?.exists) return journal.entries.length > 0;
  const rows = await database.query<{ last: number | string | null }>('SELECT max(created_at) AS last FROM drizzle.__drizzle_migrations');
  const last = rows[0]?.last == null ? -Infinity : Number(rows[0].last);
  return journal.entries.some((e) => e.when > last);
}
