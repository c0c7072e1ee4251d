import { describe, expect, it } from 'vitest';
import { buildSearchDocument } from './document.js';
import { pinyinKeys, readings } from './pinyin.js';
import { parseQuery } from './query.js';
import { rank } from './rank.js';
import { bigrams, normalize, tokenize } from './tokenize.js';

describe('the search tokeniser', () => {
  it('turns a Chinese run into its overlapping pairs, and a one-character run into itself', () => {
    expect(bigrams('营业执照')).toEqual(['营业', '业执', '执照']);
    expect(tokenize('营业执照')).toEqual(['营业', '业执', '执照']);
    expect(tokenize('证')).toEqual(['证']);
    expect(tokenize('食品经营许可（新办）')).toEqual(['食品', '品经', '经营', '营许', '许可', '新办']);
  });

  it('lower-cases words, keeps digits, and normalises full-width letters and digits (NFKC)', () => {
    expect(normalize('ＡＢＣ１２３')).toBe('abc123');
    expect(tokenize('Business Licence 000101002000')).toEqual(['business', 'licence', '000101002000']);
    expect(tokenize('２０２４年ＩＣ卡')).toEqual(['2024', '年', 'ic', '卡']);
  });

  it('adds every character alone for names, so a one-character query finds the end of a name', () => {
    expect(tokenize('驾驶证', { unigrams: true })).toEqual(['驾驶', '驶证', '驾', '驶', '证']);
    expect(parseQuery('证')!.tsquery).toBe("( '证' )");
  });

  it('writes pinyin keys that initials, full pinyin and full-then-initials all find by prefix', () => {
    const keys = pinyinKeys('营业执照');
    for (const typed of ['yyzz', 'yingyezz', 'yingyezhizhao', 'yingyez', 'yingyezh', 'zhizhao', 'zz', 'yingy']) {
      expect(keys.some((k) => k.startsWith(typed)), typed).toBe(true);
    }
    expect(keys.some((k) => k.startsWith('yyzj'))).toBe(false);
  });

  it('indexes the other readings of polyphones (重庆: cq and zq) and corrects 政务 words pinyin-pro misreads', () => {
    const keys = pinyinKeys('重庆');
    expect(keys).toEqual(expect.arrayContaining(['cq', 'zq', 'chongqing', 'zhongqing']));
    expect(readings('公积金还款')[0]).toEqual(['gong', 'ji', 'jin', 'huan', 'kuan']);
    expect(readings('行政许可')[0]).toEqual(['xing', 'zheng', 'xu', 'ke']);
    expect(readings('银行')[0]).toEqual(['yin', 'hang']);
    expect(readings('税率')[0]).toEqual(['shui', 'lv']);
  });

  it('builds a document with weights (names A, aliases and keywords B, guide text D) and a names-only vector with the pinyin', () => {
    const doc = buildSearchDocument({ itemId: 'x', names: ['营业执照', 'Business licence'], aliases: ['执照'], keywords: ['SCJG'], text: ["经营者's 场所"] });
    expect(doc.vector).toContain("'营业':1A");
    expect(doc.vector).not.toContain("'yyzz'");
    expect(doc.vector).toMatch(/'scjg':\d+B(?!,)/);
    expect(doc.vector).toMatch(/'经营':\d+ /);
    expect(doc.vector).toMatch(/'s':\d+/);
    expect(doc.names).toEqual(['营业执照', 'business licence']);
    // Names, aliases and pinyin also go to the names-only vector; keywords and guide text do not.
    expect(doc.namesVector.split(' ')).toEqual(expect.arrayContaining(["'营业'", "'yyzz'", "'执照'", "'business'"]));
    expect(doc.namesVector.split(' ')).not.toContain("'scjg'");
    expect(doc.namesVector.split(' ')).not.toContain("'经营'");
  });

  it('queries each term as the AND of its pairs, words by prefix, and a synonym as an OR', () => {
    expect(parseQuery('营业执照')!.tsquery).toBe("( '营业' & '业执' & '执照' )");
    expect(parseQuery('yyzz licence')!.tsquery).toBe("( 'yyzz':* ) & ( 'licence':* )");
    expect(parseQuery('低保', [{ term: '低保', expansions: ['最低生活保障'] }])!.tsquery).toBe("( ( '低保' ) | ( '最低' & '低生' & '生活' & '活保' & '保障' ) )");
    expect(parseQuery('、，。')).toBeNull();
    expect(parseQuery("it's")!.tsquery).toBe("( 'it':* ) & ( 's' )");
  });

  it('ranks the exact name first, then a name that starts with the term, contains it, an alias, pinyin, guide text; shorter first', () => {
    const c = (itemId: string, names: string[], aliases: string[] = [], onNames = true) => ({ itemId, names, aliases, onNames });
    const q = parseQuery('营业执照')!;
    const order = rank(
      [c('text', ['食品经营许可'], [], false), c('contains', ['个体户营业执照办理']), c('alias', ['设立登记'], ['营业执照']), c('prefix-long', ['营业执照遗失补领']), c('prefix', ['营业执照注销']), c('exact', ['营业执照'])],
      q,
    ).map((x) => x.itemId);
    expect(order).toEqual(['exact', 'prefix', 'prefix-long', 'contains', 'alias', 'text']);
    const py = parseQuery('yyzz')!;
    expect(rank([c('text', ['其他事项'], [], false), c('pinyin', ['营业执照'])], py).map((x) => x.itemId)).toEqual(['pinyin', 'text']);
  });
});
