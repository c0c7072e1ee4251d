import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openPglite, openPostgres } from '../db/client.js';
import { seedDemo } from '../server/demo/seed.js';
import { installKeyring, parseKeyring } from '../lib/secretbox.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
    pgUrl: string;
    pgRun: string;
  }
}

/**
 * Builds one migrated, seeded database per test run; each test file clones it
 * (PGlite: a data-dir tarball; PostgreSQL: CREATE DATABASE … TEMPLATE).
 */
/** A fixed master key for tests (test data only). */
export const TEST_MASTER_KEYS = `test:${Buffer.alloc(32, 7).toString('base64')}`;

export default async function setup(project: TestProject) {
  installKeyring(parseKeyring(TEST_MASTER_KEYS));
  const url = process.env.DATABASE_URL;
  if (url) {
    const run = randomBytes(4).toString('hex');
    const name = `yw_tpl_${run}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const tplUrl = new URL(url);
    tplUrl.pathname = `/${name}`;
    const database = await openPostgres(tplUrl.toString(), 2);
    await migrateDatabase(database);
    await seedDemo(database, undefined, { cases: false });
    await database.close();
    project.provide('pgTemplate', name);
    project.provide('pgRun', run);
    project.provide('pgUrl', url);
    project.provide('pgliteTemplate', '');
    return async () => {
      // Only this run's databases: other runs may share the server.
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [`yw_t_${run}_%`, name]);
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = path.resolve('.tmp');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pglite-template-${process.pid}.tar.gz`);
  const client = await PGlite.create();
  const database = await openPglite(client);
  await migrateDatabase(database);
  await seedDemo(database, undefined, { cases: false });
  const blob = await client.dumpDataDir('gzip');
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
  project.provide('pgUrl', '');
  return () => rmSync(file, { force: true });
}
