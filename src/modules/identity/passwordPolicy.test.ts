import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeIdNumber } from '../../lib/identifiers.js';
import { Client, createTestApp, type TestContext } from '../../test/app.js';
import { commonPasswordCount, isCommonPassword, isSimplePattern, passwordProblem } from './passwordPolicy.js';

describe('password policy', () => {
  it('knows several hundred of the most common passwords, in any letter case', () => {
    expect(commonPasswordCount()).toBeGreaterThan(400);
    for (const p of ['password1', 'Passw0rd', 'P@ssw0rd', 'woaini1314', 'Qwerty123', 'admin123', 'Password1!']) expect(isCommonPassword(p)).toBe(true);
    expect(isCommonPassword('Hz7-river-lamp')).toBe(false);
  });

  it('sees runs and repeats, also on the keyboard', () => {
    for (const p of ['12345678', 'aaaaaaaa', 'qwertyui', 'abcd1234', 'aaaa1111', '87654321', 'asdfghjk', 'qwer1234', 'zyxwvuts']) {
      expect(isSimplePattern(p), p).toBe(true);
    }
    for (const p of ['Secret2026', 'Chen2026pass', 'Hz7-river-lamp', 'Demo2026!']) expect(isSimplePattern(p), p).toBe(false);
  });

  it('names the most specific problem first', () => {
    expect(passwordProblem('short1')).toBe('PASSWORD_WEAK');
    expect(passwordProblem('abcd1234')).toBe('PASSWORD_PATTERN');
    expect(passwordProblem('password123')).toBe('PASSWORD_COMMON');
    expect(passwordProblem('river13800000001', { phone: '13800000001' })).toBe('PASSWORD_PERSONAL');
    expect(passwordProblem('riverlamp')).toBe('PASSWORD_WEAK');
    expect(passwordProblem('Secret2026')).toBeNull();
  });
});

describe('registration refuses guessable passwords with a clear message', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(() => ctx.close());

  const idNumber = completeIdNumber('62010219920304567');
  const register = (c: Client, password: string, phone = '13700000201') => c.post('/api/auth/register', { name: '孙八', idNumber, phone, password });

  it('in Chinese', async () => {
    const c = new Client(ctx.app);
    expect((await register(c, 'woaini1314')).json().errors).toEqual([{ path: 'password', message: '这是最常用的密码之一，很容易被猜中，请换一个。' }]);
    expect((await register(c, '12345678')).json().errors).toEqual([
      { path: 'password', message: '密码不能是连续或重复的字符（如 12345678、aaaaaaaa、qwertyui），请换一个。' },
    ]);
    expect((await register(c, 'lamp19920304x')).json().errors).toEqual([{ path: 'password', message: '密码不能包含您的手机号或身份证号中的连续数字。' }]);
    expect((await register(c, 'river700000201')).json().errors).toEqual([{ path: 'password', message: '密码不能包含您的手机号或身份证号中的连续数字。' }]);
  });

  it('in English', async () => {
    const c = new Client(ctx.app);
    c.lang = 'en';
    const res = await register(c, 'P@ssw0rd');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'password', message: 'This is one of the most common passwords and easy to guess. Choose another.' }]);
    expect((await register(c, 'qwertyui')).json().errors[0].message).toBe(
      'A password may not be a run or repeat of characters (such as 12345678, aaaaaaaa, qwertyui). Choose another.',
    );
    expect((await register(c, 'Hz7-river-lamp')).statusCode).toBe(201);
  });
});
