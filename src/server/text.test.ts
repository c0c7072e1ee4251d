import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeIdNumber } from '../lib/identifiers.js';
import { isCleanName } from '../lib/text.js';
import { Client, createTestApp, type TestContext } from '../test/app.js';

/** Text that cannot be stored is a 400 in the user's language; names refuse control and bidi characters. */
let ctx: TestContext;
let admin: Client;
let department: string;

beforeAll(async () => {
  ctx = await createTestApp();
  admin = new Client(ctx.app);
  await admin.login('zwfw.platform_admin');
  department = ((await admin.get('/api/admin/departments')).json().items as { id: string; code: string }[]).find((d) => d.code === 'GA')!.id;
});
afterAll(() => ctx?.close());

const register = (name: string, n: number, lang: 'zh-CN' | 'en' = 'zh-CN') => {
  const c = new Client(ctx.app);
  c.lang = lang;
  return c.post('/api/auth/register', { name, idNumber: completeIdNumber(`62010219900101${String(n).padStart(3, '0')}`), phone: `1370000${String(n).padStart(4, '0')}`, password: 'Qz7!river-lantern' });
};

describe('NUL and unpaired surrogates anywhere', () => {
  it('in a JSON body: 400 problem+json naming the field, in the user’s language', async () => {
    for (const [name, lang, title] of [
      ['张\u0000三', 'zh-CN', '文字内容无效'],
      ['张\ud800三', 'en', 'Invalid text'],
    ] as const) {
      const res = await register(name, name.length + (lang === 'en' ? 10 : 0), lang);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'BAD_TEXT', title, errors: [{ path: 'name' }] });
    }
  });

  it('in a sign-in name, a search query, a form and an object key', async () => {
    const citizen = new Client(ctx.app);
    expect((await citizen.post('/api/auth/login', { username: '138\u00000000001', password: 'x' })).json().code).toBe('BAD_TEXT');
    expect((await citizen.get('/api/catalog/items?q=%00')).statusCode).toBe(400);
    expect((await citizen.get('/api/catalog/items?q=%00')).json().code).toBe('BAD_TEXT');
    await citizen.login('13800000001');
    const res = await citizen.post('/api/cases', { itemId: '0190f3c8-7a1e-7000-8000-0000000000aa', form: { 'trade\u0000Name': 'x', scope: 'a\udfffb' }, materials: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('BAD_TEXT');
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['form.(key)', 'form.scope']);
  });

  it('in names of departments, staff, passkeys and OIDC client systems', async () => {
    const bad = 'x\u0000y';
    const answers = [
      await admin.post('/api/admin/departments', { parentId: department, code: 'NUL-TEST', name: { zh: bad, en: 'x' }, creditCode: '11620100MB0000000X', regionCode: '620102' }),
      await admin.post('/api/admin/staff', { departmentId: department, name: bad, username: 'nul.test', phone: '13900009999', password: 'Qz7!river-lantern' }),
      await admin.post('/api/admin/oidc/clients', { name: { zh: bad, en: 'x' }, departmentId: department, redirectUris: ['https://a.example/cb'], scopes: ['openid'] }),
    ];
    for (const res of answers) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('BAD_TEXT');
    }
  });
});

describe('control and bidi characters in names', () => {
  it('registration refuses ESC and U+202E in the name, with a field message', async () => {
    for (const [i, name] of ['张三\u001b[2J', 'invoice\u202Efdp', '李\u2066四'].entries()) {
      const res = await register(name, 200 + i);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().code).toBe('VALIDATION');
      expect(res.json().errors).toEqual([{ path: 'name', message: '名称不能包含控制字符、文字方向控制字符（如 U+202E）或不可见字符。' }]);
    }
  });

  it('department, staff, OIDC client and passkey names refuse them too', async () => {
    const rlo = 'Evil\u202Egnp.exe';
    const answers = [
      await admin.post('/api/admin/departments', { parentId: department, code: 'BIDI-TEST', name: { zh: '测试', en: rlo }, creditCode: '11620100MB0000000X', regionCode: '620102' }),
      await admin.post('/api/admin/staff', { departmentId: department, name: `王\u001b五`, username: 'bidi.test', phone: '13900009998', password: 'Qz7!river-lantern' }),
      await admin.post('/api/admin/oidc/clients', { name: { zh: rlo, en: 'x' }, departmentId: department, redirectUris: ['https://a.example/cb'], scopes: ['openid'] }),
    ];
    const citizen = new Client(ctx.app);
    await citizen.login('13800000002');
    answers.push(await citizen.request('PUT', '/api/auth/passkeys/0190f3c8-7a1e-7000-8000-0000000000aa', { name: '我的\u202E手机' }));
    for (const res of answers) {
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json().errors)).toContain('文字方向控制字符');
    }
  });

  it('real names stay accepted: middle dots, rare characters with variation selectors, Latin names', () => {
    for (const name of ['阿沛·阿旺晋美', '𠀀\u{E0100}', 'Zhang San-Feng', "O'Brien", '欧阳 娜娜']) expect(isCleanName(name), name).toBe(true);
    for (const name of ['a\u0007', 'a\u200Bb', 'a\u2028b', 'a\u061Cb', 'a\u200Fb']) expect(isCleanName(name), JSON.stringify(name)).toBe(false);
  });
});
