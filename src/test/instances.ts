import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { TEST_MASTER_KEYS } from './global-setup.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Why a test of several server processes cannot run here, or null when it can: they need a
 * PostgreSQL server (PGlite is single-process), which the suite gets through DATABASE_URL.
 */
export function multiInstanceSkipReason(): string | null {
  return inject('pgUrl') ? null : 'needs PostgreSQL: run with DATABASE_URL=postgres://… (PGlite is single-instance)';
}

/** An empty database on the test server (no migrations: the instances run them, as in production). */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = inject('pgUrl');
  const name = `yw_t_${inject('pgRun')}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export type ServerProcess = { url: string; child: ChildProcess; output(): string; stop(): Promise<void> };

/**
 * Starts `src/server/main.ts` as its own process (what `npm run dev` runs) on a free port, with the
 * test master key, and resolves with its URL once it listens.
 */
export function startServerProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', MASTER_KEYS: TEST_MASTER_KEYS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = () => {
      const m = /is running: (http:\/\/[\d.]+:\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({ url: m[1]!, child, output: () => out, stop });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
}

/**
 * A browser over real HTTP that can talk to any of several instances (as a load balancer would
 * send its requests): one cookie jar, the CSRF header like the web app.
 */
export class HttpClient {
  cookies = new Map<string, string>();
  constructor(public base: string) {}

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = decodeURIComponent(pair!.slice(eq + 1).trim());
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now()));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, opts: { base?: string; headers?: Record<string, string> } = {}) {
    const base = opts.base ?? this.base;
    if (method !== 'GET' && !this.cookies.has('yw_csrf')) this.remember(await fetch(`${base}/api/auth/csrf`));
    const headers: Record<string, string> = { 'accept-language': 'zh-CN', ...opts.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    if (method !== 'GET') headers['x-csrf-token'] = this.cookies.get('yw_csrf') ?? '';
    let payload: string | Blob | undefined;
    if (body instanceof Blob) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${base}${url}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
    this.remember(res);
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json: json as Record<string, any>, text };
  }

  get(url: string, base?: string) {
    return this.request('GET', url, undefined, base ? { base } : {});
  }
  post(url: string, body: unknown = {}, base?: string) {
    return this.request('POST', url, body, base ? { base } : {});
  }

  /** Uploads a file as multipart/form-data. */
  upload(fileName: string, content: Buffer, contentType: string, base?: string) {
    const boundary = `----yw${randomBytes(8).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.request('POST', '/api/uploads', new Blob([payload]), { ...(base ? { base } : {}), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  }
}
