import { describe, it, expect } from 'vitest';
import { maskCreditCode, maskIdNumber, maskName, maskPhone } from './mask.js';

describe('mask', () => {
  it('names', () => {
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName(' 王𠮷 ')).toBe('王*');
    expect(maskName('𠮷野家')).toBe('𠮷*家');
  });
  it('ID numbers', () => {
    expect(maskIdNumber('620102199001011234')).toBe('620102********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
  });
  it('phones', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('123')).toBe('1**');
  });
  it('credit codes', () => {
    expect(maskCreditCode('91350100M000100Y43')).toBe('91350100********43');
  });
});
