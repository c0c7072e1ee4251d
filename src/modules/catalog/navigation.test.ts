import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestContext } from '../../test/app.js';
import { createDepartment, createItem } from '../../test/factories.js';

let ctx: TestContext;
let personItem: { id: string };
let entityItem: { id: string };
const anyone = () => new Client(ctx.app);
const ids = async (url: string) => (await anyone().get(url)).json().items.map((i: { id: string }) => i.id) as string[];

beforeAll(async () => {
  ctx = await createTestApp();
  const dept = await createDepartment(ctx.database.db, { regionCode: '620103' });
  personItem = await createItem(ctx.database.db, dept.id, { topics: { lifeEvents: ['employment', 'social_security'] } });
  entityItem = await createItem(ctx.database.db, dept.id, { applicantKinds: ['entity'], topics: { enterpriseStages: ['start'] } });
});
afterAll(() => ctx.close());

describe('finding services by life event, enterprise stage and audience', () => {
  it('lists the services of a life event or an enterprise stage, and those for persons or enterprises', async () => {
    expect(await ids('/api/catalog/items?lifeEvent=employment')).toContain(personItem.id);
    expect(await ids('/api/catalog/items?lifeEvent=employment')).not.toContain(entityItem.id);
    expect(await ids('/api/catalog/items?enterpriseStage=start')).toContain(entityItem.id);
    expect(await ids('/api/catalog/items?enterpriseStage=start')).not.toContain(personItem.id);
    expect(await ids('/api/catalog/items?audience=entity')).toContain(entityItem.id);
    expect(await ids('/api/catalog/items?audience=entity')).not.toContain(personItem.id);
    const bad = await anyone().get('/api/catalog/items?lifeEvent=holiday');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('names the life events and stages that list something, with their counts, in the reader’s language', async () => {
    const zh = (await anyone().get('/api/catalog/topics')).json();
    const employment = zh.lifeEvents.find((e: { code: string }) => e.code === 'employment');
    expect(employment.name).toBe('就业');
    expect(employment.items).toBeGreaterThanOrEqual(1);
    expect(zh.lifeEvents.map((e: { code: string }) => e.code)).not.toContain('death'); // nothing lists it
    const en = (await anyone().request('GET', '/api/catalog/topics', undefined, { 'accept-language': 'en' })).json();
    expect(en.enterpriseStages.find((e: { code: string }) => e.code === 'start').name).toBe('Starting up');
  });

  it('shows the region an implementation serves', async () => {
    const item = (await anyone().get(`/api/catalog/items/${personItem.id}`)).json();
    expect(item.region).toEqual({ code: '620103', name: '甘肃省兰州市七里河区' });
  });
});
