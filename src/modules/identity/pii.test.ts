import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoCitizens } from '../../server/demo/seed.js';
import { completeIdNumber } from '../../lib/identifiers.js';
import { installKeyring, newKeyringSpec, parseKeyring } from '../../lib/secretbox.js';
import { uuidv7 } from '../../lib/uuid.js';
import { resealSigningKeys } from '../licences/service.js';
import { matchesPopulationRegistry, rekeyPopulationRegistry } from '../registry/service.js';
import { Client, createTestApp, samplePdf, type TestContext } from '../../test/app.js';
import { TEST_MASTER_KEYS } from '../../test/global-setup.js';
import { rekeyPersonalData, sealLegacyIdentifiers } from './rekey.js';
import { personIdentity } from './service.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());
// The keyring is process-wide: every test leaves the suite's own keyring installed.
afterEach(() => installKeyring(parseKeyring(TEST_MASTER_KEYS)));

type RawAccount = { id: string; id_number: string | null; phone: string | null; id_number_enc: string | null; phone_enc: string | null; id_number_bidx: string | null; phone_bidx: string | null };
const rawAccount = async (id: string) => (await ctx.database.query<RawAccount>('SELECT * FROM accounts WHERE id = $1', [id]))[0]!;

async function register(c: Client, idNumber: string, phone: string) {
  const res = await c.post('/api/auth/register', { name: '王五', idNumber, phone, password: 'Lanzhou#2026' });
  expect(res.statusCode).toBe(201);
  return (await c.get('/api/auth/me')).json().user as { id: string; maskedIdNumber: string };
}

describe('ID numbers and phone numbers at rest', () => {
  it('stores neither readable, yet signs in by either and shows them masked', async () => {
    const idNumber = completeIdNumber('62010219920101402');
    const phone = '13900001234';
    const me = await register(new Client(ctx.app), idNumber, phone);
    expect(me.maskedIdNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);

    const row = await rawAccount(me.id);
    expect(row.id_number).toBeNull();
    expect(row.phone).toBeNull();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(idNumber);
    expect(stored).not.toContain(idNumber.slice(6, 14)); // not even the birth date
    expect(stored).not.toContain(phone);
    expect(row.id_number_enc).toMatch(/^sb1\./);

    for (const name of [phone, idNumber, idNumber.toLowerCase()]) {
      const c = new Client(ctx.app);
      expect((await c.post('/api/auth/login', { username: name, password: 'Lanzhou#2026' })).statusCode).toBe(200);
    }
    // Uniqueness still holds through the blind index.
    const dup = await new Client(ctx.app).post('/api/auth/register', { name: '王五', idNumber, phone: '13900001235', password: 'Lanzhou#2026' });
    expect(dup.json().code).toBe('ACCOUNT_EXISTS');
  });

  it('seals identifiers an older release stored readable', async () => {
    const id = uuidv7();
    const idNumber = completeIdNumber('62010219800202301');
    await ctx.database.query(
      `INSERT INTO accounts (id, kind, name, id_number, phone, password_hash, level) SELECT $1, 'person', '赵六', $2, '13900004321', password_hash, 1 FROM accounts WHERE phone_bidx IS NOT NULL LIMIT 1`,
      [id, idNumber],
    );
    expect(await sealLegacyIdentifiers(ctx.database.db)).toBe(1);
    expect(await sealLegacyIdentifiers(ctx.database.db)).toBe(0);
    const row = await rawAccount(id);
    expect([row.id_number, row.phone]).toEqual([null, null]);
    expect(await personIdentity(ctx.database.db, id)).toMatchObject({ idNumber, phone: '13900004321' });
    // The copied hash is the demo password's: the moved account signs in by phone.
    const c = new Client(ctx.app);
    expect((await c.post('/api/auth/login', { username: '13900004321', password: 'Demo2026!' })).statusCode).toBe(200);
  });

  it('moves everything to a new master key so the old one can be dropped', async () => {
    const zhang = demoCitizens[0]!;
    const next = newKeyringSpec('k-next');
    // Rotation starts: the new key first, the old one still configured.
    installKeyring(parseKeyring(`${next},${TEST_MASTER_KEYS}`));
    const during = new Client(ctx.app);
    await during.login(zhang.phone);
    const me = (await during.get('/api/auth/me')).json().user;

    const { rekeyed } = await rekeyPersonalData(ctx.database.db);
    expect(rekeyed).toBeGreaterThanOrEqual(3);
    expect((await resealSigningKeys(ctx.database.db)).resealed).toBeGreaterThanOrEqual(3);
    expect((await rekeyPopulationRegistry(ctx.database.db)).rekeyed).toBeGreaterThan(300);
    expect((await rekeyPersonalData(ctx.database.db)).rekeyed).toBe(0);
    const row = await rawAccount(me.id);
    expect(row.id_number_enc!.split('.')[1]).toBe('k-next');
    expect(row.phone_bidx!.split('.')[0]).toBe('k-next');

    // The old key is gone: sign-in by phone and ID number, the masked ID, and signing all still work.
    installKeyring(parseKeyring(next));
    expect(await matchesPopulationRegistry(ctx.database.db, zhang.idNumber, zhang.name)).toBe(true);
    const after = new Client(ctx.app);
    await after.login(zhang.idNumber);
    expect((await after.get('/api/auth/me')).json().user.maskedIdNumber).toBe(me.maskedIdNumber);
    const pdf = await after.upload('id.pdf', samplePdf(), 'application/pdf');
    const items = (await after.get('/api/catalog/items')).json().items as { id: string; code: string }[];
    const res = await after.post('/api/cases', {
      itemId: items.find((i) => i.code === '000120005000')!.id,
      form: { purpose: '就业' },
      materials: [{ code: 'M01', uploadId: pdf.json().id }],
    });
    expect(res.statusCode).toBe(201);
    const clerk = new Client(ctx.app);
    await clerk.login('ga.clerk');
    expect((await clerk.post(`/api/cases/${res.json().id}/accept`, {})).statusCode).toBe(200);
    const approver = new Client(ctx.app);
    await approver.login('ga.approver');
    expect((await approver.post(`/api/cases/${res.json().id}/approve`, { opinion: '同意' })).statusCode).toBe(200);
    const licences = (await after.get('/api/licences')).json().items as { verifyUrl?: string; id: string }[];
    expect(licences.length).toBeGreaterThan(0);
  });
});
