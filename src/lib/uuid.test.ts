import { describe, it, expect } from 'vitest';
import { uuidv7, uuidv7Timestamp } from './uuid.js';

const RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('has RFC 9562 format, version 7 and variant 10', () => {
    const u = uuidv7();
    expect(u).toMatch(RE);
    const bytes = Buffer.from(u.replace(/-/g, ''), 'hex');
    expect(bytes).toHaveLength(16);
    expect(bytes[6]! >> 4).toBe(7);
    expect(bytes[8]! >> 6).toBe(0b10);
  });

  it('embeds the current time', () => {
    const before = Date.now();
    const u = uuidv7();
    const after = Date.now();
    const ts = uuidv7Timestamp(u);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(after + 1);
  });

  it('is unique and sorts in creation order, also within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const u of ids) expect(u).toMatch(RE);
  });
});
