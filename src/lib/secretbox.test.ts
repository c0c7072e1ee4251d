import { describe, expect, it } from 'vitest';
import { newKeyringSpec, open, parseKeyring, seal } from './secretbox.js';

describe('secretbox', () => {
  it('opens what it sealed, and nothing that was altered or moved', () => {
    const ring = parseKeyring(newKeyringSpec('a'));
    const sealed = seal(ring, '私钥 secret', 'signing-key:1');
    expect(sealed).not.toContain('secret');
    expect(open(ring, sealed, 'signing-key:1')).toBe('私钥 secret');
    expect(() => open(ring, sealed, 'signing-key:2')).toThrow();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA');
    expect(() => open(ring, tampered, 'signing-key:1')).toThrow();
  });

  it('keeps opening old values after a new key is put first (rotation)', () => {
    const oldSpec = newKeyringSpec('old');
    const before = parseKeyring(oldSpec);
    const sealedOld = seal(before, 'v1', 'x');
    const after = parseKeyring(`${newKeyringSpec('new')},${oldSpec}`);
    expect(open(after, sealedOld, 'x')).toBe('v1');
    expect(seal(after, 'v2', 'x').split('.')[1]).toBe('new');
    expect(() => open(parseKeyring(newKeyringSpec('other')), sealedOld, 'x')).toThrow(/not configured/);
  });

  it('rejects malformed key specifications', () => {
    expect(() => parseKeyring('')).toThrow();
    expect(() => parseKeyring('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseKeyring('bad key')).toThrow();
  });
});
