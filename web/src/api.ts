// Thin fetch wrapper for the Yiwang API (docs/api.md).
import type { Problem } from './types';

/** What a failed request carries: the server's problem+json, or only a status (no answer, an answer that is not one). */
export type Failure = Partial<Problem> & Pick<Problem, 'status'>;

let currentLang = 'zh-CN';
export function setApiLang(lang: string) {
  currentLang = lang;
}
export function getApiLang() {
  return currentLang;
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | null = null;
/** Called on any 401 (except where the caller opts out); the app redirects to /login?next=… */
export function setUnauthorizedHandler(h: UnauthorizedHandler | null) {
  onUnauthorized = h;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code?: string;
  readonly problem: Failure;
  constructor(problem: Failure) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }
  /** errors[] with path normalised to segments: "form.name", "/form/name", ["form","name"] → ["form","name"] */
  get fieldErrors(): { path: (string | number)[]; message: string }[] {
    return (this.problem.errors ?? []).map((e) => ({
      path: Array.isArray(e.path)
        ? e.path
        : String(e.path ?? '')
            .split(/[./]/)
            .filter(Boolean)
            .map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
      message: e.message,
    }));
  }
}

/** Network failure (no HTTP answer). status 0. */
export class NetworkError extends ApiError {
  constructor() {
    super({ status: 0, code: 'NETWORK' });
    this.name = 'NetworkError';
  }
}

export function readCookie(name: string): string | null {
  const parts = document.cookie ? document.cookie.split('; ') : [];
  for (const part of parts) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i) === name) return decodeURIComponent(part.slice(i + 1));
  }
  return null;
}

let csrfPromise: Promise<string> | null = null;
async function fetchCsrf(): Promise<string> {
  const res = await fetch('/api/auth/csrf', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Accept-Language': currentLang },
  });
  let token: string | null = null;
  try {
    const body = (await res.json()) as { token?: string };
    token = body.token ?? null;
  } catch {
    /* ignore */
  }
  return readCookie('yw_csrf') ?? token ?? '';
}

async function csrfToken(force = false): Promise<string> {
  const c = readCookie('yw_csrf');
  if (c && !force) return c;
  if (!csrfPromise || force) {
    csrfPromise = fetchCsrf().finally(() => {
      setTimeout(() => (csrfPromise = null), 0);
    });
  }
  return csrfPromise;
}

export interface RequestOptions {
  /** Do not trigger the global 401 → /login redirect. */
  noAuthRedirect?: boolean;
  signal?: AbortSignal;
}

async function toError(res: Response): Promise<ApiError> {
  let problem: Failure = { status: res.status };
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem> & { message?: string };
      const detail = body.detail ?? body.message ?? body.title;
      problem = { ...body, status: res.status, ...(detail !== undefined ? { detail } : {}) };
    } catch {
      /* not JSON after all */
    }
  }
  return new ApiError(problem);
}

async function send(method: string, path: string, body: unknown, opts: RequestOptions, retried = false): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLang,
  };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    headers['x-csrf-token'] = await csrfToken(retried);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new NetworkError();
  }
  // A stale/missing CSRF cookie: fetch a fresh one and try once more.
  if (res.status === 403 && !retried && method !== 'GET') {
    const err = await toError(res.clone());
    if ((err.code ?? '').toUpperCase().includes('CSRF')) return send(method, path, body, opts, true);
  }
  return res;
}

export async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, body, opts);
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && !opts.noAuthRedirect && onUnauthorized) onUnauthorized();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, body ?? {}, opts),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
  upload: <T>(path: string, file: File, opts?: RequestOptions) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return request<T>('POST', path, fd, opts);
  },
};

/** Build a query string, skipping empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
