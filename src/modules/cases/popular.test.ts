import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, samplePdf, type TestContext } from '../../test/app.js';
import { createDepartment, createItem, createPerson } from '../../test/factories.js';
import { forgetMostUsed } from './popular.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('most used services (最常办)', () => {
  it('lists the items applied for most in the last 90 days, busiest first, and never a withdrawn one', async () => {
    const dept = await createDepartment(ctx.database.db);
    const busy = await createItem(ctx.database.db, dept.id);
    const quiet = await createItem(ctx.database.db, dept.id);
    const withdrawn = await createItem(ctx.database.db, dept.id);
    const person = await createPerson(ctx.database.db);
    const citizen = new Client(ctx.app);
    await citizen.login(person.phone, person.password);
    const apply = async (itemId: string, times: number) => {
      for (let i = 0; i < times; i++) {
        const upload = (await citizen.upload('id.pdf', samplePdf(), 'application/pdf')).json().id;
        const res = await citizen.post('/api/cases', { itemId, form: { purpose: '就业' }, materials: [{ code: 'M01', uploadId: upload }] });
        expect(res.statusCode).toBe(201);
      }
    };
    await apply(busy.id, 4);
    await apply(quiet.id, 3);
    await apply(withdrawn.id, 5);
    await ctx.database.query('UPDATE service_items SET published = false WHERE id = $1', [withdrawn.id]);
    forgetMostUsed();
    const items = (await new Client(ctx.app).get('/api/catalog/popular')).json().items as { id: string; cases: number }[];
    const order = items.map((i) => i.id).filter((id) => [busy.id, quiet.id, withdrawn.id].includes(id));
    expect(order).toEqual([busy.id, quiet.id]);
    expect(items.find((i) => i.id === busy.id)!.cases).toBe(4);
  });
});
