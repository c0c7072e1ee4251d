import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (issuers' private keys; later personal identifiers) are sealed with AES-256-GCM
 * under a master key from configuration. The sealed text names its key, so keys can rotate:
 * put the new key first in MASTER_KEYS, keep the old ones after it until everything is re-sealed.
 */
export type Keyring = { currentId: string; keys: Map<string, Buffer> };

const PREFIX = 'sb1';

export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  let currentId = '';
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(part);
    if (!m) throw new Error('MASTER_KEYS must look like "id:base64key[,oldId:base64key…]"');
    const key = Buffer.from(m[2]!, 'base64');
    if (key.length !== 32) throw new Error(`master key "${m[1]}" must be 32 bytes (base64 of 32 random bytes)`);
    if (keys.has(m[1]!)) throw new Error(`master key id "${m[1]}" appears twice`);
    keys.set(m[1]!, key);
    currentId ||= m[1]!;
  }
  if (!currentId) throw new Error('MASTER_KEYS is empty');
  return { currentId, keys };
}

export function newKeyringSpec(id = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/** `aad` binds the sealed value to its use (e.g. "signing-key:<id>"): a value copied elsewhere fails to open. */
export function seal(keyring: Keyring, plaintext: string, aad: string): string {
  const key = keyring.keys.get(keyring.currentId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}.${keyring.currentId}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function open(keyring: Keyring, sealed: string, aad: string): string {
  const [prefix, keyId, data] = sealed.split('.');
  if (prefix !== PREFIX || !keyId || !data) throw new Error('not a sealed value');
  const key = keyring.keys.get(keyId);
  if (!key) throw new Error(`sealed with master key "${keyId}", which is not configured`);
  const raw = Buffer.from(data, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

let installed: Keyring | null = null;

/** The process's keyring, installed once at start-up by the composition root. */
export function installKeyring(keyring: Keyring): void {
  installed = keyring;
}

export function installedKeyring(): Keyring {
  if (!installed) throw new Error('no master key installed (MASTER_KEYS)');
  return installed;
}
