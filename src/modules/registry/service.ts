import { eq, gt, inArray } from 'drizzle-orm';
import { checkCreditCode } from '../../lib/identifiers.js';
import type { Db, Executor } from '../../db/client.js';
import { blindIndex, blindIndexes, isCurrent, openPii, sealPii } from '../../lib/pii.js';
import { installedKeyring } from '../../lib/secretbox.js';
import { uuidv7 } from '../../lib/uuid.js';
import { entityRegistry, populationRegistry, type PopulationStatus } from './tables.js';

export type RegistryPerson = { idNumber: string; name: string; regionCode: string; status?: PopulationStatus };

const owner = (id: string) => `population:${id}`;

export async function addToPopulationRegistry(db: Executor, people: RegistryPerson[]): Promise<void> {
  if (people.length === 0) return;
  await db.insert(populationRegistry).values(
    people.map((p) => {
      const id = uuidv7();
      return {
        id,
        idNumberBidx: blindIndex('id_number', p.idNumber),
        idNumberEnc: sealPii(owner(id), 'id_number', p.idNumber),
        nameEnc: sealPii(owner(id), 'name', p.name),
        regionCode: p.regionCode,
        status: p.status ?? 'normal',
      };
    }),
  );
}

/**
 * Real-name check against the registry (实名核验): the ID number must be registered, in normal
 * status, under exactly this name. The answer is deliberately one bit: callers tell the user
 * "does not match" whatever the reason, so the check cannot be used to learn who is registered.
 */
export async function matchesPopulationRegistry(db: Executor, idNumber: string, name: string): Promise<boolean> {
  const [row] = await db
    .select({ id: populationRegistry.id, nameEnc: populationRegistry.nameEnc, status: populationRegistry.status })
    .from(populationRegistry)
    .where(inArray(populationRegistry.idNumberBidx, blindIndexes('id_number', idNumber)))
    .limit(1);
  if (!row || row.status !== 'normal') return false;
  return openPii(owner(row.id), 'name', row.nameEnc) === name.trim();
}

/** The registered name for an ID number (for a hall clerk who has the card in hand), or null. */
export async function registeredName(db: Executor, idNumber: string): Promise<string | null> {
  const [row] = await db
    .select({ id: populationRegistry.id, nameEnc: populationRegistry.nameEnc, status: populationRegistry.status })
    .from(populationRegistry)
    .where(inArray(populationRegistry.idNumberBidx, blindIndexes('id_number', idNumber)))
    .limit(1);
  return row && row.status === 'normal' ? openPii(owner(row.id), 'name', row.nameEnc) : null;
}

export async function setPopulationStatus(db: Executor, idNumber: string, status: PopulationStatus): Promise<void> {
  await db
    .update(populationRegistry)
    .set({ status, updatedAt: new Date() })
    .where(inArray(populationRegistry.idNumberBidx, blindIndexes('id_number', idNumber)));
}

/** Moves registry rows to the current master key (see identity's rekeyPersonalData). */
export async function rekeyPopulationRegistry(db: Db): Promise<{ rekeyed: number }> {
  const keyring = installedKeyring();
  let rekeyed = 0;
  let after = '';
  for (;;) {
    const page = await db
      .select()
      .from(populationRegistry)
      .where(after ? gt(populationRegistry.id, after) : undefined)
      .orderBy(populationRegistry.id)
      .limit(500);
    if (page.length === 0) return { rekeyed };
    after = page[page.length - 1]!.id;
    const stale = page.filter((r) => ![r.idNumberBidx, r.idNumberEnc, r.nameEnc].every((v) => isCurrent(v, keyring)));
    if (stale.length === 0) continue;
    await db.transaction(async (tx) => {
      for (const r of stale) {
        const idNumber = openPii(owner(r.id), 'id_number', r.idNumberEnc, keyring);
        const name = openPii(owner(r.id), 'name', r.nameEnc, keyring);
        await tx
          .update(populationRegistry)
          .set({
            idNumberBidx: blindIndex('id_number', idNumber, keyring),
            idNumberEnc: sealPii(owner(r.id), 'id_number', idNumber, keyring),
            nameEnc: sealPii(owner(r.id), 'name', name, keyring),
          })
          .where(eq(populationRegistry.id, r.id));
      }
    });
    rekeyed += stale.length;
  }
}

export type RegistryEntity = { creditCode: string; name: string; legalRepIdNumber: string; status?: 'normal' | 'revoked' | 'cancelled' };

export async function addToEntityRegistry(db: Executor, entities: RegistryEntity[]): Promise<void> {
  if (entities.length === 0) return;
  await db.insert(entityRegistry).values(
    entities.map((e) => {
      const id = uuidv7();
      const code = checkCreditCode(e.creditCode);
      if (!code.ok) throw new Error(`entity registry: ${e.creditCode} is not a valid credit code (${code.code})`);
      return {
        id,
        creditCode: code.value,
        name: e.name,
        legalRepIdNumberBidx: blindIndex('id_number', e.legalRepIdNumber),
        legalRepIdNumberEnc: sealPii(`entity-registry:${id}`, 'id_number', e.legalRepIdNumber),
        regionCode: code.regionCode,
        status: e.status ?? 'normal',
      };
    }),
  );
}

/**
 * Whether the registry lists this credit code, in normal status, under this name, with this
 * person as legal representative. One bit, like the population check.
 */
export async function isLegalRepresentative(db: Executor, creditCode: string, name: string, legalRepIdNumber: string): Promise<boolean> {
  const [row] = await db
    .select({ name: entityRegistry.name, bidx: entityRegistry.legalRepIdNumberBidx, status: entityRegistry.status })
    .from(entityRegistry)
    .where(eq(entityRegistry.creditCode, creditCode.toUpperCase()))
    .limit(1);
  if (!row || row.status !== 'normal' || row.name !== name.trim()) return false;
  return blindIndexes('id_number', legalRepIdNumber).includes(row.bidx);
}

export async function rekeyEntityRegistry(db: Db): Promise<{ rekeyed: number }> {
  const keyring = installedKeyring();
  const rows = await db.select().from(entityRegistry);
  const stale = rows.filter((r) => !isCurrent(r.legalRepIdNumberBidx, keyring) || !isCurrent(r.legalRepIdNumberEnc, keyring));
  if (stale.length === 0) return { rekeyed: 0 };
  await db.transaction(async (tx) => {
    for (const r of stale) {
      const owner = `entity-registry:${r.id}`;
      const idNumber = openPii(owner, 'id_number', r.legalRepIdNumberEnc, keyring);
      await tx
        .update(entityRegistry)
        .set({ legalRepIdNumberBidx: blindIndex('id_number', idNumber, keyring), legalRepIdNumberEnc: sealPii(owner, 'id_number', idNumber, keyring) })
        .where(eq(entityRegistry.id, r.id));
    }
  });
  return { rekeyed: stale.length };
}
