import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../../lib/errors.js';
import { performerId, type Actor } from '../../identity/index.js';
import { appendAudit } from '../../supervision/index.js';
import { maySetLetterhead } from '../policy.js';
import { sniffFileType } from '../sniff.js';
import { sha256Hex } from './payload.js';
import { documentLetterheads, documentSeals } from './tables.js';

export const SEAL_MAX_BYTES = 512 * 1024;

/**
 * Sets the department's letterhead for the documents it issues from now on: the short name used in
 * 文号 (机关代字) and its seal image (a PNG, best with a transparent background), or null for the
 * drawn seal. Documents already issued keep the name and seal they were issued with. `actor` null:
 * the installation (the demo seed), never an HTTP caller.
 */
export async function setDocumentLetterhead(tx: Tx, actor: Actor | null, departmentId: string, input: { shortName: string; sealPng: Buffer | null }) {
  if (actor && !maySetLetterhead(actor, departmentId)) throw new DomainError('NOT_FOUND');
  const shortName = input.shortName.trim();
  if (!shortName) throw new DomainError('VALIDATION', {}, [{ path: 'shortName', code: 'REQUIRED' }]);
  if ([...shortName].length > 20) throw new DomainError('VALIDATION', {}, [{ path: 'shortName', code: 'TOO_LONG', params: { max: 20 } }]);
  let sealSha256: string | null = null;
  if (input.sealPng) {
    if (input.sealPng.length > SEAL_MAX_BYTES || sniffFileType(input.sealPng)?.ext !== 'png') throw new DomainError('VALIDATION', {}, [{ path: 'sealPng', code: 'INVALID' }]);
    sealSha256 = sha256Hex(input.sealPng);
    await tx.insert(documentSeals).values({ sha256: sealSha256, png: input.sealPng }).onConflictDoNothing();
  }
  const now = new Date();
  await tx
    .insert(documentLetterheads)
    .values({ departmentId, shortName, sealSha256, updatedAt: now })
    .onConflictDoUpdate({ target: documentLetterheads.departmentId, set: { shortName, sealSha256, updatedAt: now } });
  await appendAudit(tx, {
    actorAccountId: actor ? performerId(actor) : null,
    action: 'department.letterhead_set',
    entityType: 'department',
    entityId: departmentId,
    detail: { shortName, sealSha256 },
  });
}
