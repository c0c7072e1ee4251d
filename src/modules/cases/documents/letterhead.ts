import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { documentLetterheads, documentSeals } from './tables.js';

/** The department's letterhead: the short name for 文号 (its full name until one is set) and its seal image, if any. */
export async function letterheadOf(db: Executor, departmentId: string, fullName: string): Promise<{ shortName: string; sealSha256: string | null }> {
  const [row] = await db.select().from(documentLetterheads).where(eq(documentLetterheads.departmentId, departmentId)).limit(1);
  return { shortName: row?.shortName ?? fullName, sealSha256: row?.sealSha256 ?? null };
}

export async function sealImage(db: Executor, sha256: string | null): Promise<Buffer | null> {
  if (!sha256) return null;
  const [row] = await db.select({ png: documentSeals.png }).from(documentSeals).where(eq(documentSeals.sha256, sha256)).limit(1);
  return row?.png ?? null;
}
