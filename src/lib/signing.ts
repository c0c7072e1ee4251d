/**
 * Algorithm-agnostic signatures for platform data (e-certificates, receipts…).
 *
 * Key formats:
 * - Ed25519: publicKey = base64 (standard, padded) of the raw 32-byte key;
 *   privateKey = base64 of the PKCS#8 DER encoding (as node:crypto exports it).
 * - SM2: publicKey = uncompressed hex `04||x||y`; privateKey = 64-char hex
 *   (see sm2.ts; default user ID `1234567812345678`).
 * Signatures are base64url without padding: Ed25519 64 bytes, SM2 raw r||s
 * (64 bytes, not DER).
 *
 * `verify` never throws: malformed keys or signatures give `false`.
 * Ed25519 KeyObjects are cached per key string (bounded), so repeated
 * verification costs about as much as a raw `crypto.verify`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { sm2GenerateKeyPair, sm2Sign, sm2Verify } from './sm2.js';

export type SigningAlg = 'Ed25519' | 'SM2';

export interface KeyPair {
  alg: SigningAlg;
  publicKey: string;
  privateKey: string;
}

/** DER SubjectPublicKeyInfo prefix for an Ed25519 key (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const BASE64_32 = /^[A-Za-z0-9+/]{43}=$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** 64 bytes as canonical unpadded base64url (last char carries 2 bits + 4 zero bits). */
const B64URL_64 = /^[A-Za-z0-9_-]{85}[AQgw]$/;

// Keyed by the key string itself (content, not an id): a decoded key can never go stale, so
// every instance may keep its own copy (several instances share one platform).
const CACHE_LIMIT = 10_000;
const publicKeyObjects = new Map<string, KeyObject | null>();
const privateKeyObjects = new Map<string, KeyObject>();

function remember<V>(m: Map<string, V>, k: string, v: V): V {
  if (m.size >= CACHE_LIMIT) {
    const first = m.keys().next();
    if (!first.done) m.delete(first.value);
  }
  m.set(k, v);
  return v;
}

/** Cached Ed25519 public KeyObject, or null for an invalid key string (also cached). */
function ed25519PublicKey(publicKey: string): KeyObject | null {
  if (typeof publicKey !== 'string') return null;
  const hit = publicKeyObjects.get(publicKey);
  if (hit !== undefined) return hit;
  let key: KeyObject | null = null;
  if (BASE64_32.test(publicKey)) {
    try {
      const raw = Buffer.from(publicKey, 'base64');
      key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    } catch {
      key = null;
    }
  }
  return remember(publicKeyObjects, publicKey, key);
}

function ed25519PrivateKey(privateKey: string): KeyObject {
  const hit = privateKeyObjects.get(privateKey);
  if (hit) return hit;
  if (typeof privateKey !== 'string' || !BASE64.test(privateKey)) throw new Error('Ed25519 private key must be base64 PKCS#8 DER');
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('Not an Ed25519 private key');
  return remember(privateKeyObjects, privateKey, key);
}

export function generateKeyPair(alg: SigningAlg): KeyPair {
  if (alg === 'Ed25519') {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    return {
      alg,
      publicKey: spki.subarray(ED25519_SPKI_PREFIX.length).toString('base64'),
      privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    };
  }
  if (alg === 'SM2') return { alg, ...sm2GenerateKeyPair() };
  throw new Error(`Unsupported signing algorithm: ${String(alg)}`);
}

/** Signs `data`; returns base64url (no padding). Throws on a bad key or algorithm. */
export function sign(alg: SigningAlg, privateKey: string, data: Uint8Array): string {
  if (alg === 'Ed25519') return nodeSign(null, data, ed25519PrivateKey(privateKey)).toString('base64url');
  if (alg === 'SM2') return Buffer.from(sm2Sign(privateKey, data), 'hex').toString('base64url');
  throw new Error(`Unsupported signing algorithm: ${String(alg)}`);
}

/** Verifies a base64url signature. Never throws; false on any malformed input. */
export function verify(alg: SigningAlg, publicKey: string, data: Uint8Array, signature: string): boolean {
  try {
    if (typeof signature !== 'string' || !B64URL_64.test(signature) || !(data instanceof Uint8Array)) return false;
    if (alg === 'Ed25519') {
      const key = ed25519PublicKey(publicKey);
      return key !== null && nodeVerify(null, data, key, Buffer.from(signature, 'base64url'));
    }
    if (alg === 'SM2') return sm2Verify(publicKey, data, Buffer.from(signature, 'base64url').toString('hex'));
    return false;
  } catch {
    return false;
  }
}
