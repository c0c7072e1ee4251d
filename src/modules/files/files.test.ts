import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, samplePdf, samplePng, type TestContext } from '../../test/app.js';
import { createTestDatabase } from '../../test/db.js';
import { demoCitizens } from '../../server/demo/seed.js';
import type { Database } from '../../db/client.js';
import { loadConfig } from '../../server/config.js';
import { purgeUnattachedUploads } from '../cases/uploads.js';
import { createFileStores, FileIntegrityError, readVerified, sha256Hex, type FileStore } from './index.js';

const S3_KEY = 'S3RVER'; // s3rver's built-in account
const BUSINESS = '000101001000';
const businessForm = { tradeName: '兰州城关区张记牛肉面馆', organisation: '个人经营', scope: '餐饮服务', address: '城关区张掖路 1 号' };

/** A real S3-compatible server (s3rver, objects on disk) on a free loopback port, with one bucket. */
async function startS3(bucket: string) {
  const directory = mkdtempSync(path.join(tmpdir(), 'yw-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

let database: Database;
let dir: string;
let s3: Awaited<ReturnType<typeof startS3>>;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), 'yw-files-'));
  s3 = await startS3('yw-files');
});
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  await s3.stop();
});

const s3Config = () => ({ STORAGE: 's3', S3_ENDPOINT: s3.endpoint, S3_BUCKET: 'yw-files', S3_ACCESS_KEY_ID: S3_KEY, S3_SECRET_ACCESS_KEY: S3_KEY });
const storeOf = (kind: 'db' | 'dir' | 's3'): FileStore => {
  const env = kind === 'db' ? {} : kind === 'dir' ? { STORAGE: 'dir', STORAGE_DIR: dir } : s3Config();
  return createFileStores(loadConfig(env), database.db).writer;
};

describe.each(['db', 'dir', 's3'] as const)('the %s store', (kind) => {
  it('keeps content by key, gives it back checked against its SHA-256, and deletes it', async () => {
    const store = storeOf(kind);
    expect(store.kind).toBe(kind);
    const bytes = Buffer.concat([samplePdf(kind), Buffer.alloc(300_000, 7)]);
    const key = `uploads/test-${kind}-1`;
    await store.put(key, bytes);
    expect((await readVerified(store, key, sha256Hex(bytes))).equals(bytes)).toBe(true);
    // A wrong checksum (content changed at rest, or the wrong file) is an error, never content.
    await expect(readVerified(store, key, sha256Hex(samplePng()))).rejects.toBeInstanceOf(FileIntegrityError);
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await expect(readVerified(store, key, sha256Hex(bytes))).rejects.toMatchObject({ reason: 'missing' });
    await store.delete(key); // deleting twice is fine
  });

  it('refuses keys that could leave its space', async () => {
    const store = storeOf(kind);
    for (const key of ['../etc/passwd', 'uploads/../../x', '/abs', 'Uploads/X', 'a//b', '']) {
      await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    }
  });
});

describe('choosing the store by configuration', () => {
  it('asks for the S3 settings when STORAGE=s3', () => {
    expect(() => loadConfig({ STORAGE: 's3', S3_BUCKET: 'b' })).toThrow(/S3_ENDPOINT: required with STORAGE=s3/);
  });
});

describe.each(['dir', 's3'] as const)('uploads through the app with STORAGE=%s', (kind) => {
  let ctx: TestContext;
  let filesDir: string;
  beforeAll(async () => {
    filesDir = mkdtempSync(path.join(tmpdir(), 'yw-app-files-'));
    ctx = await createTestApp({ config: kind === 'dir' ? { STORAGE: 'dir', STORAGE_DIR: filesDir } : (s3Config() as Record<string, string>) });
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('keeps the content out of the database, serves it back, and refuses it once altered at rest', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(demoCitizens[0]!.phone);
    const pdf = samplePdf(`in ${kind}`);
    const up = (await citizen.upload('身份证.pdf', pdf, 'application/pdf')).json();
    const png = (await citizen.upload('lease.png', samplePng(), 'image/png')).json();
    const items = (await citizen.get('/api/catalog/items')).json().items as { id: string; code: string }[];
    const res = await citizen.post('/api/cases', {
      itemId: items.find((i) => i.code === BUSINESS)!.id,
      form: businessForm,
      materials: [{ code: 'M01', uploadId: up.id }, { code: 'M02', uploadId: png.id }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = (await citizen.get(res.headers.location as string)).json();
    const m = c.materials.find((x: { code: string }) => x.code === 'M01');

    const rows = await ctx.database.query<{ storage: string; n: number }>(
      `SELECT u.storage, (SELECT count(*)::int FROM stored_files f WHERE f.key = 'uploads/' || u.id) AS n FROM uploads u WHERE u.id = $1`,
      [up.id],
    );
    expect(rows).toEqual([{ storage: kind, n: 0 }]);
    const download = await citizen.get(`/api/materials/${m.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);

    // Alter the stored object behind the platform's back: it is no longer served.
    if (kind === 'dir') {
      writeFileSync(path.join(filesDir, 'uploads', up.id), samplePdf('altered'));
    } else {
      const objectDir = path.join(s3.directory, 'yw-files', 'uploads');
      const object = readdirSync(objectDir).find((f) => f.startsWith(up.id) && f.endsWith('._S3rver_object'))!;
      expect(readFileSync(path.join(objectDir, object)).equals(pdf)).toBe(true);
      writeFileSync(path.join(objectDir, object), samplePdf('altered'));
    }
    const refused = await citizen.get(`/api/materials/${m.id}`);
    expect(refused.statusCode).toBe(500);
    expect(refused.json().code).toBe('FILE_INTEGRITY');
    // The other material is untouched and still served.
    expect((await citizen.get(`/api/materials/${c.materials.find((x: { code: string }) => x.code === 'M02').id}`)).statusCode).toBe(200);
  });

  it('purges an upload never attached to a case from the store as well', async () => {
    const citizen = new Client(ctx.app);
    await citizen.login(demoCitizens[1]!.phone);
    const stray = (await citizen.upload('stray.pdf', samplePdf('stray'), 'application/pdf')).json();
    const files = createFileStores(loadConfig(kind === 'dir' ? { STORAGE: 'dir', STORAGE_DIR: filesDir } : s3Config()), ctx.database.db);
    const key = `uploads/${stray.id}`;
    expect(await files.writer.get(key)).not.toBeNull();
    expect(await purgeUnattachedUploads(ctx.database.db, files, { olderThan: new Date(Date.now() + 3600_000) })).toBe(1);
    expect(await files.writer.get(key)).toBeNull();
    expect(await ctx.database.query('SELECT 1 FROM uploads WHERE id = $1', [stray.id])).toEqual([]);
  });
});
