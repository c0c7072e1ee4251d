/**
 * SM2 signature core (GB/T 32918.2-2016 §6–§7) on the SM2 recommended curve
 * (GB/T 32918.5-2017 §3), with point arithmetic from @noble/curves' generic
 * short-Weierstrass implementation (projective coordinates, wNAF tables).
 *
 * Only the group operations come from the library; the SM2 signature equations
 * are implemented here (SM2 is not ECDSA: r = (e + x1) mod n and
 * s = (1+d)^-1 · (k − r·d) mod n; verification uses t = r + s). Hashing (Z_A, e)
 * lives in sm2.ts.
 *
 * This module works on bigints and points and takes the nonce k as an argument
 * so the standard's fixed-k vector can be tested; application code must use
 * sm2.ts, which draws k from the CSPRNG.
 */
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';

/**
 * Recommended curve parameters, GB/T 32918.5-2017 §3 (identical to sm-crypto 0.5.8
 * src/sm2/utils.js and OpenSSL's SM2 curve). y² = x³ + ax + b over F_p, cofactor 1.
 */
export const SM2_CURVE = Object.freeze({
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
});

export type Sm2Point = WeierstrassPoint<bigint>;

/** Point constructor for the SM2 curve. `weierstrass()` checks G is on the curve. */
export const Sm2Point = weierstrass<bigint>(SM2_CURVE);

const N = SM2_CURVE.n;
const Fn = Sm2Point.Fn;

/**
 * Fixed-base table for G. The library's default is window 6; window 8 (≈ 4.2k points,
 * built lazily on the first multiplication, ≈ 80 ms here) makes k·G, d·G and s·G
 * ~15 % faster.
 */
const BASE_WINDOW = 8;
Sm2Point.BASE.precompute(BASE_WINDOW, true);

/**
 * Window for per-public-key tables (≈ 22 ms to build here for W=6). With it, t·P_A costs
 * ~43 additions and no doublings: verification goes from ≈ 2.2 ms to ≈ 0.55 ms.
 */
const PUBLIC_KEY_WINDOW = 6;

const mod = (x: bigint): bigint => Fn.create(x);

/** d·G (private key → public point); constant-time path of the library. d ∈ [1, n−1]. */
export function sm2MultiplyBase(d: bigint): Sm2Point {
  return Sm2Point.BASE.multiply(d);
}

/** Uncompressed `04||x||y` lowercase hex of a (valid, non-infinity) point. */
export function sm2PointToHex(point: Sm2Point): string {
  return point.toHex(false);
}

/**
 * Decodes an uncompressed `04||x||y` public key (130 hex chars) into a validated point:
 * coordinates in [0, p−1], on the curve, not the point at infinity (GB/T 32918.1 §6.2.1;
 * with cofactor 1 every curve point has order n). Returns null instead of throwing.
 */
export function sm2DecodePublicKey(publicKeyHex: string): Sm2Point | null {
  if (typeof publicKeyHex !== 'string' || !/^04[0-9a-fA-F]{128}$/.test(publicKeyHex)) return null;
  try {
    const point = Sm2Point.fromHex(publicKeyHex.toLowerCase()); // fromBytes runs assertValidity()
    return point.is0() ? null : point;
  } catch {
    return null;
  }
}

/**
 * Attaches a multiplication table to a decoded public key (built lazily on its next
 * multiplication; held in the library's WeakMap, freed with the point). Worth it only
 * for keys that verify repeatedly: the caller decides (sm2.ts does it on a key's second use).
 */
export function sm2PrecomputePublicKey(point: Sm2Point): Sm2Point {
  return point.precompute(PUBLIC_KEY_WINDOW, true);
}

/**
 * Signature generation A3–A7 (GB/T 32918.2 §6.1) for digest integer e, private key d and
 * nonce k ∈ [1, n−1]. Returns null when this k must be discarded (r = 0, r + k = n or
 * s = 0); the caller then draws a new k.
 */
export function sm2SignDigest(d: bigint, e: bigint, k: bigint): { r: bigint; s: bigint } | null {
  if (d < 1n || d > N - 2n) throw new RangeError('SM2 private key out of range [1, n-2]');
  if (k < 1n || k >= N) throw new RangeError('SM2 nonce out of range [1, n-1]');
  const x1 = Sm2Point.BASE.multiply(k).toAffine().x; // A4: (x1, y1) = [k]G
  const r = mod(e + x1); // A5
  if (r === 0n || r + k === N) return null;
  const s = mod(Fn.inv(1n + d) * mod(k - r * d)); // A6
  if (s === 0n) return null;
  return { r, s };
}

/**
 * Signature verification B1–B7 (GB/T 32918.2 §7.1) for digest integer e. Never throws.
 * `publicKey` must come from sm2DecodePublicKey (validated).
 */
export function sm2VerifyDigest(publicKey: Sm2Point, e: bigint, r: bigint, s: bigint): boolean {
  try {
    if (r < 1n || r >= N || s < 1n || s >= N) return false; // B1, B2
    const t = mod(r + s); // B5
    if (t === 0n) return false;
    // B6: (x1, y1) = [s]G + [t]P_A. Public scalars and points: variable-time multiplication,
    // with the fixed-base table for G and the per-key table for P_A when it has one (without
    // one, this is as fast as the library's Strauss–Shamir mulAddUnsafe, measured).
    const sum = Sm2Point.BASE.multiplyUnsafe(s).add(publicKey.multiplyUnsafe(t));
    if (sum.is0()) return false;
    const x1 = sum.toAffine().x;
    return mod(e + x1) === r; // B7
  } catch {
    return false;
  }
}
