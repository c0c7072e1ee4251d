import { eq, gt, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { installedKeyring } from '../../lib/secretbox.js';
import { appendAudit } from '../supervision/index.js';
import { isCurrent, openPii, protectedIdentifiers } from '../../lib/pii.js';
import { accounts } from './tables.js';

const BATCH = 500;

/**
 * Seals identifiers that an older release stored readable, and clears the readable columns.
 * Runs at start-up; does nothing once every row is sealed.
 */
export async function sealLegacyIdentifiers(db: Db): Promise<number> {
  let moved = 0;
  for (;;) {
    const rows = await db
      .select({ id: accounts.id, idNumber: accounts.legacyIdNumber, phone: accounts.legacyPhone })
      .from(accounts)
      .where(or(isNotNull(accounts.legacyIdNumber), isNotNull(accounts.legacyPhone)))
      .limit(BATCH);
    if (rows.length === 0) return moved;
    await db.transaction(async (tx) => {
      for (const r of rows) {
        await tx
          .update(accounts)
          .set({ ...protectedIdentifiers(r.id, r), legacyIdNumber: null, legacyPhone: null })
          .where(eq(accounts.id, r.id));
      }
      await appendAudit(tx, { actorAccountId: null, action: 'pii.sealed_legacy', entityType: 'accounts', entityId: '*', detail: { rows: rows.length } });
    });
    moved += rows.length;
  }
}

/**
 * After a new master key is put first in MASTER_KEYS: re-seals every identifier and recomputes
 * its blind index under that key. When it reports 0 left, the old key can leave MASTER_KEYS
 * (once nothing else sealed under it remains, see `resealSigningKeys`).
 */
export async function rekeyPersonalData(db: Db): Promise<{ rekeyed: number }> {
  const keyring = installedKeyring();
  let rekeyed = 0;
  let after = '';
  for (;;) {
    // Walk by id; every row is visited once however many need work.
    const page = await db
      .select({ id: accounts.id, idNumberEnc: accounts.idNumberEnc, idNumberBidx: accounts.idNumberBidx, phoneEnc: accounts.phoneEnc, phoneBidx: accounts.phoneBidx })
      .from(accounts)
      .where(after ? gt(accounts.id, after) : undefined)
      .orderBy(accounts.id)
      .limit(BATCH);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const stale = page.filter((r) => ![r.idNumberEnc, r.idNumberBidx, r.phoneEnc, r.phoneBidx].every((v) => isCurrent(v, keyring)));
    if (stale.length === 0) continue;
    await db.transaction(async (tx) => {
      for (const r of stale) {
        const idNumber = r.idNumberEnc ? openPii(r.id, 'id_number', r.idNumberEnc, keyring) : null;
        const phone = r.phoneEnc ? openPii(r.id, 'phone', r.phoneEnc, keyring) : null;
        await tx.update(accounts).set(protectedIdentifiers(r.id, { idNumber, phone }, keyring)).where(eq(accounts.id, r.id));
      }
      await appendAudit(tx, { actorAccountId: null, action: 'pii.rekeyed', entityType: 'accounts', entityId: '*', detail: { rows: stale.length, keyId: keyring.currentId } });
    });
    rekeyed += stale.length;
  }
  return { rekeyed };
}
