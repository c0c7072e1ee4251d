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
    expect(serving).toEqual(['GA', 'MZ', 'SCJG']);
    const bad = await anyone.get('/api/catalog/departments?withItems=maybe');
    expect(bad.statusCode).toBe(400);
  });

  it('finds items by words of their name, and says who may apply and at which level', async () => {
    const anyone = new Client(ctx.app);
    const found = (await anyone.get(`/api/catalog/items?q=${encodeURIComponent('食品')}`)).json().items;
    expect(found.map((i: { code: string }) => i.code)).toEqual(['000101002000']);
    const detail = (await anyone.get(`/api/catalog/items/${found[0].id}`)).json();
    expect(detail).toMatchObject({ minLevel: 2, applicantKinds: ['entity', 'person'] });
    anyone.lang = 'en';
    expect((await anyone.get(`/api/catalog/items/${found[0].id}`)).json().name).toBe('Food business licence');
  });
});
