import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Client, createTestApp, type TestContext } from '../../test/app.js';
import { issueNoCriminalRecordLicence } from '../../test/factories.js';
import { demoCitizens } from '../../server/demo/seed.js';
import { checkLicenceIdentifier } from '../../lib/licenceIdentifier.js';
import { loadActor } from '../identity/index.js';
import { revokeLicence } from './revokeLicence.js';
import { licenceSignedPayload, resealLicences } from './service.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

/** Runs a no-criminal-record case (public security, Ed25519) to completion and returns the citizen's licence. */
const issueOne = () => issueNoCriminalRecordLicence(ctx.app);

describe('e-certificate verification', () => {
  it('issues a certificate with a valid GB/T 36904 identifier, signed with the issuer’s Ed25519 key', async () => {
    const { licence, code } = await issueOne();
    expect(checkLicenceIdentifier(licence.identifier)).toBe(true);
    expect(licence.alg).toBe('Ed25519');
    expect(licence.validUntil).not.toBeNull(); // one year
    expect(licence.face.find((f: { key: string }) => f.key === 'purpose').value).toBe('就业');
    const res = (await new Client(ctx.app).get(`/api/verify/${code}`)).json();
    expect(res).toMatchObject({ valid: true, licence: { status: 'valid', alg: 'Ed25519', holderName: '李*' } });
  });

  it('reports an unknown or altered code as invalid', async () => {
    const { code } = await issueOne();
    const anyone = new Client(ctx.app);
    const altered = code.slice(0, -2) + (code.endsWith('AA') ? 'BB' : 'AA');
    expect((await anyone.get(`/api/verify/${altered}`)).json()).toEqual({ valid: false, reason: 'unknown' });
    expect((await anyone.get('/api/verify/%3Cscript%3E')).json()).toEqual({ valid: false, reason: 'unknown' });
  });

  it('reports a certificate whose stored data was edited as a signature failure', async () => {
    const { code } = await issueOne();
    await ctx.database.db.execute(sql`UPDATE licences SET holder_name = '王五' WHERE verify_code = ${code}`);
    const res = (await new Client(ctx.app).get(`/api/verify/${code}`)).json();
    expect(res).toEqual({ valid: false, reason: 'signature' });
  });

  it('reports a revoked certificate as invalid, saying it was revoked', async () => {
    const { code, licence, approver } = await issueOne();
    const approverId = (await approver.get('/api/auth/me')).json().user.id;
    const approverActor = (await loadActor(ctx.database.db, approverId))!;
    await ctx.database.db.transaction((tx) => revokeLicence(tx, approverActor, { licenceId: licence.id, reason: '申请人隐瞒有关情况' }));
    const res = (await new Client(ctx.app).get(`/api/verify/${code}`)).json();
    expect(res.valid).toBe(false);
    expect(res.reason).toBe('revoked');
    expect(res.licence.status).toBe('revoked');
  });

  it('lets only an approver of the issuing department revoke; others are refused, and strangers find nothing', async () => {
    const { code, licence, citizen } = await issueOne();
    const db = ctx.database.db;
    const actorOf = async (c: Client) => (await loadActor(db, (await c.get('/api/auth/me')).json().user.id))!;
    const staff = async (username: string) => {
      const c = new Client(ctx.app);
      await c.login(username);
      return actorOf(c);
    };
    const revokeAs = (actor: Awaited<ReturnType<typeof actorOf>>) =>
      db.transaction((tx) => revokeLicence(tx, actor, { licenceId: licence.id, reason: '申请人隐瞒有关情况' })).then(
        () => 'revoked',
        (e: { code?: string }) => e.code,
      );
    const stranger = new Client(ctx.app);
    await stranger.login(demoCitizens[0]!.phone);
    // The holder, the issuing department's clerk and a supervisor know the certificate: refused.
    expect(await revokeAs(await actorOf(citizen))).toBe('FORBIDDEN');
    expect(await revokeAs(await staff('ga.clerk'))).toBe('FORBIDDEN');
    expect(await revokeAs(await staff('zwfw.supervisor'))).toBe('FORBIDDEN');
    // Another department's approver or clerk, its admin, another citizen: as if there were no such certificate.
    expect(await revokeAs(await staff('mz.approver'))).toBe('NOT_FOUND');
    expect(await revokeAs(await staff('mz.clerk'))).toBe('NOT_FOUND');
    expect(await revokeAs(await staff('ga.admin'))).toBe('NOT_FOUND');
    expect(await revokeAs(await actorOf(stranger))).toBe('NOT_FOUND');
    expect((await new Client(ctx.app).get(`/api/verify/${code}`)).json().valid).toBe(true);
    const revokes = () => ctx.database.query("SELECT 1 FROM audit_events WHERE action = 'licence.revoke' AND entity_id = $1", [licence.id]);
    expect(await revokes()).toHaveLength(0);

    expect(await revokeAs(await staff('ga.approver'))).toBe('revoked');
    expect((await new Client(ctx.app).get(`/api/verify/${code}`)).json().reason).toBe('revoked');
    expect(await revokes()).toHaveLength(1);
  });

  it('keeps issuers’ private keys sealed at rest', async () => {
    const rows = await ctx.database.query<{ private_key: string }>('SELECT private_key FROM signing_keys');
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.private_key).toMatch(/^sb1\.test\.[A-Za-z0-9_-]+$/);
  });

  it('keeps the holder’s ID number sealed in the stored certificate, shows it to the holder, and converts rows an older release wrote readable', async () => {
    const { licence, code, citizen } = await issueOne();
    const idNumber = demoCitizens[1]!.idNumber;
    const [row] = await ctx.database.query<Record<string, unknown>>('SELECT * FROM licences WHERE id = $1', [licence.id]);
    expect(JSON.stringify(row)).not.toContain(idNumber);
    expect(JSON.stringify(row)).not.toContain(idNumber.slice(6, 14));
    // The holder sees their own number on the face of the certificate.
    const face = (await citizen.get(`/api/licences/${licence.id}`)).json().face as { key: string; value: string }[];
    expect(face.find((f) => f.key === 'idNumber')!.value).toBe(idNumber);

    // A row as an older release wrote it (readable) still verifies, and resealing seals it.
    const payload = licenceSignedPayload(licence.id, row!.signed_payload as string);
    const plainFace = Object.fromEntries(face.map((f) => [f.key, f.value]));
    await ctx.database.query('UPDATE licences SET holder_id_number = $2, face = $3, signed_payload = $4 WHERE id = $1', [licence.id, idNumber, JSON.stringify(plainFace), payload]);
    expect((await new Client(ctx.app).get(`/api/verify/${code}`)).json().valid).toBe(true);
    expect((await resealLicences(ctx.database.db)).resealed).toBeGreaterThanOrEqual(1);
    const [after] = await ctx.database.query<Record<string, unknown>>('SELECT * FROM licences WHERE id = $1', [licence.id]);
    expect(JSON.stringify(after)).not.toContain(idNumber);
    expect((await new Client(ctx.app).get(`/api/verify/${code}`)).json().valid).toBe(true);
  });

  it('never exposes the full ID number or the signing key publicly', async () => {
    const { code } = await issueOne();
    const body = (await new Client(ctx.app).get(`/api/verify/${code}`)).body;
    expect(body).not.toContain(demoCitizens[1]!.idNumber);
    expect(body).not.toMatch(/private/i);
  });
});
