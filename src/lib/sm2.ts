/**
 * SM2 signatures (GB/T 32918.2-2016 / GM/T 0003-2012) and SM3 (GB/T 32905-2016).
 *
 * Signing computes e = SM3(Z_A || M), Z_A = SM3(ENTL || ID || a || b || xG ||
 * yG || xA || yA) (GB/T 32918.2 §5.5, default ID `1234567812345678`, as in
 * GM/T 0009), then hands e to `sm-crypto` with `hash: false` — identical to
 * sm-crypto's `{ hash: true, userId }`, but hashes with node:crypto's SM3.
 * Signatures are hex `r || s` (64 bytes, 128 hex chars), not DER.
 *
 * Randomness: sm-crypto draws keys and nonces from an RC4 stream seeded once
 * (no reseed, first bytes not dropped). Biased SM2 nonces leak the private
 * key, so keys and nonces here come from node:crypto's CSPRNG instead.
 */
import { createHash, getHashes, randomBytes } from 'node:crypto';
import smCryptoModule from 'sm-crypto';

/** The part of sm-crypto 0.5.8 used here (@types/sm-crypto lags behind). */
interface BigIntegerLike {
  toString(radix: number): string;
}
interface SmPoint {
  k: BigIntegerLike;
  x1: BigIntegerLike;
}
interface SmCryptoApi {
  sm2: {
    generateKeyPairHex(a?: string, b?: number): { privateKey: string; publicKey: string };
    doSignature(
      msg: number[],
      privateKey: string,
      opts: { pointPool?: SmPoint[]; der?: boolean; hash?: boolean; publicKey?: string; userId?: string },
    ): string;
    doVerifySignature(msg: number[], signHex: string, publicKey: string, opts: { der?: boolean; hash?: boolean }): boolean;
    getPublicKeyFromPrivateKey(privateKey: string): string;
    getPoint(): SmPoint;
    verifyPublicKey(publicKey: string): boolean;
  };
  sm3(input: string | number[]): string;
}

const sm = smCryptoModule as unknown as SmCryptoApi;

export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** Recommended curve parameters (GB/T 32918.5-2017). */
const P = {
  a: 'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC',
  b: '28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93',
  xG: '32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7',
  yG: 'BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0',
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
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

/** Bounded memo (insertion-order eviction). */
function memo<V>(limit: number): { get(k: string): V | undefined; set(k: string, v: V): void } {
  const m = new Map<string, V>();
  return {
    get: (k) => m.get(k),
    set: (k, v) => {
      if (m.size >= limit) {
        const first = m.keys().next();
        if (!first.done) m.delete(first.value);
      }
      m.set(k, v);
    },
  };
}

const publicKeyCache = memo<string>(1000);
const zCache = memo<Uint8Array>(1000);

/** Public key `04||x||y` (lowercase hex) for a private key. */
export function sm2PublicKeyFromPrivate(privateKeyHex: string): string {
  const d = checkPrivateKey(privateKeyHex);
  let pub = publicKeyCache.get(d);
  if (!pub) {
    pub = sm.sm2.getPublicKeyFromPrivateKey(d).toLowerCase();
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

/** e = SM3(Z_A || M) as a byte array for sm-crypto's `hash: false` path. */
function digestE(publicKeyHex: string, message: Uint8Array, userId: string): number[] {
  const h = HAS_NODE_SM3
    ? createHash('sm3').update(zValue(publicKeyHex, userId)).update(message).digest()
    : sm3Bytes(Buffer.concat([zValue(publicKeyHex, userId), message]));
  return Array.from(h);
}

/** A fresh signing nonce k ∈ [1, n-1] from the CSPRNG, with x1 of kG. */
function freshPoint(): SmPoint {
  // generateKeyPairHex(h, 16) computes d = h mod (n-1) + 1; h ∈ [0, n-2] gives k = h + 1 uniformly.
  const kp = sm.sm2.generateKeyPairHex(hex64(randomBelowOrEqual(P.n - 2n)), 16);
  const BigInteger = bigIntegerCtor();
  return { k: new BigInteger(kp.privateKey, 16), x1: new BigInteger(kp.publicKey.slice(2, 66), 16) };
}

type BigIntegerCtor = new (s: string, radix: number) => BigIntegerLike;
let bigIntegerClass: BigIntegerCtor | undefined;
/** sm-crypto's (jsbn) BigInteger class, taken from one of its own points. */
function bigIntegerCtor(): BigIntegerCtor {
  bigIntegerClass ??= (sm.sm2.getPoint().k as unknown as { constructor: BigIntegerCtor }).constructor;
  return bigIntegerClass;
}

/** Signs `message` (SM2 with Z_A); returns hex r||s (128 chars). Throws on a bad key. */
export function sm2Sign(privateKeyHex: string, message: Uint8Array, userId: string = SM2_DEFAULT_USER_ID): string {
  const d = checkPrivateKey(privateKeyHex);
  const pub = sm2PublicKeyFromPrivate(d);
  const e = digestE(pub, message, userId);
  // sm-crypto pops a point per attempt and retries on r = 0, r + k = n or s = 0 (probability
  // ~2^-255); only then would it fall back to its own RNG. One CSPRNG point is enough.
  const pointPool = [freshPoint()];
  return sm.sm2.doSignature(e, d, { hash: false, der: false, pointPool });
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
    if (!sm.sm2.verifyPublicKey(pub)) return false;
    const e = digestE(pub, message, userId);
    return sm.sm2.doVerifySignature(e, signatureHex.toLowerCase(), pub, { hash: false, der: false });
  } catch {
    return false;
  }
}

/** New key pair from the CSPRNG: private 64 hex, public uncompressed `04…` (130 hex). */
export function sm2GenerateKeyPair(): { privateKey: string; publicKey: string } {
  // d ∈ [1, n-2] (GB/T 32918.1 §6.1): pass h = d - 1 ∈ [0, n-3].
  const kp = sm.sm2.generateKeyPairHex(hex64(randomBelowOrEqual(P.n - 3n)), 16);
  const privateKey = kp.privateKey.toLowerCase();
  const publicKey = kp.publicKey.toLowerCase();
  publicKeyCache.set(privateKey, publicKey);
  return { privateKey, publicKey };
}
