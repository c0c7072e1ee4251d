import { describe, expect, it } from 'vitest';
import { diffContent } from './diff.js';

describe('diffContent', () => {
  it('names each changed leaf by its path and matches materials by code, fields by name', () => {
    const before = {
      promisedLimitDays: 5,
      guide: { place: { zh: '一号窗口', en: 'Window 1' }, fees: [] },
      materials: [
        { code: 'M01', maxBytes: 10 },
        { code: 'M02', maxBytes: 20 },
      ],
      form: { fields: [{ name: 'a', required: true }] },
    };
    const after = {
      promisedLimitDays: 3,
      guide: { place: { zh: '二号窗口', en: 'Window 1' }, fees: [] },
      materials: [
        { code: 'M02', maxBytes: 20 },
        { code: 'M01', maxBytes: 15 },
      ],
      form: { fields: [{ name: 'a', required: false }, { name: 'b', required: true }] },
    };
    expect(diffContent(before, after)).toEqual([
      { path: 'promisedLimitDays', before: 5, after: 3 },
      { path: 'guide.place.zh', before: '一号窗口', after: '二号窗口' },
      { path: 'materials.M01.maxBytes', before: 10, after: 15 },
      { path: 'form.fields.a.required', before: true, after: false },
      { path: 'form.fields.b', before: undefined, after: { name: 'b', required: true } },
    ]);
  });

  it('finds nothing between equal contents, and compares other lists whole', () => {
    expect(diffContent({ onlineDepth: [1, 2, 3] }, { onlineDepth: [1, 2, 3] })).toEqual([]);
    expect(diffContent({ onlineDepth: [1, 2, 3] }, { onlineDepth: [1, 2, 3, 4] })).toEqual([{ path: 'onlineDepth', before: [1, 2, 3], after: [1, 2, 3, 4] }]);
  });
});
