/**
 * Counts the SQL statements the server process sends, so the bench can report round trips per
 * request. On PostgreSQL every `pg` Client query is one round trip (BEGIN and COMMIT included);
 * on PGlite the same statements run in-process, each a call into the database with no network.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from '../src/db/client.js';

let count = 0;
let installed = false;

type Queryable = Pick<PGlite, 'query' | 'exec'> | Pick<Transaction, 'query' | 'exec'>;

function countOn(target: Queryable) {
  for (const name of ['query', 'exec'] as const) {
    const original = (target[name] as (...a: unknown[]) => Promise<unknown>).bind(target);
    (target as Record<string, unknown>)[name] = (...args: unknown[]) => {
      count++;
      return original(...args);
    };
  }
}

export function countStatements(database: Database): void {
  if (installed) return;
  installed = true;
  if (database.kind === 'postgres') {
    const original = pg.Client.prototype.query as (...a: unknown[]) => unknown;
    // pg.Pool#query goes through Client#query too, so each statement is counted once.
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      count++;
      return original.apply(this, args);
    } as typeof pg.Client.prototype.query;
    return;
  }
  const lite = (database.db as unknown as { $client: PGlite }).$client;
  countOn(lite);
  const transaction = lite.transaction.bind(lite);
  lite.transaction = ((fn: (tx: Transaction) => Promise<unknown>) =>
    transaction((tx) => {
      count += 2; // BEGIN and COMMIT (or ROLLBACK)
      countOn(tx);
      return fn(tx);
    })) as PGlite['transaction'];
}

export const statementCount = () => count;
