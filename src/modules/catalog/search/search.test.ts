import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestContext } from '../../../test/app.js';
import { basicItemContent, createDepartment, createItem, createPerson, createStaff, signedInStaff, signIn, type TestDepartment, type TestPerson, type TestStaff } from '../../../test/factories.js';
import { auditEventsFor } from '../../supervision/audit.js';
import { ensureSearchIndex } from '../index.js';
import { serviceItems } from '../tables.js';
import { DOCUMENT_VERSION } from './document.js';
import { catalogSearchDocuments, catalogSearchState } from './tables.js';

let ctx: TestContext;
let dept: TestDepartment;
let other: TestDepartment;
let admin: TestStaff;
let person: TestPerson;
const ids: Record<string, string> = {};

const guide = (conditions: string[]) => ({
  legalBasis: [{ zh: '测试依据', en: 'Test basis' }],
  audience: { zh: '本市居民', en: 'Residents of the city' },
  conditions: conditions.map((zh) => ({ zh, en: 'Condition' })),
  process: [{ zh: '申请', en: 'Apply' }],
  caseKind: 'promised' as const,
  place: { zh: '窗口', en: 'Window' },
  hours: { zh: '工作日', en: 'Working days' },
  contactPhone: '0931-0000000',
  complaintPhone: '12345',
  visits: 0,
  fees: [],
  result: { zh: '办理结果', en: 'Result' },
  // Received online (the factory's online depth includes 2): the guide says where.
  onlineUrl: '/?q=search',
});

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.database.db;
  dept = await createDepartment(db);
  other = await createDepartment(db);
  const make = async (key: string, zh: string, en: string, departmentId = dept.id, conditions: string[] = []) => {
    ids[key] = (await createItem(db, departmentId, { name: { zh, en }, guide: guide(conditions) })).id;
  };
  await make('cancel', '营业执照注销', 'Business licence cancellation');
  await make('amend', '营业执照变更登记', 'Business licence amendment');
  await make('dibao', '最低生活保障金申领', 'Minimum living allowance application');
  await make('chongqing', '重庆户籍迁入', 'Household registration moved from Chongqing');
  await make('passport', '出入境证件办理', 'Exit and entry documents', dept.id, ['持有效护照或通行证']);
  await make('elsewhere', '营业执照遗失补领', 'Business licence replacement', other.id);
  const operator = await createDepartment(db);
  admin = await createStaff(db, operator.id, ['catalogue_admin']);
  person = await createPerson(db);
});
afterAll(() => ctx.close());

const anyone = () => new Client(ctx.app);
async function find(q: string, departmentId: string | null = dept.id, client = anyone()): Promise<string[]> {
  const res = await client.get(`/api/catalog/items?q=${encodeURIComponent(q)}${departmentId ? `&departmentId=${departmentId}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((i: { id: string }) => i.id);
}

describe('searching the catalogue', () => {
  it('finds a two-character term inside a name (执照 → 营业执照…), best fit first', async () => {
    expect(await find('执照')).toEqual([ids.cancel, ids.amend]);
    expect(await find('营业执照注销')).toEqual([ids.cancel]);
    expect((await find('营业执照'))[0]).toBe(ids.cancel);
  });

  it('finds one character at the end of a name (销 → 营业执照注销)', async () => {
    expect(await find('销')).toEqual([ids.cancel]);
  });

  it('finds by pinyin initials, by full syllables then initials, and by full pinyin', async () => {
    for (const q of ['yyzz', 'yingyezz', 'yingyezhizhao', 'YYZZ', 'ｙｙｚｚ']) expect(await find(q), q).toEqual([ids.cancel, ids.amend]);
    expect(await find('yyzzzx')).toEqual([ids.cancel]);
    expect(await find('zuidishenghuo')).toEqual([ids.dibao]);
  });

  it('finds both readings of a polyphone (重庆: cq and zq)', async () => {
    expect(await find('cqhj')).toEqual([ids.chongqing]);
    expect(await find('zqhj')).toEqual([ids.chongqing]);
  });

  it('finds an English word of the name, and words of the guide text', async () => {
    expect(await find('amendment')).toEqual([ids.amend]);
    expect(await find('Amend')).toEqual([ids.amend]);
    expect(await find('护照')).toEqual([ids.passport]);
  });

  it('finds nothing for nonsense', async () => {
    expect(await find('鬼鬼祟祟')).toEqual([]);
    expect(await find('qzxqzx')).toEqual([]);
    expect(await find('、。！')).toEqual([]);
  });

  it('keeps the department filter: the same term in another department is found only without it', async () => {
    expect(await find('营业执照')).not.toContain(ids.elsewhere);
    expect(await find('营业执照', other.id)).toEqual([ids.elsewhere]);
    const everywhere = await find('营业执照', null);
    expect(everywhere).toEqual(expect.arrayContaining([ids.cancel, ids.amend, ids.elsewhere]));
  });

  it('suggests names as one types, with their department, in the reader’s language', async () => {
    const c = anyone();
    const res = await c.get(`/api/catalog/suggest?q=${encodeURIComponent('yyzz')}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; name: string; department: { id: string; name: string } }[];
    expect(items.length).toBeLessThanOrEqual(8);
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([ids.cancel, ids.amend, ids.elsewhere]));
    expect(items.find((i) => i.id === ids.cancel)).toMatchObject({ name: '营业执照注销', department: { id: dept.id, name: dept.name.zh } });
    c.lang = 'en';
    const en = (await c.get(`/api/catalog/suggest?q=${encodeURIComponent('营业执照注销')}`)).json().items;
    expect(en[0]).toMatchObject({ id: ids.cancel, name: 'Business licence cancellation', department: { name: dept.name.en } });
    expect((await c.get('/api/catalog/suggest?q=')).json().items).toEqual([]);
  });

  it('refuses a NUL in q (400 problem+json) on the list and the suggestions; a lone surrogate cannot arrive in a URL', async () => {
    for (const url of ['/api/catalog/items?q=%00', '/api/catalog/suggest?q=a%00b']) {
      const res = await anyone().get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('BAD_TEXT');
    }
    // %ED%A0%80 would be U+D800 in UTF-8, which has no such sequence: it never decodes to a lone surrogate.
    for (const url of ['/api/catalog/suggest?q=%ED%A0%80', '/api/catalog/items?q=%ED%A0%80']) {
      const res = await anyone().get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.json().items).toEqual([]);
    }
  });

  it('indexes an implementation when a version of it is published, not before', async () => {
    const nodeAdmin = await signIn(ctx.app, admin);
    const author = await signedInStaff(ctx, dept.id, ['admin']);
    const reviewer = await signedInStaff(ctx, dept.id, ['admin']);
    const code = `S${Date.now().toString(36).toUpperCase().slice(-6)}`;
    const basic = await nodeAdmin.post('/api/catalog/admin/basic-items', { code, content: basicItemContent({ name: { zh: '危险废物经营许可证核发', en: 'Hazardous waste licence' } }) });
    expect(basic.statusCode, basic.body).toBe(201);
    const created = (await author.post('/api/catalog/admin/implementations', { basicItemId: basic.json().id, departmentId: dept.id, code: `${code}A01`, overrides: {} })).json();
    expect(await find('危险废物')).toEqual([]);
    await author.post(`/api/catalog/admin/versions/${created.versionId}/submit`);
    expect((await reviewer.post(`/api/catalog/admin/versions/${created.versionId}/approve`, {})).statusCode).toBe(200);
    expect(await find('危险废物')).toEqual([created.id]);
    expect(await find('wxfw')).toEqual([created.id]);
  });

  it('finds a department’s items by its new name once the department is renamed, and no longer by the old one', async () => {
    const db = ctx.database.db;
    const unit = await createDepartment(db, { name: { zh: '鹿鸣湖管理处', en: 'Luminghu Authority' } });
    const item = (await createItem(db, unit.id, { name: { zh: '犬只登记', en: 'Dog registration' }, guide: guide([]) })).id;
    expect(await find('鹿鸣湖', null)).toEqual([item]);
    expect(await find('雁栖湾', null)).toEqual([]);

    const platform = await signedInStaff(ctx, unit.id, ['platform_admin']);
    const renamed = await platform.request('PUT', `/api/admin/departments/${unit.id}`, { name: { zh: '雁栖湾服务中心', en: 'Yanqiwan Service Centre' } });
    expect(renamed.statusCode, renamed.body).toBe(200);

    expect(await find('雁栖湾', null)).toEqual([item]);
    expect(await find('Yanqiwan', null)).toEqual([item]);
    expect(await find('鹿鸣湖', null)).toEqual([]);
    expect(await find('Luminghu', null)).toEqual([]);
  });

  it('rebuilds the index at start only when its recorded builder version differs or it is empty', async () => {
    const db = ctx.database.db;
    const state = () => db.select().from(catalogSearchState);
    // To the microsecond (text): a rewritten document has a later indexed_at.
    const lastIndexed = async () => (await db.select({ at: sql<string>`max(${catalogSearchDocuments.indexedAt})::text` }).from(catalogSearchDocuments))[0]!.at;
    const published = await db.$count(serviceItems, eq(serviceItems.published, true));

    // A database no start has recorded a build for (one from before the state row): every published item is indexed once.
    expect(await state()).toEqual([]);
    expect(await ensureSearchIndex(db)).toBe(published);
    const [first] = await state();
    expect(first).toMatchObject({ version: DOCUMENT_VERSION, items: published });

    // A start with a current index rebuilds nothing: no document is rewritten, the recorded build stays.
    const indexedBefore = await lastIndexed();
    expect(await ensureSearchIndex(db)).toBe(0);
    expect(await lastIndexed()).toBe(indexedBefore);
    expect(await state()).toEqual([first]);

    // An older builder's index (the version recorded is not the running one's): rebuilt, and searchable as before.
    await db.execute(sql`UPDATE catalog_search_state SET version = version - 1`);
    expect(await ensureSearchIndex(db)).toBe(published);
    expect(await lastIndexed()).not.toBe(indexedBefore);
    expect((await state())[0]).toMatchObject({ version: DOCUMENT_VERSION, items: published });
    expect(await find('amendment')).toEqual([ids.amend]);

    // An empty index while published items exist (a restore without it): rebuilt.
    await db.execute(sql`DELETE FROM catalog_search_documents`);
    expect(await find('amendment')).toEqual([]);
    expect(await ensureSearchIndex(db)).toBe(published);
    expect(await find('amendment')).toEqual([ids.amend]);
    expect(await find('yyzz')).toEqual([ids.cancel, ids.amend]);
    expect(await ensureSearchIndex(db)).toBe(0);
  });
});

describe('search synonyms', () => {
  it('a citizen may not list, add or remove them (403 problem+json); signed out is 401', async () => {
    const citizen = await signIn(ctx.app, person);
    for (const res of [await citizen.get('/api/catalog/synonyms'), await citizen.post('/api/catalog/synonyms', { term: '低保', expansions: ['最低生活保障'] })]) {
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect((await anyone().get('/api/catalog/synonyms')).statusCode).toBe(401);
  });

  it('a catalogue admin adds one (低保 → 最低生活保障) and citizens find with it; removed, it stops; both audited', async () => {
    const a = await signIn(ctx.app, admin);
    // The demo seed's list may already hold 低保: start without it.
    const seeded = ((await a.get('/api/catalog/synonyms')).json().items as { id: string; term: string }[]).find((s) => s.term === '低保');
    if (seeded) expect((await a.request('DELETE', `/api/catalog/synonyms/${seeded.id}`)).statusCode).toBe(204);
    expect(await find('低保')).toEqual([]);

    const added = await a.post('/api/catalog/synonyms', { term: '低保', expansions: ['最低生活保障'] });
    expect(added.statusCode, added.body).toBe(201);
    const synonym = added.json();
    expect(synonym).toMatchObject({ term: '低保', expansions: ['最低生活保障'] });
    expect(await find('低保')).toEqual([ids.dibao]);
    expect(await find('低保金申领')).toEqual([ids.dibao]);
    expect((await a.get('/api/catalog/synonyms')).json().items).toEqual(expect.arrayContaining([expect.objectContaining({ id: synonym.id, term: '低保' })]));
    const again = await a.post('/api/catalog/synonyms', { term: '低保', expansions: ['低收入'] });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([expect.objectContaining({ path: 'term' })]);

    expect((await a.request('DELETE', `/api/catalog/synonyms/${synonym.id}`)).statusCode).toBe(204);
    expect(await find('低保')).toEqual([]);
    expect((await a.request('DELETE', `/api/catalog/synonyms/${synonym.id}`)).statusCode).toBe(404);
    const events = await auditEventsFor(ctx.database.db, 'catalog_synonym', synonym.id);
    expect(events.map((e) => [e.action, e.actorAccountId])).toEqual([
      ['catalog_synonym.add', admin.id],
      ['catalog_synonym.remove', admin.id],
    ]);
  });
});
