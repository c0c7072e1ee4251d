import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';

/** A DATA_DIR holding a copy of the migrated, seeded test template, as `npm start` would leave it. */
export async function pgliteDataDirFromTemplate(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'yw-dd-'));
  const client = await PGlite.create({ dataDir: path.join(dir, 'pglite'), loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
  await client.close();
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
