import { and, desc, eq } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { installedKeyring, open } from '../../lib/secretbox.js';
import { sign, verify, type SigningAlg } from '../../lib/signing.js';
import { signingKeys } from './tables.js';

/**
 * A department's signature over other platform data (its case documents, …) with the same key its
 * e-certificates are signed with: the newest active key. Null when the department has none.
 */
export async function signAsDepartment(tx: Tx, departmentId: string, data: Uint8Array): Promise<{ keyId: string; alg: SigningAlg; signature: string } | null> {
  const [key] = await tx
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.departmentId, departmentId), eq(signingKeys.active, true)))
    .orderBy(desc(signingKeys.createdAt))
    .limit(1);
  if (!key) return null;
  return { keyId: key.id, alg: key.alg, signature: sign(key.alg, open(installedKeyring(), key.privateKey, `signing-key:${key.id}`), data) };
}

/** Whether `signature` over `data` checks with the key `keyId` (any key ever used: rotation keeps old rows). */
export async function verifyDepartmentSignature(db: Executor, keyId: string, data: Uint8Array, signature: string): Promise<boolean> {
  const [key] = await db.select({ alg: signingKeys.alg, publicKey: signingKeys.publicKey }).from(signingKeys).where(eq(signingKeys.id, keyId)).limit(1);
  return key ? verify(key.alg, key.publicKey, data, signature) : false;
}
