import { messages, parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

/**
 * Named prepared statements for PGlite.
 *
 * PGlite's `query` parses and plans every statement again (an unnamed Parse each call), and on
 * our short indexed statements planning costs as much as running them. Statements the app runs
 * over and over are therefore parsed once per PGlite instance under a name of ours: PostgreSQL
 * then plans them per execution until it settles on a generic plan (after five), and each call
 * is one protocol exchange (Bind + Execute + Sync) instead of six.
 *
 * Why these rules:
 * - Only DML (SELECT/INSERT/UPDATE/DELETE/WITH/VALUES) whose text has been seen twice is named:
 *   one-off texts and scripts would only fill the cache, and utility statements (DDL, SET,
 *   SAVEPOINT…) are not planned, so naming them saves nothing. `exec` is left as it is.
 * - The cache is bounded (LRU): the texts are code, not data, but a caller building SQL with
 *   inlined values must not make it grow for ever. An evicted statement is Closed in the next
 *   exchange, so the backend's memory is bounded too.
 * - The row description and parameter types come from one Describe at Parse time. Values are
 *   serialized by those types with PGlite's own serializers and rows parsed by PGlite's own
 *   parser, so results, `rowMode`, `parsers` and errors (the same DatabaseError, with query and
 *   params attached) are what `query` gives.
 * - A schema change can change what a statement returns. DDL seen through `query`/`exec` drops
 *   the whole cache; should a named statement still fail with "cached plan must not change
 *   result type" (0A000), it is dropped and, outside a transaction, run once more unnamed (the
 *   error stopped it before it did anything). Inside a transaction that error has already
 *   aborted the transaction, as any failing statement does, so it is passed on.
 * - PGlite runs one query at a time: every exchange runs under its own query mutex
 *   (`_runExclusiveQuery`), and outside transactions under its transaction mutex too, exactly as
 *   `query` does. A transaction already holds the transaction mutex, so its statements take only
 *   the query mutex (taking the other would deadlock).
 * - Every exchange that started a statement ends with Sync, also when it fails, so the backend is
 *   never left waiting in the middle of the extended protocol.
 *
 * The PGlite instance itself gets the new `query`/`transaction`/`exec`: drizzle, raw queries and
 * anyone holding `db.$client` all go through it, and a wrapper object would break PGlite's
 * private fields (methods called with a different `this`).
 */

const { serialize } = protocol;
const DML = /^\s*\(?\s*(select|insert|update|delete|with|values)\b/i;
const DDL_START = /^\s*(create|alter|drop)\b/i;
const DDL_ANYWHERE = /\b(create|alter|drop)\b/i;
const RESULT_TYPE_CHANGED = '0A000';

interface Entry {
  name: string;
  paramTypes: number[];
  rowDescription: messages.BackendMessage | undefined;
  /** The distinct type OIDs of the result's columns (from the row description). */
  resultTypes: number[];
}

type BackendMessage = messages.BackendMessage;
type Parsers = Record<string | number, NonNullable<QueryOptions['parsers']>[number]>;

export interface PreparedStats {
  prepared: number;
  cached: number;
}

const patched = new WeakMap<PGlite, { stats(): PreparedStats }>();

export function usePreparedStatements(client: PGlite, capacity = 500): { stats(): PreparedStats } {
  const existing = patched.get(client);
  if (existing) return existing;
  const cache = new Map<string, Entry>(); // insertion order = least recently used first
  const seen = new Map<string, number>(); // texts seen once, not yet named
  const toClose: string[] = [];
  let counter = 0;
  const stats: PreparedStats = { prepared: 0, cached: 0 };

  const concat = (parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

  const dropAll = () => {
    for (const e of cache.values()) toClose.push(e.name);
    cache.clear();
    seen.clear();
  };

  /** Whether this call goes the named way (counts the text as seen). */
  const shouldName = (text: string, options: QueryOptions | undefined): boolean => {
    if (options?.blob || options?.paramTypes) return false;
    if (cache.has(text)) return true;
    if (!DML.test(text)) return false;
    if (seen.has(text)) {
      seen.delete(text);
      return true;
    }
    if (seen.size >= capacity * 2) seen.clear();
    seen.set(text, 1);
    return false;
  };

  const exchange = (message: Uint8Array, options: QueryOptions | undefined): Promise<BackendMessage[]> =>
    client.execProtocolStream(message, { ...options, syncToFs: false });

  const attach = (e: unknown, text: string, params: unknown[], options: QueryOptions | undefined) => {
    if (e instanceof messages.DatabaseError) Object.assign(e, { query: text, params, queryOptions: options });
    return e;
  };

  /** Parse + Describe (no Sync: the caller's Bind…Sync follows, or a Sync on failure). */
  const prepare = async (name: string, text: string, options: QueryOptions | undefined): Promise<Entry> => {
    const closes = toClose.splice(0).map((n) => serialize.close({ type: 'S', name: n }));
    const described = await exchange(concat([...closes, serialize.parse({ name, text }), serialize.describe({ type: 'S', name })]), options);
    const rowDescription = described.find((m): m is messages.RowDescriptionMessage => m.name === 'rowDescription');
    return {
      name,
      paramTypes: parse.parseDescribeStatementResults(described),
      rowDescription,
      resultTypes: [...new Set(rowDescription?.fields.map((f) => f.dataTypeID) ?? [])],
    };
  };

  /** One statement by name (or unnamed, `name` = ''), under the caller's mutexes. */
  const run = async (
    text: string,
    params: unknown[],
    options: QueryOptions | undefined,
    inTransaction: boolean,
    named: boolean,
  ): Promise<Results | typeof RETRY> => {
    await client._handleBlob(undefined);
    let entry = named ? cache.get(text) : undefined;
    let synced = true;
    let out: BackendMessage[];
    try {
      if (!entry) {
        synced = false;
        entry = await prepare(named ? `yw_ps_${++counter}` : '', text, options);
        if (named) {
          cache.set(text, entry);
          stats.prepared++;
          if (cache.size > capacity) {
            const [oldest, evicted] = cache.entries().next().value as [string, Entry];
            cache.delete(oldest);
            toClose.push(evicted.name);
          }
        }
      } else {
        // Most recently used last.
        cache.delete(text);
        cache.set(text, entry);
      }
      const types = entry.paramTypes;
      const values = params.map((v, i) => {
        if (v == null) return null;
        const t = types[i]!;
        const s = options?.serializers?.[t] ?? client.serializers[t];
        return s ? s(v) : (v as { toString(): string }).toString();
      });
      const closes = synced ? toClose.splice(0).map((n) => serialize.close({ type: 'S', name: n })) : [];
      synced = true; // the Sync is in this very message: the backend reaches it even after an error
      const executed = await exchange(
        concat([...closes, serialize.bind({ statement: entry.name, values }), serialize.execute({}), serialize.sync()]),
        options,
      );
      out = entry.rowDescription ? [entry.rowDescription, ...executed] : executed;
    } catch (e) {
      if (!synced) await exchange(serialize.sync(), options).catch(() => undefined);
      if (named && e instanceof messages.DatabaseError && e.code === RESULT_TYPE_CHANGED) {
        const stale = cache.get(text);
        if (stale) {
          cache.delete(text);
          toClose.push(stale.name);
        }
        if (!inTransaction) return RETRY;
      }
      throw attach(e, text, params, options);
    }
    await client._cleanupBlob();
    if (!inTransaction) await client.syncToFs();
    const blob = await client._getWrittenBlob();
    return parse.parseResults(out, parsersFor(entry, options), options?.rowMode ? { rowMode: options.rowMode } : undefined, blob)[0]!;
  };

  /**
   * The parsers for this statement's own result columns: the caller's (`options.parsers`) over the
   * instance's, as `query` merges them. `query` copies the instance's whole table (≈ 320 entries)
   * into a fresh object for every call that passes `parsers` (drizzle passes them on every query);
   * a statement's rows only ever need its columns' few types. Looked up per call, not kept, so
   * parsers PGlite adds later (array types after `refreshArrayTypes`) still count. A type with no
   * parser here falls back to PGlite's defaults inside `parseResults`, as with `query`.
   */
  const parsersFor = (entry: Entry, options: QueryOptions | undefined): Parsers => {
    const own = options?.parsers;
    const out: Parsers = {};
    for (const t of entry.resultTypes) {
      const p = own && t in own ? own[t] : client.parsers[t];
      if (p) out[t] = p;
    }
    return out;
  };

  const runExclusive = async (text: string, params: unknown[], options: QueryOptions | undefined, inTransaction: boolean) => {
    return client._runExclusiveQuery(async () => {
      const r = await run(text, params, options, inTransaction, true);
      if (r !== RETRY) return r;
      const again = await run(text, params, options, inTransaction, false);
      if (again === RETRY) throw new Error('unreachable');
      return again;
    });
  };

  const afterDdl = <T>(text: string, p: Promise<T>, anywhere = false): Promise<T> =>
    (anywhere ? DDL_ANYWHERE : DDL_START).test(text) ? p.finally(dropAll) : p;

  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);

  Object.assign(client, {
    async query(text: string, params: unknown[] = [], options?: QueryOptions) {
      if (!shouldName(text, options)) return afterDdl(text, query(text, params, options));
      await client._checkReady();
      return client._runExclusiveTransaction(() => runExclusive(text, params, options, false));
    },
    exec(text: string, options?: QueryOptions) {
      return afterDdl(text, exec(text, options), true);
    },
    transaction<T>(fn: (tx: Transaction) => Promise<T>) {
      return transaction((tx) => {
        const own: Transaction = Object.create(tx) as Transaction;
        Object.assign(own, {
          async query(text: string, params: unknown[] = [], options?: QueryOptions) {
            if (!shouldName(text, options)) return afterDdl(text, tx.query(text, params, options));
            if (tx.closed) throw new Error('Transaction is closed');
            return runExclusive(text, params, options, true);
          },
          exec(text: string, options?: QueryOptions) {
            return afterDdl(text, tx.exec(text, options), true);
          },
        });
        return fn(own);
      });
    },
  });

  const handle = { stats: () => ({ ...stats, cached: cache.size }) };
  patched.set(client, handle);
  return handle;
}

const RETRY = Symbol('retry unnamed');
