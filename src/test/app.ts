import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { DEMO_PASSWORD } from '../server/demo/seed.js';
import type { Database } from '../db/client.js';
import { createTestDatabase } from './db.js';
import { codeFromOutbox, prepareStaffSignIn } from './sms.js';
import { installKeyring, parseKeyring } from '../lib/secretbox.js';
import { TEST_MASTER_KEYS } from './global-setup.js';

export type TestContext = { app: FastifyInstance; database: Database; close(): Promise<void> };

/** The database behind each test app, so a Client can read the SMS sandbox like a phone would. */
const databases = new WeakMap<FastifyInstance, Database>();

export async function createTestApp(opts: { rateLimit?: boolean; config?: Record<string, string> } & Pick<AppOptions, 'webRoot' | 'logStream'> = {}): Promise<TestContext> {
  installKeyring(parseKeyring(TEST_MASTER_KEYS));
  return createAppOn(await createTestDatabase(), opts);
}

/** The platform over a database the test opened itself (a restored backup, a data folder). */
export async function createAppOn(
  database: Database,
  opts: { rateLimit?: boolean; config?: Record<string, string> } & Pick<AppOptions, 'webRoot' | 'logStream'> = {},
): Promise<TestContext> {
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_REGION_CODE: '620100', ...opts.config });
  // Tests send queued notification SMS themselves (deliverPendingSms), at the moment they choose.
  const app = await buildApp({ database, config, rateLimit: opts.rateLimit ?? false, smsDeliveryPollMs: 0, ...(opts.webRoot ? { webRoot: opts.webRoot } : {}), ...(opts.logStream ? { logStream: opts.logStream } : {}) });
  await app.ready();
  databases.set(app, database);
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/**
 * Several app instances on one test database: what server processes behind a load balancer are
 * (each has its own memory, all share the database). Rate limits are on unless turned off.
 */
export async function createTestInstances(
  count: number,
  opts: { rateLimit?: boolean; config?: Record<string, string> } = {},
): Promise<{ apps: FastifyInstance[]; database: Database; close(): Promise<void> }> {
  installKeyring(parseKeyring(TEST_MASTER_KEYS));
  const database = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_REGION_CODE: '620100', ...opts.config });
  const apps: FastifyInstance[] = [];
  for (let i = 0; i < count; i++) {
    const app = await buildApp({ database, config, rateLimit: opts.rateLimit ?? true, smsDeliveryPollMs: 0 });
    await app.ready();
    databases.set(app, database);
    apps.push(app);
  }
  return {
    apps,
    database,
    async close() {
      await Promise.all(apps.map((a) => a.close()));
      await database.close();
    },
  };
}

type Body = Record<string, unknown> | unknown[] | string | Buffer | undefined;

/** A browser-like client over app.inject: keeps cookies and sends the CSRF header like the web app. */
export class Client {
  cookies = new Map<string, string>();
  lang: 'zh-CN' | 'en' = 'zh-CN';
  constructor(readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: Body, headers: Record<string, string> = {}) {
    if (method !== 'GET' && !this.cookies.has('yw_csrf')) {
      this.remember(await this.app.inject({ method: 'GET', url: '/api/auth/csrf' }));
    }
    const cookieHeader = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method,
      url,
      headers: {
        'accept-language': this.lang,
        ...(cookieHeader ? { cookie: cookieHeader } : {}),
        ...(method !== 'GET' && this.cookies.get('yw_csrf') ? { 'x-csrf-token': this.cookies.get('yw_csrf')! } : {}),
        ...(typeof body === 'object' && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: typeof body === 'object' && !Buffer.isBuffer(body) ? JSON.stringify(body) : body }),
    });
    this.remember(res);
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: Body, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }

  /** Signs in like a person: password, and for staff the code the SMS sandbox delivered. */
  async login(username: string, password = DEMO_PASSWORD) {
    const db = databases.get(this.app)!.db;
    const staff = await prepareStaffSignIn(db, username);
    let res = await this.post('/api/auth/login', { username, password });
    if (res.statusCode === 200 && staff && res.json().secondFactor === 'sms') {
      const code = await codeFromOutbox(db, staff.phone);
      res = await this.post('/api/auth/login/second-factor', { challengeId: res.json().challengeId, code });
    }
    if (res.statusCode !== 200 || !res.json().user) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    return res.json().user as { id: string; kind: string; name: string };
  }

  /** Uploads a file as multipart/form-data. */
  async upload(fileName: string, content: Buffer, contentType = 'application/octet-stream') {
    const boundary = `----yw${Math.random().toString(16).slice(2)}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.request('POST', '/api/uploads', payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }
}

/** Minimal real files of each accepted type (their magic bytes are what the server checks). */
export const samplePdf = (text = 'demo') => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
export const samplePng = () =>
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b1d6a80000000049454e44ae426082', 'hex');
