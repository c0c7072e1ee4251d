import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { storedFiles } from './tables.js';
import { checkKey, type FileStore } from './store.js';

/** Content in the stored_files table: nothing to run beside the database, and it is in every database backup. */
export function databaseStore(db: Db): FileStore {
  return {
    kind: 'db',
    async put(key, bytes, tx?: Executor) {
      await (tx ?? db).insert(storedFiles).values({ key: checkKey(key), content: bytes });
    },
    async get(key, tx?: Executor) {
      const [row] = await (tx ?? db).select({ content: storedFiles.content }).from(storedFiles).where(eq(storedFiles.key, checkKey(key))).limit(1);
      return row?.content ?? null;
    },
    async delete(key, tx?: Executor) {
      await (tx ?? db).delete(storedFiles).where(eq(storedFiles.key, checkKey(key)));
    },
  };
}
