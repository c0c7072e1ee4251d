import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestContext } from '../../../test/app.js';
import { createDepartment, createItem, createPerson, createStaff, type TestStaff } from '../../../test/factories.js';
import type { ThemeInput } from '../index.js';

/**
 * Defining themes (一件事): who may, what publication refuses (a member not published, a cycle of
 * prerequisites, a mapping onto a field or material a member does not have), and what the portal
 * then shows — one combined guide and one form.
 */
let ctx: TestContext;
let admin: Client;
const staff: Record<string, TestStaff> = {};
type Item = Awaited<ReturnType<typeof createItem>>;
let a: Item, b: Item, c: Item;

const t = (zh: string, en: string) => ({ zh, en });
const field = (name: string, zh: string) => ({ name, label: t(zh, name), type: 'text' as const, required: true, maxLength: 50 });

function definition(overrides: Partial<ThemeInput> = {}): ThemeInput {
  return {
    code: `T-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    name: t('测试一件事', 'Test theme'),
    description: t('一次申请三个事项。', 'Three services in one application.'),
    audience: 'person',
    topics: { lifeEvents: ['birth'] },
    members: [
      { item: a.code, after: [] },
      { item: b.code, after: [a.code] },
      { item: c.code, after: [a.code] },
    ],
    fields: [{ name: 'purpose', label: t('用途', 'Purpose'), targets: [a, b, c].map((i) => ({ item: i.code, field: 'purpose' })) }],
    materials: [{ code: 'S01', name: t('身份证明', 'Identity document'), targets: [a, b, c].map((i) => ({ item: i.code, material: 'M01' })) }],
    ...overrides,
  };
}

beforeAll(async () => {
  ctx = await createTestApp();
  const { db } = ctx.database;
  const dept = await createDepartment(db);
  const other = await createDepartment(db);
  const operator = await createDepartment(db);
  for (const role of ['catalogue_admin', 'platform_admin', 'supervisor'] as const) staff[role] = await createStaff(db, operator.id, [role]);
  for (const role of ['admin', 'clerk', 'approver'] as const) staff[role] = await createStaff(db, dept.id, [role]);
  a = await createItem(db, dept.id, { promisedLimitDays: 3 });
  b = await createItem(db, other.id, { promisedLimitDays: 2, fields: [field('purpose', '用途'), field('extra', '其他')] });
  c = await createItem(db, other.id, { promisedLimitDays: 4 });
  admin = new Client(ctx.app);
  await admin.login(staff.catalogue_admin!.username, staff.catalogue_admin!.password);
});
afterAll(() => ctx.close());

describe('who may manage themes', () => {
  it('is catalogue admins and platform admins; department admins, handlers, supervisors and citizens are refused', async () => {
    const table: [string, number][] = [
      ['catalogue_admin', 201],
      ['platform_admin', 201],
      ['admin', 403],
      ['clerk', 403],
      ['approver', 403],
      ['supervisor', 403],
    ];
    for (const [role, status] of table) {
      const client = new Client(ctx.app);
      await client.login(staff[role]!.username, staff[role]!.password);
      const res = await client.post('/api/catalog/admin/themes', definition());
      expect([role, res.statusCode]).toEqual([role, status]);
      expect([role, (await client.get('/api/catalog/admin/themes')).statusCode]).toEqual([role, status === 201 ? 200 : 403]);
    }
    const person = await createPerson(ctx.database.db);
    const citizen = new Client(ctx.app);
    await citizen.login(person.phone, person.password);
    expect((await citizen.post('/api/catalog/admin/themes', definition())).statusCode).toBe(403);
    expect((await new Client(ctx.app).get('/api/catalog/admin/themes')).statusCode).toBe(401);
  });
});

describe('publishing a theme', () => {
  async function draft(overrides: Partial<ThemeInput> = {}) {
    const res = await admin.post('/api/catalog/admin/themes', definition(overrides));
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('draft');
    return res.json() as { id: string; code: string; issues: { path: string; code: string }[] };
  }

  it('refuses a cycle of prerequisites, in Chinese and in English', async () => {
    const theme = await draft({
      members: [
        { item: a.code, after: [c.code] },
        { item: b.code, after: [a.code] },
        { item: c.code, after: [b.code] },
      ],
    });
    expect(theme.issues.map((i) => i.code)).toEqual(['THEME_CYCLE']);
    const res = await admin.post(`/api/catalog/admin/themes/${theme.id}/publish`);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('THEME_INVALID');
    expect(res.json().errors).toEqual([{ path: 'members.0.after', message: expect.stringContaining('循环') }]);
    admin.lang = 'en';
    const en = await admin.post(`/api/catalog/admin/themes/${theme.id}/publish`);
    admin.lang = 'zh-CN';
    expect(en.json().title).toBe('The theme cannot be published');
    expect(en.json().errors[0].message).toContain('cycle');
    // Still a draft: the portal does not list it.
    expect((await new Client(ctx.app).get('/api/catalog/themes')).json().items.map((x: { code: string }) => x.code)).not.toContain(theme.code);
  });

  it('refuses a shared field or material a member does not have, naming the member', async () => {
    const theme = await draft({
      fields: [{ name: 'purpose', label: t('用途', 'Purpose'), targets: [{ item: a.code, field: 'purpose' }, { item: b.code, field: 'nickname' }] }],
      materials: [{ code: 'S01', name: t('身份证明', 'ID'), targets: [{ item: c.code, material: 'M09' }] }],
    });
    const res = await admin.post(`/api/catalog/admin/themes/${theme.id}/publish`);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { path: 'fields.0.targets.1.field', message: `成员事项 ${b.code} 的申请表中没有字段 nickname。` },
      { path: 'materials.0.targets.0.material', message: `成员事项 ${c.code} 的申请材料中没有 M09。` },
    ]);
  });

  it('refuses a member that is not published, and publishes once it is valid (audited)', async () => {
    const { db } = ctx.database;
    const dept = await createDepartment(db);
    const retired = await createItem(db, dept.id);
    const retire = await admin.post(`/api/catalog/admin/implementations/${retired.id}/retire`);
    expect(retire.statusCode).toBe(204);
    const theme = await draft({ members: [{ item: a.code, after: [] }, { item: retired.code, after: [a.code] }], fields: [], materials: [] });
    const res = await admin.post(`/api/catalog/admin/themes/${theme.id}/publish`);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'members.1.item', message: expect.stringContaining('尚未发布') }]);

    const fixed = await admin.request('PUT', `/api/catalog/admin/themes/${theme.id}`, definition({ code: theme.code }));
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().issues).toEqual([]);
    const published = await admin.post(`/api/catalog/admin/themes/${theme.id}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');
    // A published theme keeps passing the checks: an edit that would break it is refused.
    const broken = await admin.request('PUT', `/api/catalog/admin/themes/${theme.id}`, definition({ code: theme.code, members: [{ item: a.code, after: [b.code] }, { item: b.code, after: [a.code] }] }));
    expect(broken.statusCode).toBe(422);
    const actions = await ctx.database.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type = 'theme' AND entity_id = $1 ORDER BY seq`, [theme.id]);
    expect(actions.map((r) => r.action)).toEqual(['theme.create', 'theme.update', 'theme.publish']);
  });

  it('shows the portal one combined guide and one form', async () => {
    const theme = await draft();
    expect((await admin.post(`/api/catalog/admin/themes/${theme.id}/publish`)).statusCode).toBe(200);
    const portal = new Client(ctx.app);
    const list = (await portal.get('/api/catalog/themes?audience=person&lifeEvent=birth')).json().items;
    expect(list.map((x: { code: string }) => x.code)).toContain(theme.code);
    expect((await portal.get('/api/catalog/themes?audience=entity')).json().items.map((x: { code: string }) => x.code)).not.toContain(theme.code);
    const detail = (await portal.get(`/api/catalog/themes/${theme.id}`)).json();
    // a (3 days) then b (2) and c (4) side by side: 7 working days along the longest chain.
    expect(detail.promisedLimitDays).toBe(7);
    expect(detail.members.map((m: { code: string; step: number }) => [m.code, m.step])).toEqual([
      [a.code, 1],
      [b.code, 2],
      [c.code, 2],
    ]);
    expect(detail.members[1].after.map((x: { id: string }) => x.id)).toEqual([a.id]);
    // The identity document once, for all three; purpose asked once; only b's own field after.
    expect(detail.materials.map((m: { code: string; itemId: string | null; for: string[] }) => [m.code, m.itemId, m.for.length])).toEqual([['S01', null, 3]]);
    expect(detail.form.shared.fields.map((f: { name: string }) => f.name)).toEqual(['purpose']);
    expect(detail.form.members.map((m: { form: { fields: { name: string }[] } }) => m.form.fields.map((f) => f.name))).toEqual([[], ['extra'], []]);
  });
});
