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
import {
  SM2_CURVE,
  Sm2Point,
  sm2DecodePublicKey,
  sm2PrecomputePublicKey,
  sm2SignDigest,
  sm2VerifyDigest,
} from './sm2-curve.js';

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

// ---------------------------------------------------------------------------
// Curve core (@noble/curves point arithmetic + SM2 equations), cross-checked
// against the standard's vector and against sm-crypto as an oracle.
// ---------------------------------------------------------------------------

const N = SM2_CURVE.n;
const big = (hex: string): bigint => BigInt('0x' + hex);
const hex64 = (x: bigint): string => x.toString(16).padStart(64, '0');
const modN = (x: bigint): bigint => ((x % N) + N) % N;
const modP = (x: bigint, p: bigint): bigint => ((x % p) + p) % p;
const invN = (x: bigint): bigint => Sm2Point.Fn.inv(modN(x));
/** e = SM3(Z_A || M) as an integer, computed independently of sm2.ts's internals. */
const eOf = (pub: string, msg: Uint8Array, userId = SM2_DEFAULT_USER_ID): bigint =>
  big(sm3Hex(Buffer.concat([Buffer.from(sm2ZValue(pub, userId), 'hex'), msg])));
const x1Of = (k: bigint): bigint => Sm2Point.BASE.multiply(k).toAffine().x;

interface RawSm2Oracle {
  doSignature(msg: number[], d: string, o: { hash: boolean; userId?: string; publicKey?: string }): string;
  doVerifySignature(msg: number[], sig: string, pub: string, o: { hash: boolean; userId?: string }): boolean;
  getPublicKeyFromPrivateKey(d: string): string;
}
const oracle = raw as unknown as RawSm2Oracle;

describe('SM2 curve core (sm2-curve.ts)', () => {
  it('uses the GB/T 32918.5 recommended curve: G on the curve, [n]G = O, [n-1]G = -G', () => {
    const { p, a, b, Gx, Gy } = SM2_CURVE;
    expect(a).toBe(p - 3n);
    expect(modP(Gy * Gy - (Gx * Gx * Gx + a * Gx + b), p)).toBe(0n);
    expect(Sm2Point.BASE.multiplyUnsafe(N - 1n).equals(Sm2Point.BASE.negate())).toBe(true);
    expect(Sm2Point.BASE.multiplyUnsafe(N - 1n).add(Sm2Point.BASE).is0()).toBe(true);
    // same constants as the oracle library
    expect(oracle.getPublicKeyFromPrivateKey('1'.padStart(64, '0')).toLowerCase()).toBe('04' + hex64(Gx) + hex64(Gy));
  });

  it('reproduces the Annex A signature exactly with the published k', () => {
    const e = eOf(V.pub, V.msg);
    const sig = sm2SignDigest(big(V.d), e, big(V.k));
    expect(sig).not.toBeNull();
    expect(hex64(sig!.r).toUpperCase()).toBe(V.r);
    expect(hex64(sig!.s).toUpperCase()).toBe(V.s);
    const point = sm2DecodePublicKey(V.pub);
    expect(point).not.toBeNull();
    expect(sm2VerifyDigest(point!, e, big(V.r), big(V.s))).toBe(true);
    expect(sm2VerifyDigest(point!, e + 1n, big(V.r), big(V.s))).toBe(false);
    // with a per-key table too
    expect(sm2VerifyDigest(sm2PrecomputePublicKey(point!), e, big(V.r), big(V.s))).toBe(true);
    expect(sm2VerifyDigest(point!, e, big(V.r), big(V.s) + 1n)).toBe(false);
  });

  it('discards a nonce when r = 0, r + k = n or s = 0 (GB/T 32918.2 §6.1 A5, A6)', () => {
    const d = big(V.d);
    const k = big(V.k);
    const x1 = x1Of(k);
    expect(sm2SignDigest(d, modN(-x1), k)).toBeNull(); // r = 0
    expect(sm2SignDigest(d, modN(N - k - x1), k)).toBeNull(); // r + k = n
    expect(sm2SignDigest(d, modN(k * invN(d) - x1), k)).toBeNull(); // r = k/d ⇒ s = 0
    expect(sm2SignDigest(d, modN(-x1) + 1n, k)).not.toBeNull();
    expect(() => sm2SignDigest(d, 1n, 0n)).toThrow();
    expect(() => sm2SignDigest(d, 1n, N)).toThrow();
    expect(() => sm2SignDigest(N - 1n, 1n, k)).toThrow();
  });

  it('rejects out-of-range r, s, t = 0 and s·G + t·P = O without throwing', () => {
    const d = big(V.d);
    const point = sm2DecodePublicKey(V.pub)!;
    const e = eOf(V.pub, V.msg);
    const r = big(V.r);
    const s = big(V.s);
    for (const [rr, ss] of [
      [0n, s],
      [r, 0n],
      [N, s],
      [r, N],
      [r + N, s],
      [r, s + N],
      [-1n, s],
      [r, (1n << 256n) - 1n],
    ] as const) {
      expect(sm2VerifyDigest(point, e, rr, ss)).toBe(false);
    }
    expect(sm2VerifyDigest(point, e, r, N - r)).toBe(false); // t = 0
    // s = -r·d/(1+d) makes [s]G + [r+s]P_A the point at infinity
    const sInf = modN(-r * d * invN(1n + d));
    expect(Sm2Point.BASE.multiply(sInf).add(point.multiply(modN(r + sInf))).is0()).toBe(true);
    expect(sm2VerifyDigest(point, e, r, sInf)).toBe(false);
  });

  it('rejects r = 0, s = 0, t = 0 and O even when the digest is crafted to satisfy R = r', () => {
    // With e chosen freely, each check is the only thing standing between input and `true`.
    const d = big(V.d);
    const P = sm2DecodePublicKey(V.pub)!;
    const xOf = (pt: typeof P): bigint => (pt.is0() ? 0n : pt.toAffine().x);
    const s = big(V.s);
    const r = big(V.r);
    // r = 0: t = s, x1 = x([s]G + [s]P); e = -x1 makes (e + x1) mod n = 0 = r
    const x0 = xOf(Sm2Point.BASE.multiply(s).add(P.multiply(s)));
    expect(sm2VerifyDigest(P, modN(-x0), 0n, s)).toBe(false);
    // s = 0: t = r, x1 = x([r]P)
    const xs = xOf(P.multiply(r));
    expect(sm2VerifyDigest(P, modN(r - xs), r, 0n)).toBe(false);
    // t = 0: r = n - s, x1 = x([s]G)
    const xt = xOf(Sm2Point.BASE.multiply(s));
    expect(sm2VerifyDigest(P, modN(N - s - xt), N - s, s)).toBe(false);
    // [s]G + [t]P = O: an implementation taking x1 = 0 there would accept e = r
    const sInf = modN(-r * d * invN(1n + d));
    expect(sm2VerifyDigest(P, r, r, sInf)).toBe(false);
    // control: the same construction with all checks satisfied is accepted
    const xc = xOf(Sm2Point.BASE.multiply(s).add(P.multiply(modN(r + s))));
    expect(sm2VerifyDigest(P, modN(r - xc), r, s)).toBe(true);
  });

  it('rejects invalid public points', () => {
    const x = V.pub.slice(2, 66);
    const y = big(V.pub.slice(66));
    const p = SM2_CURVE.p;
    expect(sm2DecodePublicKey(V.pub)).not.toBeNull();
    expect(sm2DecodePublicKey('04' + x + hex64(y + 1n))).toBeNull(); // off the curve
    expect(sm2DecodePublicKey('04' + '0'.repeat(128))).toBeNull(); // "infinity"
    expect(sm2DecodePublicKey('04' + hex64(big(x) + p).slice(-64) + hex64(y))).toBeNull();
    expect(sm2DecodePublicKey('04' + 'f'.repeat(128))).toBeNull(); // coordinates ≥ p
    expect(sm2DecodePublicKey('02' + x)).toBeNull(); // compressed: not accepted
    expect(sm2DecodePublicKey(V.pub.slice(2))).toBeNull();
    // (x, p - y) is on the curve (−P) and valid; (x, y + p) is not a field element
    expect(sm2DecodePublicKey('04' + x + hex64(p - y))).not.toBeNull();
  });
});

describe('SM2 interoperability with sm-crypto (oracle)', () => {
  const enc = new TextEncoder();
  const messages = [
    new Uint8Array(0),
    enc.encode('a'),
    enc.encode('电子证照 1.2.156.3005.2.11100000000013338W011'),
    new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff)),
  ];

  it('derives the same public keys', () => {
    for (let i = 0; i < 5; i++) {
      const kp = sm2GenerateKeyPair();
      expect(oracle.getPublicKeyFromPrivateKey(kp.privateKey).toLowerCase()).toBe(kp.publicKey);
    }
    const nMinus2 = hex64(N - 2n);
    expect(sm2PublicKeyFromPrivate(nMinus2)).toBe(oracle.getPublicKeyFromPrivateKey(nMinus2).toLowerCase());
  });

  it('our signatures verify with sm-crypto and sm-crypto signatures verify with ours', () => {
    for (let i = 0; i < 4; i++) {
      const kp = sm2GenerateKeyPair();
      for (const msg of messages) {
        const ours = sm2Sign(kp.privateKey, msg);
        expect(oracle.doVerifySignature(Array.from(msg), ours, kp.publicKey, { hash: true })).toBe(true);
        const theirs = oracle.doSignature(Array.from(msg), kp.privateKey, { hash: true });
        expect(sm2Verify(kp.publicKey, msg, theirs)).toBe(true);
        // tampering is caught by both
        const other = new Uint8Array([...msg, 1]);
        expect(sm2Verify(kp.publicKey, other, theirs)).toBe(false);
        expect(oracle.doVerifySignature(Array.from(other), ours, kp.publicKey, { hash: true })).toBe(false);
      }
    }
  });

  it('agrees with sm-crypto on a custom user ID', () => {
    const kp = sm2GenerateKeyPair();
    const msg = enc.encode('custom id');
    const userId = 'ALICE123@YAHOO.COM';
    const ours = sm2Sign(kp.privateKey, msg, userId);
    expect(oracle.doVerifySignature(Array.from(msg), ours, kp.publicKey, { hash: true, userId })).toBe(true);
    const theirs = oracle.doSignature(Array.from(msg), kp.privateKey, { hash: true, userId });
    expect(sm2Verify(kp.publicKey, msg, theirs, userId)).toBe(true);
    expect(sm2Verify(kp.publicKey, msg, theirs)).toBe(false);
  });
});

describe('sm2Verify hardening and key cache', () => {
  it('returns false and never throws on malformed or hostile input', () => {
    const r = V.r.toLowerCase();
    const s = V.s.toLowerCase();
    const nHex = hex64(N);
    const bad: Array<[unknown, unknown, unknown]> = [
      [V.pub, V.msg, '0'.repeat(64) + s], // r = 0
      [V.pub, V.msg, r + '0'.repeat(64)], // s = 0
      [V.pub, V.msg, nHex + s], // r = n
      [V.pub, V.msg, r + nHex], // s = n
      [V.pub, V.msg, r + hex64(N - big(r))], // t = 0
      [V.pub, V.msg, 'f'.repeat(128)],
      [V.pub, V.msg, r + s + '00'], // too long
      [V.pub, V.msg, ' ' + (r + s).slice(1)],
      [V.pub, V.msg, null],
      [V.pub, V.msg, 42],
      [V.pub, 'message digest', r + s], // not a Uint8Array
      [V.pub, null, r + s],
      [null, V.msg, r + s],
      [undefined, V.msg, r + s],
      ['04' + V.pub.slice(2, 66) + hex64(big(V.pub.slice(66)) + 1n), V.msg, r + s], // off-curve key
      ['04' + 'f'.repeat(128), V.msg, r + s],
      ['02' + V.pub.slice(2, 66), V.msg, r + s],
      ['04' + V.pub.slice(2, 66), V.msg, r + s],
    ];
    for (const [pub, msg, sig] of bad) {
      expect(() => sm2Verify(pub as string, msg as Uint8Array, sig as string)).not.toThrow();
      expect(sm2Verify(pub as string, msg as Uint8Array, sig as string)).toBe(false);
    }
    // an invalid key stays invalid on repeated (cached) use
    const offCurve = '04' + V.pub.slice(2, 66) + hex64(big(V.pub.slice(66)) + 1n);
    for (let i = 0; i < 3; i++) expect(sm2Verify(offCurve, V.msg, r + s)).toBe(false);
    expect(sm2Verify(V.pub, V.msg, r + s)).toBe(true);
  });

  it('stays correct across repeated use, table attachment and cache eviction', () => {
    const msg = new TextEncoder().encode('cache');
    // > 64 tabled keys, each used > 16 times: tables get attached, evicted and rebuilt
    const keys = Array.from({ length: 68 }, () => sm2GenerateKeyPair());
    const sigs = keys.map((k) => sm2Sign(k.privateKey, msg));
    for (let round = 0; round < 10; round++) {
      keys.forEach((k, i) => {
        expect(sm2Verify(k.publicKey, msg, sigs[i]!)).toBe(true);
        expect(sm2Verify(k.publicKey, msg, sigs[(i + 1) % keys.length]!)).toBe(false);
      });
    }
  }, 60_000);
});
