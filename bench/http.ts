/**
 * HTTP clients for the benchmark, real requests over loopback:
 * - `HttpClient`: a tiny browser-like client over global fetch (undici, keep-alive by default);
 *   keeps cookies (`yw_session`, `yw_csrf`) and echoes the CSRF cookie in `x-csrf-token`.
 * - `KeepAliveGetter`: a lean node:http keep-alive GET client for hot anonymous read loops.
 */
import http from 'node:http';
import { DEMO_PASSWORD } from '../src/server/demo/seed.js';

export type HttpResponse = { status: number; text: string; json<T = unknown>(): T };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${body.slice(0, 300)}`);
  }
}

export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k = '', v = ''] = a.split('=').map((s) => s.trim());
        if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k.toLowerCase() === 'expires') return Date.parse(v) < Date.now();
        return false;
      });
      if (value === '' || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'accept-language': 'zh-CN' };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('yw_csrf');
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.base + path, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
    this.remember(res);
    const text = await res.text(); // always drain the body so the socket goes back to the pool
    return { status: res.status, text, json: <T>() => JSON.parse(text) as T };
  }

  /** GET expecting 200; returns the parsed JSON. */
  async get<T>(path: string): Promise<T> {
    const r = await this.request('GET', path);
    if (r.status !== 200) throw new HttpError(r.status, r.text, `GET ${path}`);
    return r.json<T>();
  }

  /** POST expecting `expect` (default 200); returns the parsed JSON. */
  async post<T>(path: string, body: unknown = {}, expect = 200): Promise<T> {
    if (!this.cookies.has('yw_csrf')) await this.request('GET', '/api/auth/csrf');
    const r = await this.request('POST', path, body);
    if (r.status !== expect) throw new HttpError(r.status, r.text, `POST ${path}`);
    return r.json<T>();
  }

  async login(username: string, password = DEMO_PASSWORD): Promise<{ id: string; kind: string; name: string }> {
    await this.request('GET', '/api/auth/csrf');
    type User = { id: string; kind: string; name: string };
    let out = await this.post<{ user?: User; secondFactor?: string; challengeId?: string; maskedPhone?: string }>('/api/auth/login', { username, password });
    if (out.secondFactor) {
      // Staff: read the code the way an operator would, from the sandbox outbox (loopback only).
      const { items } = await this.get<{ items: { maskedPhone: string; text: string }[] }>('/api/ops/sms-outbox');
      const code = /\d{6}/.exec(items.find((i) => i.maskedPhone === out.maskedPhone)?.text ?? '')?.[0];
      if (!code) throw new Error(`login ${username}: no code in the SMS outbox`);
      out = await this.post('/api/auth/login/second-factor', { challengeId: out.challengeId, code });
    }
    if (!this.cookies.has('yw_session') || !out.user) throw new Error(`login ${username}: no session cookie`);
    return out.user;
  }

  /** Multipart upload of one file (field `file`); returns the single-use upload id. */
  async upload(fileName: string, bytes: Uint8Array, contentType: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), fileName);
    return (await this.post<{ id: string }>('/api/uploads', form, 201)).id;
  }
}

/** Minimal real files (the server sniffs magic bytes), as in src/test/app.ts. */
export const samplePdf = (text = 'bench') => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
export const samplePng = () =>
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b1d6a80000000049454e44ae426082', 'hex');

/**
 * A lean keep-alive GET loop client over node:http for hot read paths. undici's `fetch` spends
 * ~0.3 ms of CPU per request on this kind of machine — more than the server spends on a cached
 * verification — so with the load generator on the same cores it, not the server, would set the
 * rate. Same protocol, same sockets reused (one per in-flight request).
 */

export class KeepAliveGetter {
  private readonly agent: http.Agent;
  private readonly url: URL;
  constructor(base: string, maxSockets: number) {
    this.url = new URL(base);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { agent: this.agent, host: this.url.hostname, port: this.url.port, path, method: 'GET', headers: { 'accept-language': 'zh-CN', ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  close() {
    this.agent.destroy();
  }
}
