import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Executor } from '../../db/client.js';
import { counterKey, countHit, readHits } from '../../modules/ratelimit/index.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;
type ChildOptions = { routeInfo?: { method?: string | string[]; url?: string }; groupId?: string };

/**
 * A store for @fastify/rate-limit that keeps its counters in the platform database, so every
 * instance behind a load balancer counts against the same limit (the plugin's default store is
 * process memory: N instances would allow N times the limit). PostgreSQL is always there;
 * Redis would be one more service to run.
 *
 * Use: `app.register(rateLimit, { global: false, store: databaseRateLimitStore(db) })`, then
 * `config: { rateLimit: { max, timeWindow } }` on a route: that route's counters are its own
 * (method and URL pattern). A limit made with `app.createRateLimit(opts)` / `app.rateLimit(opts)`
 * has no route: give it a `groupId` ("uploads"), else all such limits share one counter per client.
 * A window opens at a client's first request (database clock); `continueExceeding`,
 * `exponentialBackoff` and `ban` are not supported (no route uses them).
 */
export function databaseRateLimitStore(db: Executor): FastifyRateLimitStoreCtor {
  // The plugin passes its merged limit options (with `routeInfo`) to child(), not what its types say.
  class DatabaseRateLimitStore {
    private readonly scope: string;
    constructor(options: object = {}) {
      const { routeInfo: route, groupId } = options as ChildOptions;
      this.scope = route?.url ? `${String(route.method)} ${route.url}` : `group:${groupId ?? ''}`;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      countHit(db, counterKey(this.scope, timeWindow, key), timeWindow).then(
        (c) => callback(null, { current: c.hits, ttl: c.ttlMs }),
        (err: Error) => callback(err),
      );
    }

    /** The plugin's `{ increment: false }` peek. */
    read(key: string, callback: Callback, timeWindow: number): void {
      readHits(db, counterKey(this.scope, timeWindow, key)).then(
        (c) => callback(null, { current: c.hits, ttl: c.ttlMs }),
        (err: Error) => callback(err),
      );
    }

    child(routeOptions: object): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions) as unknown as FastifyRateLimitStore;
    }
  }
  return DatabaseRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
