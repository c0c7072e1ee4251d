import { PGlite, protocol, types, type QueryOptions } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePreparedStatements } from './pglitePrepared.js';

// Runs on PGlite whatever DATABASE_URL says: it is about PGlite's protocol path.
const setup = `
  CREATE TABLE t (
    id int PRIMARY KEY, name text, doc jsonb, at timestamptz, n numeric, big bigint, ok boolean, tags text[], day date,
    CONSTRAINT t_name_key UNIQUE (name)
  );
  INSERT INTO t SELECT g, 'n' || g, jsonb_build_object('g', g, 'a', jsonb_build_array(g, null)), '2026-01-01T00:00:00Z'::timestamptz + g * interval '1 hour',
    g / 3.0, g * 10000000000, g % 2 = 0, ARRAY['x' || g, NULL], DATE '2026-03-01' + g FROM generate_series(1, 50) g;
  INSERT INTO t (id) VALUES (100);
`;

let plain: PGlite;
let fast: PGlite;
let handle: ReturnType<typeof usePreparedStatements>;

beforeAll(async () => {
  [plain, fast] = await Promise.all([PGlite.create(), PGlite.create()]);
  handle = usePreparedStatements(fast, 8);
  await plain.exec(setup);
  await fast.exec(setup);
}, 60_000);
afterAll(async () => {
  await Promise.all([plain.close(), fast.close()]);
});

/** Runs the statement enough times on both that the named statement switches to its generic plan. */
async function same(text: string, params: unknown[], options?: QueryOptions) {
  const expected = await plain.query(text, params, options);
  for (let i = 0; i < 8; i++) {
    const got = await fast.query(text, params, options);
    expect(got).toEqual(expected);
  }
  return expected;
}

async function errorOf(p: Promise<unknown>) {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as Record<string, unknown>,
  );
}

describe('named prepared statements on PGlite', { timeout: 60_000 }, () => {
  it('gives the same results as plain query for objects, arrays, jsonb, timestamptz, null and typed params', async () => {
    const before = handle.stats().prepared;
    const r = await same('SELECT * FROM t WHERE id = $1 OR id = $2 ORDER BY id', [3, 100]);
    expect(r.rows).toHaveLength(2);
    expect(r.rows[1]).toMatchObject({ id: 100, name: null, doc: null, at: null });
    expect((r.rows[0] as { at: unknown }).at).toBeInstanceOf(Date);
    await same('SELECT id, doc FROM t WHERE doc @> $1 AND at > $2 AND ok = $3 ORDER BY id', [{ a: [4] }, new Date('2026-01-01T02:00:00Z'), true]);
    await same('SELECT $1::text AS a, $2::int AS b, $3::jsonb AS c, $4::timestamptz AS d, $5::text[] AS e, $6::bigint AS f, $7::numeric AS g', [
      'x',
      null,
      { k: [1, 'two', null] },
      new Date('2026-05-01T08:00:00Z'),
      ['a', 'b,c', null],
      12345678901,
      '1.50',
    ]);
    await same('SELECT id, name FROM t WHERE id = ANY($1) ORDER BY id', [[1, 2, 40]]);
    await same('SELECT count(*) AS c FROM t WHERE name LIKE $1', ['n1%']);
    await same('SELECT id FROM t WHERE id > $1', [1000]); // no rows: still the fields
    expect(handle.stats().prepared).toBeGreaterThan(before);
  });

  it('keeps rowMode array, custom parsers and the affected-row counts of writes', async () => {
    const options: QueryOptions = { rowMode: 'array', parsers: { [types.TIMESTAMPTZ]: (v: string) => v, [types.DATE]: (v: string) => v } };
    await same('SELECT id, at, day, tags FROM t WHERE id <= $1 ORDER BY id', [4], options);
    const text = 'UPDATE t SET n = n + $2 WHERE id = $1';
    for (let i = 0; i < 6; i++) {
      const [a, b] = [await plain.query(text, [7, 1]), await fast.query(text, [7, 1])];
      expect(b).toEqual(a);
      expect(b.affectedRows).toBe(1);
    }
    await same('INSERT INTO t (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = excluded.name RETURNING id, name', [500, 'five hundred']);
  });

  it('parses every column type as plain query does: int8, numeric, timestamptz, json, jsonb, bytea, arrays, custom parsers', async () => {
    const text = `SELECT $1::int8 AS i8, $2::numeric AS num, $3::timestamptz AS ts, $4::json AS j, $5::jsonb AS jb, $6::bytea AS b,
      $7::int8[] AS i8s, $8::timestamptz[] AS tss, $9::jsonb[] AS jbs, $10::int4[] AS i4s, $11::date AS d, $12::bool AS ok, $13::uuid AS u,
      $14::float8 AS f, $15::interval AS iv, ARRAY[[1, 2], [3, NULL]]::int2[] AS grid, NULL::bytea AS nb`;
    const params = [
      '9007199254740993', // past Number.MAX_SAFE_INTEGER: int8 is a bigint in PGlite, whatever the driver
      '12345678901234567890.000000000123',
      new Date('2026-12-07T23:59:59.123Z'),
      { k: [1, { x: null }] },
      ['a', 2, null],
      new Uint8Array([0, 1, 254, 255]),
      ['1', '-9007199254740993'],
      [new Date('2026-01-01T00:00:00Z'), null],
      [{ a: 1 }, { b: [2] }],
      [1, null, 3],
      '2026-02-28',
      false,
      '01890f4e-7f00-7000-8000-000000000001',
      1.5,
      '1 day 02:03:04',
    ];
    const r = await same(text, params);
    const row = r.rows[0] as Record<string, unknown>;
    expect(typeof row.i8).toBe('bigint');
    expect(row.b).toBeInstanceOf(Uint8Array);
    expect(row.ts).toBeInstanceOf(Date);
    expect(row.jb).toEqual(['a', 2, null]);
    expect(row.grid).toEqual([[1, 2], [3, null]]);
    // Array mode and the parsers drizzle passes on every query (dates and intervals kept as text).
    const drizzleLike: QueryOptions = {
      rowMode: 'array',
      parsers: Object.fromEntries([types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((t) => [t, (v: string) => v])),
    };
    const arr = await same(text, params, drizzleLike);
    expect((arr.rows[0] as unknown[])[2]).toBe('2026-12-07 23:59:59.123+00');
    // A caller's parser wins over PGlite's for its type only; one for a type not in the result is ignored;
    // one set to undefined falls back to PGlite's default, as query's merge does.
    const custom: QueryOptions = {
      parsers: {
        [types.INT8]: (v: string) => `int8:${v}`,
        [types.NUMERIC]: (v: string) => Number(v),
        [types.BYTEA]: (v: string) => v.length,
        [types.JSONB]: undefined as unknown as (v: string) => unknown,
        [types.TEXT]: () => 'never used',
      },
    };
    const c = (await same(text, params, custom)).rows[0] as Record<string, unknown>;
    expect(c).toMatchObject({ i8: 'int8:9007199254740993', num: 12345678901234567890, b: 10, jb: ['a', 2, null] });
    // Rows of a table with the same types, by the columns' own OIDs.
    await same('SELECT big, n, at, doc, tags, day FROM t WHERE id <= $1 ORDER BY id', [5], custom);
  });

  it('parses the arrays of a type made later once PGlite has learnt them', async () => {
    for (const db of [plain, fast]) {
      await db.exec(`CREATE TYPE mood AS ENUM ('ok', 'meh'); CREATE TABLE moods (id int PRIMARY KEY, m mood[]); INSERT INTO moods VALUES (1, '{ok,meh}')`);
      await db.refreshArrayTypes();
    }
    const r = await same('SELECT m FROM moods WHERE id = $1', [1]);
    expect(r.rows[0]).toEqual({ m: ['ok', 'meh'] });
  });

  it('fails as plain query does: a unique violation keeps its code, constraint and the query', async () => {
    const text = 'INSERT INTO t (id, name) VALUES ($1, $2)';
    const expected = await errorOf(plain.query(text, [1000, 'n1']));
    for (let i = 0; i < 4; i++) {
      const e = await errorOf(fast.query(text, [1000 + i, 'n1']));
      expect(e.constructor).toBe(expected.constructor);
      expect(e).toMatchObject({ code: '23505', constraint: 't_name_key', table: 't', query: text, params: [1000 + i, 'n1'] });
      expect(e.message).toBe(expected.message);
    }
    // And the backend is back in step: the next statements answer.
    await same('SELECT name FROM t WHERE id = $1', [1]);
  });

  it('rolls the transaction back when a statement inside it fails, and refuses statements after that', async () => {
    const insert = 'INSERT INTO t (id, name) VALUES ($1, $2)';
    const probe = 'SELECT id FROM t WHERE id = $1';
    for (const id of [2001, 2002]) await fast.query(insert, [id, `tx${id}`]); // named from now on
    const error = await errorOf(
      fast.transaction(async (tx) => {
        await tx.query(insert, [2003, 'tx2003']);
        expect((await tx.query(probe, [2003])).rows).toHaveLength(1);
        const dup = await errorOf(tx.query(insert, [2004, 'n2']));
        expect(dup.code).toBe('23505');
        // As on plain PGlite: the transaction is aborted.
        const aborted = await errorOf(tx.query(probe, [2003]));
        expect(aborted.code).toBe('25P02');
        throw dup;
      }),
    );
    expect(error.code).toBe('23505');
    expect((await fast.query(probe, [2003])).rows).toHaveLength(0);
    // A committed transaction keeps its writes.
    await fast.transaction(async (tx) => {
      await tx.query(insert, [2005, 'tx2005']);
    });
    expect((await fast.query(probe, [2005])).rows).toHaveLength(1);
  });

  it('runs concurrent statements and transactions one at a time without deadlock', async () => {
    const text = 'SELECT id, name FROM t WHERE id = $1';
    const all = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => fast.query(text, [i + 1])),
      fast.transaction(async (tx) => (await tx.query(text, [1])).rows.length + (await tx.query(text, [2])).rows.length),
      ...Array.from({ length: 5 }, (_, i) => fast.query(text, [i + 30])),
    ]);
    expect(all[20]).toBe(2);
    expect((all[0] as { rows: unknown[] }).rows).toEqual([{ id: 1, name: 'n1' }]);
  });

  it('keeps working with many more distinct texts than the cache holds, and closes what it evicts', async () => {
    for (let k = 0; k < 40; k++) {
      const text = `SELECT id, $1::int + ${k} AS v FROM t WHERE id = $1`;
      for (let i = 0; i < 3; i++) expect((await fast.query(text, [k + 1])).rows).toEqual([{ id: k + 1, v: 2 * k + 1 }]);
    }
    expect(handle.stats().cached).toBeLessThanOrEqual(8);
    const open = await fast.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'yw_ps_%'");
    expect(open.rows[0]!.n).toBeLessThanOrEqual(9);
  });

  it('answers with the new columns after a schema change', async () => {
    const star = 'SELECT * FROM t WHERE id = $1';
    for (let i = 0; i < 7; i++) await fast.query(star, [1]);
    await fast.query('ALTER TABLE t ADD COLUMN extra text');
    expect(Object.keys((await fast.query(star, [1])).rows[0]!)).toContain('extra');

    // DDL that went around query/exec: the stale statement is dropped and the call run unnamed.
    for (let i = 0; i < 7; i++) await fast.query(star, [1]);
    await fast.execProtocol(protocol.serialize.query('ALTER TABLE t ADD COLUMN extra2 int DEFAULT 7'));
    expect((await fast.query(star, [1])).rows[0]).toMatchObject({ id: 1, extra: null, extra2: 7 });
    for (let i = 0; i < 3; i++) expect((await fast.query(star, [1])).rows[0]).toMatchObject({ extra2: 7 });

    // Inside a transaction that error has aborted the transaction: it is passed on, like any failure.
    await fast.execProtocol(protocol.serialize.query('ALTER TABLE t ADD COLUMN extra3 int DEFAULT 8'));
    const e = await errorOf(fast.transaction((tx) => tx.query(star, [1])));
    expect(e.code).toBe('0A000');
    expect((await fast.query(star, [1])).rows[0]).toMatchObject({ extra3: 8 });
  });
});
