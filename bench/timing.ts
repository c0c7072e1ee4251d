/** Bounded-time load loops shared by the benchmark sections. */

export type TimedResult = {
  ops: number;
  errors: number;
  seconds: number;
  /** Per-operation latencies in ms (successful ops only). */
  latencies: number[];
  firstError?: string;
  /** True when `op` ran out of work before the deadline. */
  exhausted: boolean;
};

/** Thrown by an op to say there is no more work (e.g. the pre-uploaded pool is empty). */
export class Exhausted extends Error {}

/**
 * Runs `op` in `concurrency` parallel loops until `ms` elapse (or an op throws `Exhausted`).
 * An op returns true for success; false or a throw counts as an error.
 */
export async function runFor(ms: number, concurrency: number, op: (worker: number) => Promise<boolean>): Promise<TimedResult> {
  const start = performance.now();
  const deadline = start + ms;
  let ops = 0;
  let errors = 0;
  let exhausted = false;
  let firstError: string | undefined;
  const latencies: number[] = [];
  const loop = async (w: number) => {
    while (!exhausted && performance.now() < deadline) {
      const t0 = performance.now();
      try {
        if (await op(w)) {
          ops++;
          latencies.push(performance.now() - t0);
        } else errors++;
      } catch (e) {
        if (e instanceof Exhausted) {
          exhausted = true;
          break;
        }
        errors++;
        firstError ??= e instanceof Error ? e.message : String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => loop(w)));
  const seconds = (performance.now() - start) / 1000;
  return { ops, errors, seconds, latencies, exhausted, ...(firstError ? { firstError } : {}) };
}

/** Runs a synchronous op in a tight loop for `ms`, checking the clock every `batch` calls. */
export function spinFor(ms: number, op: () => boolean, batch = 16): { ops: number; errors: number; seconds: number } {
  const start = performance.now();
  const deadline = start + ms;
  let ops = 0;
  let errors = 0;
  while (performance.now() < deadline) {
    for (let i = 0; i < batch; i++) {
      if (op()) ops++;
      else errors++;
    }
  }
  return { ops, errors, seconds: (performance.now() - start) / 1000 };
}

/** Sequential async loop (one op in flight) for `ms`. */
export async function sequentialFor(ms: number, op: () => Promise<unknown>): Promise<{ ops: number; seconds: number }> {
  const start = performance.now();
  const deadline = start + ms;
  let ops = 0;
  while (performance.now() < deadline) {
    await op();
    ops++;
  }
  return { ops, seconds: (performance.now() - start) / 1000 };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function latencySummary(latencies: number[]): { p50: number; p99: number } {
  const s = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99) };
}
