/**
 * SM2 signatures (GB/T 32918.2-2016 / GM/T 0003-2012) and SM3 (GB/T 32905-2016).
 *
 * e = SM3(Z_A || M), Z_A = SM3(ENTL || ID || a || b || xG || yG || xA || yA)
 * (GB/T 32918.2 §5.5, default ID `1234567812345678`, as in GM/T 0009), hashed with
 * node:crypto's SM3 — the same as sm-crypto's `{ hash: true, userId }`.
 * Signatures are hex `r || s` (64 bytes, 128 hex chars), not DER.
 *
 * Curve arithmetic: @noble/curves' generic short-Weierstrass points (audited), with the
 * SM2 equations on top (sm2-curve.ts). sm-crypto (jsbn BigInteger, ~20 ms per verify) is
 * no longer on the signing/verification path; it remains a test oracle and the SM3
 * fallback for a Node built without SM3.
 *
 * Speed: verification uses a fixed-base table for G and, from a key's second use on, a
 * per-key table for P_A (cached for a bounded number of keys, LRU), since the platform
 * verifies many signatures from few issuer keys.
 *
 * Randomness: keys and nonces come from node:crypto's CSPRNG (rejection sampling, no
 * modular bias; biased SM2 nonces leak the private key). sm-crypto's own generator is an
 * RC4 stream seeded once and is not used.
 */
import { createHash, getHashes, randomBytes } from 'node:crypto';
import smCryptoModule from 'sm-crypto';
import {
  SM2_CURVE,
  Sm2Point,
  sm2DecodePublicKey,
  sm2MultiplyBase,
  sm2PointToHex,
  sm2PrecomputePublicKey,
  sm2SignDigest,
  sm2VerifyDigest,
} from './sm2-curve.js';

/** The part of sm-crypto 0.5.8 still used here: SM3 when node:crypto lacks it. */
interface SmCryptoApi {
  sm3(input: string | number[]): string;
}

const sm = smCryptoModule as unknown as SmCryptoApi;

export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** Recommended curve parameters (GB/T 32918.5-2017 §3), as used in Z_A. */
const P = {
  a: hex64(SM2_CURVE.a),
  b: hex64(SM2_CURVE.b),
  xG: hex64(SM2_CURVE.Gx),
  yG: hex64(SM2_CURVE.Gy),
  n: SM2_CURVE.n,
};

const HAS_NODE_SM3 = getHashes().includes('sm3');

function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

function sm3Bytes(data: Uint8Array): Uint8Array {
  if (HAS_NODE_SM3) return createHash('sm3').update(data).digest();
  return Buffer.from(sm.sm3(Array.from(data)), 'hex');
}

/** SM3 digest as lowercase hex; strings are hashed as UTF-8. */
export function sm3Hex(data: Uint8Array | string): string {
  return Buffer.from(sm3Bytes(toBytes(data))).toString('hex');
}

const HEX64 = /^[0-9a-fA-F]{64}$/;
const PUB_RE = /^04[0-9a-fA-F]{128}$/;

/** Accepts `04||x||y` (130 hex) or bare `x||y` (128 hex); returns lowercase `04…` or null. */
function normalisePublicKey(publicKeyHex: string): string | null {
  if (typeof publicKeyHex !== 'string') return null;
  const k = publicKeyHex.length === 128 ? '04' + publicKeyHex : publicKeyHex;
  return PUB_RE.test(k) ? k.toLowerCase() : null;
}

function checkPrivateKey(privateKeyHex: string): string {
  if (typeof privateKeyHex !== 'string' || !HEX64.test(privateKeyHex)) {
    throw new Error('SM2 private key must be 64 hex characters');
  }
  const d = BigInt('0x' + privateKeyHex);
  if (d < 1n || d > P.n - 2n) throw new Error('SM2 private key out of range [1, n-2]');
  return privateKeyHex.toLowerCase();
}

/** Uniform random integer in [0, max] from the CSPRNG (rejection sampling). */
function randomBelowOrEqual(max: bigint): bigint {
  for (;;) {
    const r = BigInt('0x' + randomBytes(32).toString('hex'));
    if (r <= max) return r;
  }
}

function hex64(x: bigint): string {
  return x.toString(16).padStart(64, '0');
}

/** Bounded LRU cache (a hit moves the entry to the back; the front is evicted). */
class Lru<V> {
  private readonly m = new Map<string, V>();
  private readonly limit: number;
  private readonly onEvict: ((value: V) => void) | undefined;
  constructor(limit: number, onEvict?: (value: V) => void) {
    this.limit = limit;
    this.onEvict = onEvict;
  }
  get(k: string): V | undefined {
    const v = this.m.get(k);
    if (v !== undefined) {
      this.m.delete(k);
      this.m.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.m.delete(k);
    if (this.m.size >= this.limit) {
      const first = this.m.entries().next();
      if (!first.done) {
        this.m.delete(first.value[0]);
        this.onEvict?.(first.value[1]);
      }
    }
    this.m.set(k, v);
  }
}

// These caches, and verifyKeys below, are keyed by key material itself (a private key, a public
// key and user ID): what they hold is derived from the key and can never go stale, so every
// instance may keep its own.
const publicKeyCache = new Lru<string>(1000);
const zCache = new Lru<Uint8Array>(1000);

/** Public key `04||x||y` (lowercase hex) for a private key. */
export function sm2PublicKeyFromPrivate(privateKeyHex: string): string {
  const d = checkPrivateKey(privateKeyHex);
  let pub = publicKeyCache.get(d);
  if (!pub) {
    pub = sm2PointToHex(sm2MultiplyBase(BigInt('0x' + d)));
    publicKeyCache.set(d, pub);
  }
  return pub;
}

/** Z_A = SM3(ENTL || ID || a || b || xG || yG || xA || yA), hex (GB/T 32918.2 §5.5). */
export function sm2ZValue(publicKeyHex: string, userId: string = SM2_DEFAULT_USER_ID): string {
  return Buffer.from(zValue(publicKeyHex, userId)).toString('hex');
}

function zValue(publicKeyHex: string, userId: string): Uint8Array {
  const pub = normalisePublicKey(publicKeyHex);
  if (!pub) throw new Error('SM2 public key must be uncompressed 04||x||y hex');
  const cacheKey = pub + '|' + userId;
  const hit = zCache.get(cacheKey);
  if (hit) return hit;
  const id = Buffer.from(userId, 'utf8');
  const entl = id.length * 8;
  if (entl > 0xffff) throw new Error('SM2 user ID too long');
  const z = sm3Bytes(
    Buffer.concat([
      Buffer.from([entl >> 8, entl & 0xff]),
      id,
      Buffer.from(P.a + P.b + P.xG + P.yG, 'hex'),
      Buffer.from(pub.slice(2), 'hex'),
    ]),
  );
  zCache.set(cacheKey, z);
  return z;
}

/** e = SM3(Z_A || M) as an integer (GB/T 32918.2 §6.1 A2–A3, §7.1 B3–B4). */
function digestE(publicKeyHex: string, message: Uint8Array, userId: string): bigint {
  const h = HAS_NODE_SM3
    ? createHash('sm3').update(zValue(publicKeyHex, userId)).update(message).digest()
    : sm3Bytes(Buffer.concat([zValue(publicKeyHex, userId), message]));
  return BigInt('0x' + Buffer.from(h).toString('hex'));
}

/** Signs `message` (SM2 with Z_A); returns hex r||s (128 chars). Throws on a bad key. */
export function sm2Sign(privateKeyHex: string, message: Uint8Array, userId: string = SM2_DEFAULT_USER_ID): string {
  const dHex = checkPrivateKey(privateKeyHex);
  const pub = sm2PublicKeyFromPrivate(dHex);
  const e = digestE(pub, message, userId);
  const d = BigInt('0x' + dHex);
  // A3: k uniform in [1, n-1] from the CSPRNG; A5/A6: a fresh k on r = 0, r + k = n or
  // s = 0 (probability ~2^-255 each).
  for (;;) {
    const sig = sm2SignDigest(d, e, randomBelowOrEqual(P.n - 2n) + 1n);
    if (sig) return hex64(sig.r) + hex64(sig.s);
  }
}

/**
 * Decoded verification keys. A per-key point table (~280 KB, ~22 ms to build, about ten
 * table-less verifications' worth) makes each later verification ~4x faster. It is built
 * only once a key has been used TABLE_AFTER_USES times, and at most TABLED_KEY_LIMIT keys
 * keep one (LRU; an evicted key starts counting again). So one-off keys (e.g. chosen by a
 * caller) never pay for a table, and cycling through more keys than the limit costs at
 * most ~1.6x a table-less verification instead of a table rebuild per call.
 */
interface VerifyKey {
  point: Sm2Point;
  uses: number;
  tabled: boolean;
}
const VERIFY_KEY_LIMIT = 1000;
const TABLED_KEY_LIMIT = 64;
const TABLE_AFTER_USES = 16;
const verifyKeys = new Lru<VerifyKey | null>(VERIFY_KEY_LIMIT);
const tabledKeys = new Lru<VerifyKey>(TABLED_KEY_LIMIT, (evicted) => {
  // A fresh instance without a table; the old one's table is freed with it (WeakMap).
  evicted.point = Sm2Point.fromAffine(evicted.point.toAffine());
  evicted.tabled = false;
  evicted.uses = 0;
});

function verifyKey(pub: string): Sm2Point | null {
  let key = verifyKeys.get(pub);
  if (key === undefined) {
    const point = sm2DecodePublicKey(pub);
    key = point ? { point, uses: 0, tabled: false } : null;
    verifyKeys.set(pub, key); // invalid keys are cached as null
  }
  if (key === null) return null;
  if (key.tabled) {
    tabledKeys.get(pub); // refresh its LRU position
  } else if (++key.uses >= TABLE_AFTER_USES) {
    key.point = sm2PrecomputePublicKey(key.point);
    key.tabled = true;
    tabledKeys.set(pub, key);
  }
  return key.point;
}

const SIG_RE = /^[0-9a-fA-F]{128}$/;

/** Verifies hex r||s over `message`. Never throws; false on any malformed input. */
export function sm2Verify(
  publicKeyHex: string,
  message: Uint8Array,
  signatureHex: string,
  userId: string = SM2_DEFAULT_USER_ID,
): boolean {
  try {
    const pub = normalisePublicKey(publicKeyHex);
    if (!pub || typeof signatureHex !== 'string' || !SIG_RE.test(signatureHex)) return false;
    if (!(message instanceof Uint8Array)) return false;
    const point = verifyKey(pub);
    if (!point) return false;
    const r = BigInt('0x' + signatureHex.slice(0, 64));
    const s = BigInt('0x' + signatureHex.slice(64));
    const e = digestE(pub, message, userId);
    return sm2VerifyDigest(point, e, r, s);
  } catch {
    return false;
  }
}

/** New key pair from the CSPRNG: private 64 hex, public uncompressed `04…` (130 hex). */
export function sm2GenerateKeyPair(): { privateKey: string; publicKey: string } {
  // d uniform in [1, n-2] (GB/T 32918.1 §6.1).
  const privateKey = hex64(randomBelowOrEqual(P.n - 3n) + 1n);
  const publicKey = sm2PointToHex(sm2MultiplyBase(BigInt('0x' + privateKey)));
  publicKeyCache.set(privateKey, publicKey);
  return { privateKey, publicKey };
}
