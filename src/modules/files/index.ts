import path from 'node:path';
import type { Db } from '../../db/client.js';
import { databaseStore } from './dbStore.js';
import { directoryStore } from './dirStore.js';
import { s3Store } from './s3Store.js';
import type { FileStore, FileStores, StoreKind } from './store.js';

export { FileIntegrityError, readVerified, sha256Hex, type FileStore, type FileStores, type StoreKind } from './store.js';

/** The storage settings of the configuration (see src/server/config.ts). */
export type StorageConfig = {
  STORAGE: StoreKind;
  DATA_DIR: string;
  STORAGE_DIR?: string | undefined;
  S3_ENDPOINT?: string | undefined;
  S3_BUCKET?: string | undefined;
  S3_REGION: string;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
  S3_PATH_STYLE: boolean;
};

/**
 * New files go to the configured store. Each file row records the store it was written to, so
 * after switching STORAGE the older files stay readable: the database store is always there,
 * a directory or S3 store wherever its settings still are.
 */
export function createFileStores(config: StorageConfig, db: Db): FileStores {
  const stores = new Map<StoreKind, FileStore>([['db', databaseStore(db)]]);
  if (config.STORAGE === 'dir' || config.STORAGE_DIR) stores.set('dir', directoryStore(config.STORAGE_DIR ?? path.join(config.DATA_DIR, 'files')));
  if (config.S3_ENDPOINT && config.S3_BUCKET && config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY) {
    stores.set(
      's3',
      s3Store({
        endpoint: config.S3_ENDPOINT,
        bucket: config.S3_BUCKET,
        region: config.S3_REGION,
        accessKeyId: config.S3_ACCESS_KEY_ID,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY,
        pathStyle: config.S3_PATH_STYLE,
      }),
    );
  }
  const writer = stores.get(config.STORAGE);
  if (!writer) throw new Error(`STORAGE=${config.STORAGE} needs its settings (see docs/storage.md)`);
  return {
    writer,
    reader(kind) {
      const s = stores.get(kind);
      if (!s) throw new Error(`files were written to the ${kind} store, which is not configured now (see docs/storage.md)`);
      return s;
    },
  };
}
