import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
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
import { usePreparedStatements } from './pglitePrepared.js';

/** No relational-query schema: modules own their tables and query them with the builder (db/ imports no module). */
export type Schema = Record<string, never>;
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
  /**
   * Runs `fn` while holding the platform's start-up lock, so instances starting together migrate
   * and seed one after another (PostgreSQL: a session advisory lock on a connection of its own;
   * PGlite is one process, its folder lock file already keeps others out).
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

/** pg_advisory_lock key of start-up work (migrations, demo seed): any fixed bigint of our own. */
const STARTUP_LOCK_KEY = '7105227001';

// pg returns int8 as string and date as Date by default; make both drivers agree.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client can lose its server (restart, failover); without a listener that error would end the process.
  pool.on('error', (err) => console.error(`PostgreSQL pool: idle client error: ${err.message}`));
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async query(text, params) {
      const r = await pool.query(text, params as unknown[]);
      return r.rows;
    },
    async exclusive(fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1::bigint)', [STARTUP_LOCK_KEY]);
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1::bigint)', [STARTUP_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export async function openPglite(client: PGlite, onClose?: () => void): Promise<Database> {
  usePreparedStatements(client);
  const db = drizzlePglite(client) as unknown as Db;
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
    exclusive: (fn) => fn(),
    async close() {
      await client.close();
      onClose?.();
    },
  };
}

/**
 * PGlite neither locks its folder nor fsyncs: two processes on one folder corrupt it. The lock file
 * names its holder by pid *and* by what makes that pid unique: the host, the boot and the
 * process's start time (/proc/<pid>/stat), plus a random instance id. A pid alone goes stale
 * after a crash and a reboot, when the same number is given to an unrelated process; that lock is
 * taken over instead of blocking start-up for good.
 */
type LockInfo = { pid: number; host: string; bootId: string | null; startTicks: string | null; instance: string; since: string };
export const LOCK_FILE = 'yiwang.lock';

function readProc(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat), Linux only. */
function processStartTicks(pid: number): string | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) is in parentheses and may itself contain spaces or parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

function currentBootId(): string | null {
  return readProc('/proc/sys/kernel/random/boot_id')?.trim() ?? null;
}

function describeProcess(pid: number): string {
  const cmd = readProc(`/proc/${pid}/cmdline`)?.split('\0').filter(Boolean).join(' ');
  return cmd ? `program (${cmd.slice(0, 80)})` : 'program';
}

/** Why a lock no longer holds, or null when its holder may still run. */
function staleReason(raw: string): string | null {
  let lock: Partial<LockInfo>;
  try {
    const parsed = JSON.parse(raw) as unknown;
    // Releases before this one wrote the bare pid.
    lock = typeof parsed === 'number' ? { pid: parsed } : (parsed as Partial<LockInfo>);
  } catch {
    return 'the lock file is unreadable';
  }
  const pid = Number(lock.pid);
  if (!Number.isInteger(pid) || pid <= 0) return 'the lock file names no process';
  if (lock.host !== undefined && lock.host !== hostname()) return null; // cannot look into another machine
  if (lock.bootId && currentBootId() && lock.bootId !== currentBootId()) return 'the machine has restarted since';
  if (pid === process.pid) {
    // Our own pid: only this very process (same start time) holds it, e.g. pid 1 in a restarted container does not.
    const ours = lock.instance !== undefined && (!lock.startTicks || lock.startTicks === processStartTicks(pid));
    return ours ? null : 'it was left by an earlier process with this pid';
  }
  if (!isAlive(pid)) return `process ${pid} is gone`;
  if (lock.startTicks === undefined) {
    // A bare-pid lock: only a Node process can be an older Yiwang.
    const cmd = readProc(`/proc/${pid}/cmdline`);
    if (cmd !== null && !/node|tsx/.test(cmd)) return `pid ${pid} now belongs to an unrelated ${describeProcess(pid)}`;
    return null;
  }
  const ticks = processStartTicks(pid);
  if (lock.startTicks && ticks && ticks !== lock.startTicks) return `pid ${pid} now belongs to an unrelated ${describeProcess(pid)}`;
  return null;
}

function heldMessage(dataDir: string, lockPath: string, raw: string): string {
  let lock: Partial<LockInfo> = {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    lock = typeof parsed === 'number' ? { pid: parsed } : (parsed as Partial<LockInfo>);
  } catch {
    /* handled by staleReason */
  }
  const where = lock.host && lock.host !== hostname() ? ` on host ${lock.host}` : '';
  const since = lock.since ? `, holding it since ${lock.since}` : '';
  return (
    `The data folder ${dataDir} is in use by process ${lock.pid}${where}${since}. PGlite is single-process: stop that process, or use PostgreSQL (DATABASE_URL). ` +
    `If no Yiwang server runs on this folder${where ? ' there' : ''}, delete ${lockPath} and start again.`
  );
}

function takeDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, LOCK_FILE);
  const mine: LockInfo = {
    pid: process.pid,
    host: hostname(),
    bootId: currentBootId(),
    startTicks: processStartTicks(process.pid),
    instance: randomBytes(8).toString('hex'),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      // Exclusive create: of two processes starting at once, only one gets the lock.
      writeFileSync(lockPath, JSON.stringify(mine), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw e;
      const raw = readProc(lockPath);
      if (raw === null) continue;
      const stale = staleReason(raw.trim());
      if (stale === null) throw new Error(heldMessage(dataDir, lockPath, raw.trim()));
      console.warn(`Taking over the stale lock of the data folder ${dataDir}: ${stale}.`);
      rmSync(lockPath, { force: true });
    }
  }
  return () => {
    try {
      if ((JSON.parse(readFileSync(lockPath, 'utf8')) as LockInfo).instance === mine.instance) rmSync(lockPath);
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
