import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestContext } from '../../test/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('the service catalogue', () => {
  it('offers the portal only departments that publish services, while every department stays listed for admins', async () => {
    const anyone = new Client(ctx.app);
    const all = (await anyone.get('/api/catalog/departments')).json().items.map((d: { code: string }) => d.code);
    expect(all).toEqual(expect.arrayContaining(['LZ', 'GA', 'GA-CG', 'MZ', 'SCJG', 'ZWFW']));
    const serving = (await anyone.get('/api/catalog/departments?withItems=true')).json().items.map((d: { code: string }) => d.code).sort();
    // The city government and the platform's operator publish nothing; bureaus and district units do.
    expect(serving).toEqual(expect.arrayContaining(['GA', 'GA-CG', 'MZ', 'SCJG', 'SCJG-CG', 'MZ-QL']));
    expect(serving).not.toContain('LZ');
    expect(serving).not.toContain('ZWFW');
    const bad = await anyone.get('/api/catalog/departments?withItems=maybe');
    expect(bad.statusCode).toBe(400);
  });

  it('finds items by words of their name, and says who may apply and at which level', async () => {
    const anyone = new Client(ctx.app);
    const found = (await anyone.get(`/api/catalog/items?q=${encodeURIComponent('食品经营')}`)).json().items;
    // The city bureau's and the Chengguan district bureau's implementation of one basic item.
    expect(found.map((i: { code: string }) => i.code)).toEqual(['000101002000', '00010100200062010201']);
    const detail = (await anyone.get(`/api/catalog/items/${found[0].id}`)).json();
    expect(detail).toMatchObject({ minLevel: 2, applicantKinds: ['entity', 'person'] });
    anyone.lang = 'en';
    expect((await anyone.get(`/api/catalog/items/${found[0].id}`)).json().name).toBe('Food business licence');
  });
});
