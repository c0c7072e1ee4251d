import { createHash } from 'node:crypto';
import type { Executor } from '../../db/client.js';

export type StoreKind = 'db' | 'dir' | 's3';

/**
 * Where file content lives, by key. Metadata (name, type, size, SHA-256, owner) stays in the
 * database; only the bytes move. `tx` lets the database store write inside the caller's
 * transaction; the other stores ignore it (their write is not transactional: see docs/storage.md).
 */
export interface FileStore {
  readonly kind: StoreKind;
  put(key: string, bytes: Buffer, tx?: Executor): Promise<void>;
  /** The content, or null when nothing is stored under the key. */
  get(key: string, tx?: Executor): Promise<Buffer | null>;
  /** Removes the content; removing a missing key is not an error. */
  delete(key: string, tx?: Executor): Promise<void>;
}

/** The store new files go to, and the stores files already written may be read from. */
export type FileStores = { writer: FileStore; reader(kind: StoreKind): FileStore };

/** Stored content that is missing or differs from the SHA-256 recorded when it was written. */
export class FileIntegrityError extends Error {
  constructor(
    readonly key: string,
    readonly reason: 'missing' | 'mismatch',
  ) {
    super(`stored file ${key}: ${reason === 'missing' ? 'content missing' : 'SHA-256 mismatch'}`);
    this.name = 'FileIntegrityError';
  }
}

/** Keys are ours, never a user's file name: lower-case letters, digits, `-`, `_` and `/` between segments. */
export function checkKey(key: string): string {
  if (!/^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/.test(key) || key.length > 200) throw new Error(`invalid storage key: ${key}`);
  return key;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Reads and checks the content against its recorded SHA-256: a file that changed at rest is never served. */
export async function readVerified(store: FileStore, key: string, sha256: string, tx?: Executor): Promise<Buffer> {
  const bytes = await store.get(key, tx);
  if (!bytes) throw new FileIntegrityError(key, 'missing');
  if (sha256Hex(bytes) !== sha256) throw new FileIntegrityError(key, 'mismatch');
  return bytes;
}
