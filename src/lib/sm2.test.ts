import { describe, it, expect } from 'vitest';
import smCryptoModule from 'sm-crypto';
import {
  SM2_DEFAULT_USER_ID,
  sm2GenerateKeyPair,
  sm2PublicKeyFromPrivate,
  sm2Sign,
  sm2Verify,
  sm2ZValue,
  sm3Hex,
} from './sm2.js';

// GB/T 32918.5-2017 Annex A (recommended curve), also OpenSSL's test vector.
const V = {
  d: '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8',
  k: '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21',
  pub:
    '04' +
    '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020' +
    'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  za: 'B2E14C5C79C6DF5B85F4FE7ED8DB7A262B9DA7E07CCB0EA9F4747B8CCDA8A4F3',
  r: 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3',
  s: 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
  msg: new TextEncoder().encode('message digest'),
};

type BigIntegerCtor = new (s: string, radix: number) => unknown;
interface RawSm2 {
  doSignature(msg: number[], d: string, o: object): string;
  doVerifySignature(msg: number[], sig: string, pub: string, o: object): boolean;
  getPoint(): { k: { constructor: BigIntegerCtor } };
  getPublicKeyFromPrivateKey(d: string): string;
}
const raw = (smCryptoModule as unknown as { sm2: RawSm2 }).sm2;

describe('SM3 (GB/T 32905-2016)', () => {
  it('matches the standard vectors', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
    expect(sm3Hex(new TextEncoder().encode('abc'))).toBe(sm3Hex('abc'));
  });
});

describe('SM2 GB/T 32918.5 Annex A vector', () => {
  it('derives the public key and Z_A', () => {
    expect(sm2PublicKeyFromPrivate(V.d)).toBe(V.pub.toLowerCase());
    expect(sm2ZValue(V.pub)).toBe(V.za.toLowerCase());
    expect(sm2ZValue(V.pub, SM2_DEFAULT_USER_ID)).toBe(V.za.toLowerCase());
  });

  it('verifies the published signature', () => {
    expect(sm2Verify(V.pub, V.msg, V.r + V.s)).toBe(true);
    expect(sm2Verify(V.pub.toLowerCase(), V.msg, (V.r + V.s).toLowerCase())).toBe(true);
    expect(sm2Verify(V.pub.slice(2), V.msg, V.r + V.s)).toBe(true); // bare x||y
  });

  it('fails with another user ID, message or signature', () => {
    expect(sm2Verify(V.pub, V.msg, V.r + V.s, 'ALICE123@YAHOO.COM')).toBe(false);
    expect(sm2Verify(V.pub, new TextEncoder().encode('message digesT'), V.r + V.s)).toBe(false);
    expect(sm2Verify(V.pub, V.msg, V.r + V.s.slice(0, -1) + 'B')).toBe(false);
  });

  it('reproduces r, s exactly with the published k (sm-crypto pointPool)', () => {
    const BigInteger = raw.getPoint().k.constructor;
    const kG = raw.getPublicKeyFromPrivateKey(V.k);
    const point = { k: new BigInteger(V.k, 16), x1: new BigInteger(kG.slice(2, 66), 16) };
    const sig = raw.doSignature(Array.from(V.msg), V.d, { hash: true, pointPool: [point] });
    expect(sig.toUpperCase()).toBe(V.r + V.s);
    // sm-crypto's own hash path agrees with ours
    expect(raw.doVerifySignature(Array.from(V.msg), sig, V.pub, { hash: true })).toBe(true);
  });
});

describe('SM2 sign / verify', () => {
  it('round-trips with a fresh key pair and interoperates with sm-crypto hash:true', () => {
    const kp = sm2GenerateKeyPair();
    expect(kp.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(kp.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(sm2PublicKeyFromPrivate(kp.privateKey)).toBe(kp.publicKey);
    const msg = new TextEncoder().encode('一网通办 test message');
    const sig = sm2Sign(kp.privateKey, msg);
    expect(sig).toMatch(/^[0-9a-f]{128}$/);
    expect(sm2Verify(kp.publicKey, msg, sig)).toBe(true);
    expect(raw.doVerifySignature(Array.from(msg), sig, kp.publicKey, { hash: true })).toBe(true);
    // randomised nonces
    expect(sm2Sign(kp.privateKey, msg)).not.toBe(sig);
  });

  it('supports a custom user ID', () => {
    const kp = sm2GenerateKeyPair();
    const msg = new Uint8Array([1, 2, 3]);
    const sig = sm2Sign(kp.privateKey, msg, 'yiwang@example');
    expect(sm2Verify(kp.publicKey, msg, sig, 'yiwang@example')).toBe(true);
    expect(sm2Verify(kp.publicKey, msg, sig)).toBe(false);
  });

  it('signs the Annex A message with d and verifies', () => {
    const sig = sm2Sign(V.d, V.msg);
    expect(sm2Verify(V.pub, V.msg, sig)).toBe(true);
  });

  it('rejects a tampered message and garbage without throwing', () => {
    const kp = sm2GenerateKeyPair();
    const msg = new Uint8Array([10, 20, 30, 40]);
    const sig = sm2Sign(kp.privateKey, msg);
    expect(sm2Verify(kp.publicKey, new Uint8Array([10, 20, 30, 41]), sig)).toBe(false);
    expect(sm2Verify(kp.publicKey, msg, 'zz')).toBe(false);
    expect(sm2Verify(kp.publicKey, msg, '0'.repeat(128))).toBe(false);
    expect(sm2Verify('04' + '0'.repeat(128), msg, sig)).toBe(false);
    expect(sm2Verify('nonsense', msg, sig)).toBe(false);
    expect(sm2Verify(V.pub, msg, sig)).toBe(false);
  });

  it('throws on a bad private key', () => {
    expect(() => sm2Sign('00'.repeat(32), new Uint8Array([1]))).toThrow();
    expect(() => sm2Sign('abc', new Uint8Array([1]))).toThrow();
  });
});
