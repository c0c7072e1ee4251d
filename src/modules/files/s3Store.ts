import { AwsClient } from 'aws4fetch';
import { checkKey, sha256Hex, type FileStore } from './store.js';

export type S3Options = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** https://endpoint/bucket/key (MinIO, Ceph, most S3-compatibles) or https://bucket.endpoint/key (virtual-hosted). */
  pathStyle: boolean;
  timeoutMs?: number;
};

/**
 * Content in an S3-compatible object store, signed with AWS Signature Version 4 (aws4fetch).
 * The payload's SHA-256 is signed too (x-amz-content-sha256), so the store refuses a body
 * altered on the way.
 */
export function s3Store(opts: S3Options): FileStore {
  const client = new AwsClient({ accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey, region: opts.region, service: 's3', retries: 2 });
  const endpoint = new URL(opts.endpoint);
  const objectUrl = (key: string) => {
    const encoded = checkKey(key); // only [a-z0-9_/-]: nothing to percent-encode
    const u = new URL(endpoint.toString());
    const prefix = u.pathname.replace(/\/$/, '');
    if (opts.pathStyle) u.pathname = `${prefix}/${opts.bucket}/${encoded}`;
    else {
      u.hostname = `${opts.bucket}.${u.hostname}`;
      u.pathname = `${prefix}/${encoded}`;
    }
    return u.toString();
  };
  const timeout = () => AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  const fail = async (what: string, key: string, res: Response) => {
    const text = (await res.text()).slice(0, 300);
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? '';
    return new Error(`S3 ${what} ${key}: HTTP ${res.status} ${code}`.trim());
  };
  return {
    kind: 's3',
    async put(key, bytes) {
      const res = await client.fetch(objectUrl(key), {
        method: 'PUT',
        body: new Uint8Array(bytes), // a copy: fetch's types take no Buffer
        headers: { 'content-type': 'application/octet-stream', 'x-amz-content-sha256': sha256Hex(bytes) },
        signal: timeout(),
      });
      if (!res.ok) throw await fail('PUT', key, res);
      await res.arrayBuffer();
    },
    async get(key) {
      const res = await client.fetch(objectUrl(key), { method: 'GET', signal: timeout() });
      if (res.status === 404) {
        await res.arrayBuffer();
        return null;
      }
      if (!res.ok) throw await fail('GET', key, res);
      return Buffer.from(await res.arrayBuffer());
    },
    async delete(key) {
      const res = await client.fetch(objectUrl(key), { method: 'DELETE', signal: timeout() });
      if (!res.ok && res.status !== 404) throw await fail('DELETE', key, res);
      await res.arrayBuffer();
    },
  };
}
