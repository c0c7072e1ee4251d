import type { Reporter, TestModule } from 'vitest/node';

/** Prints the plain closing line CI tools read: "N passed, N failed". */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') failed++;
        else skipped++;
      }
    }
    const db = process.env.DATABASE_URL ? 'postgres' : 'pglite';
    process.stdout.write(`\nvitest on ${db}\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
