import { describe, it, expect } from 'vitest';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { generateKeyPair, sign, verify } from './signing.js';
import type { SigningAlg } from './signing.js';

const data = new TextEncoder().encode('电子证照 1.2.156.3005.2…');

describe.each<SigningAlg>(['Ed25519', 'SM2'])('%s', (alg) => {
  const kp = generateKeyPair(alg);

  it('round-trips', () => {
    expect(kp.alg).toBe(alg);
    const sig = sign(alg, kp.privateKey, data);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verify(alg, kp.publicKey, data, sig)).toBe(true);
    expect(verify(alg, kp.publicKey, data, sig)).toBe(true); // cached path
  });

  it('fails on a tampered message or signature', () => {
    const sig = sign(alg, kp.privateKey, data);
    const tampered = Uint8Array.from(data);
    tampered[0] = tampered[0]! ^ 1;
    expect(verify(alg, kp.publicKey, tampered, sig)).toBe(false);
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(verify(alg, kp.publicKey, data, flipped)).toBe(false);
    expect(verify(alg, generateKeyPair(alg).publicKey, data, sig)).toBe(false);
  });

  it('returns false on garbage, never throws', () => {
    const sig = sign(alg, kp.privateKey, data);
    for (const bad of ['', 'garbage', '!!!!', sig + 'A', sig.slice(1), sig.slice(0, -1) + 'B', 'A'.repeat(86)]) {
      expect(verify(alg, kp.publicKey, data, bad)).toBe(false);
    }
    for (const badKey of ['', 'not a key', 'AAAA', '04' + 'f'.repeat(128), 'A'.repeat(43) + '=']) {
      expect(verify(alg, badKey, data, sig)).toBe(false);
    }
    expect(verify(alg, kp.publicKey, null as unknown as Uint8Array, sig)).toBe(false);
    expect(verify('RSA' as SigningAlg, kp.publicKey, data, sig)).toBe(false);
  });
});

describe('cross-algorithm', () => {
  it('a signature or key of one algorithm never verifies under the other', () => {
    const ed = generateKeyPair('Ed25519');
    const sm = generateKeyPair('SM2');
    const edSig = sign('Ed25519', ed.privateKey, data);
    const smSig = sign('SM2', sm.privateKey, data);
    expect(verify('SM2', ed.publicKey, data, edSig)).toBe(false);
    expect(verify('Ed25519', sm.publicKey, data, smSig)).toBe(false);
    expect(verify('SM2', sm.publicKey, data, edSig)).toBe(false);
    expect(verify('Ed25519', ed.publicKey, data, smSig)).toBe(false);
    expect(() => sign('SM2', ed.privateKey, data)).toThrow();
    expect(() => sign('Ed25519', sm.privateKey, data)).toThrow();
  });
});

describe('Ed25519 formats', () => {
  it('public key is base64 raw 32 bytes, signature interoperates with node:crypto', () => {
    const kp = generateKeyPair('Ed25519');
    expect(Buffer.from(kp.publicKey, 'base64')).toHaveLength(32);
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(kp.publicKey, 'base64').toString('base64url') }, format: 'jwk' });
    const sig = sign('Ed25519', kp.privateKey, data);
    expect(nodeVerify(null, data, key, Buffer.from(sig, 'base64url'))).toBe(true);
  });

  it('RFC 8032 test 1 (empty message)', () => {
    // secret 9d61…7f60, public d75a…511a, signature e556…100b
    const pkcs8 = Buffer.concat([
      Buffer.from('302e020100300506032b657004220420', 'hex'),
      Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex'),
    ]).toString('base64');
    const pub = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex').toString('base64');
    const sigHex =
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
    const sig = sign('Ed25519', pkcs8, new Uint8Array());
    expect(Buffer.from(sig, 'base64url').toString('hex')).toBe(sigHex);
    expect(verify('Ed25519', pub, new Uint8Array(), sig)).toBe(true);
  });
});
