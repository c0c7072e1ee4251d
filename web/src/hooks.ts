import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormInstance } from 'antd';
import { api, ApiError, NetworkError } from './api';
import { useI18n, useT, type TFunction } from './i18n';

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (d: T) => void;
}

/** GET `path` (null = skip). Refetches when the path or the language changes (catalogue strings are localised). */
export function useQuery<T>(path: string | null): QueryState<T> {
  const { lang } = useI18n();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    setError(undefined);
    api
      .get<T>(path, { signal: ctrl.signal })
      .then((d) => {
        setData(d);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if ((e as Error)?.name === 'AbortError') return;
        setError(e);
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [path, lang, tick]);

  return { data, error, loading, reload, setData };
}

/** User-facing message for an error: the server's localised `detail`, else a generic text. */
export function errorMessage(err: unknown, t: TFunction): string {
  if (err instanceof NetworkError) return t('error.network');
  if (err instanceof ApiError) {
    return err.problem.detail || err.problem.title || t('error.generic', { status: err.status });
  }
  return t('common.error');
}

/**
 * Put server field errors onto an antd form. `mapPath` converts a server path (e.g. ["form","fullName"])
 * to a form name path, or null when the form has no such field. Returns true if any field got an error.
 */
export function applyFieldErrors(
  form: FormInstance,
  err: unknown,
  mapPath: (p: (string | number)[]) => (string | number)[] | null,
): boolean {
  if (!(err instanceof ApiError)) return false;
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const fe of err.fieldErrors) {
    const name = mapPath(fe.path);
    if (!name || name.length === 0) continue;
    const key = JSON.stringify(name);
    const entry = byName.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(fe.message)) entry.errors.push(fe.message);
    byName.set(key, entry);
  }
  const fields = [...byName.values()];
  if (fields.length) form.setFields(fields.map((f) => ({ name: f.name as never, errors: f.errors })));
  return fields.length > 0;
}

/** mapPath helper: accept a server path when its last segments match one of the known names. */
export function pathMatcher(known: string[], prefix: (string | number)[] = []) {
  return (p: (string | number)[]): (string | number)[] | null => {
    const segs = p.map(String).filter((s) => s !== 'body');
    for (const name of known) {
      if (segs.length && segs[segs.length - 1] === name) return [...prefix, name];
    }
    return null;
  };
}

export function useMounted() {
  const ref = useRef(true);
  useEffect(() => {
    ref.current = true;
    return () => {
      ref.current = false;
    };
  }, []);
  return ref;
}

/**
 * A form's submit: runs `action` with a busy flag, and on failure puts the server's field
 * messages on the form's `fields` and its problem title in `error`.
 */
export function useFormSubmit(form: FormInstance, fields: string[]) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      applyFieldErrors(form, e, pathMatcher(fields));
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** One page of a list as every list endpoint answers it (docs/api.md, "Lists"). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedQueryState<T> extends QueryState<Page<T>> {
  /** Fetches the page after the last one shown and appends it. */
  loadMore: () => void;
  loadingMore: boolean;
  loadMoreError: unknown;
}

/**
 * A paged list: the first page through useQuery (reload starts over), then "load more" follows
 * the server's `nextCursor` and appends, so a holder with thousands of certificates fetches them
 * a page at a time, never all at once.
 */
export function usePagedQuery<T>(path: string | null): PagedQueryState<T> {
  const q = useQuery<Page<T>>(path);
  const [loadingMore, setLoadingMore] = useState(false);
  const [loadMoreError, setLoadMoreError] = useState<unknown>();
  const mounted = useMounted();
  const { data, setData } = q;
  const loadMore = useCallback(() => {
    if (!path || !data?.nextCursor || loadingMore) return;
    setLoadingMore(true);
    setLoadMoreError(undefined);
    const sep = path.includes('?') ? '&' : '?';
    api
      .get<Page<T>>(`${path}${sep}cursor=${encodeURIComponent(data.nextCursor)}`)
      .then((next) => {
        if (!mounted.current) return;
        setData({ items: [...data.items, ...next.items], nextCursor: next.nextCursor });
      })
      .catch((e: unknown) => mounted.current && setLoadMoreError(e))
      .finally(() => mounted.current && setLoadingMore(false));
  }, [path, data, setData, loadingMore, mounted]);
  return { ...q, loadMore, loadingMore, loadMoreError };
}
