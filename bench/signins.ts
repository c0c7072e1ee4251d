/** Password sign-ins over real HTTP: each op is a fresh client (CSRF cookie, POST /api/auth/login, session cookie back). */
import { HttpClient } from './http.js';
import { runFor, type TimedResult } from './timing.js';

export async function benchSignIns(base: string, username: string, password: string, opts: { warmupMs: number; ms: number; concurrency: number }): Promise<TimedResult> {
  const op = async () => {
    const c = new HttpClient(base);
    const user = await c.login(username, password);
    return !!user.id;
  };
  await runFor(opts.warmupMs, opts.concurrency, op);
  return runFor(opts.ms, opts.concurrency, op);
}
