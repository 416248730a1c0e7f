import type { Reporter, TestModule } from "vitest/node";

/**
 * Ends the run with one plain line, `Tests: N passed, N failed, N skipped`, that tools outside vitest can read
 * without knowing vitest's own summary format. Unhandled errors fail a run whose tests all passed, so the line
 * names them too.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown> = []): void {
    const count = { passed: 0, failed: 0, skipped: 0 };
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed" || state === "failed" || state === "skipped") count[state]++;
      }
    }
    const errors = unhandledErrors.length ? `, ${unhandledErrors.length} unhandled error(s)` : "";
    console.log(`\nTests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped${errors}`);
  }
}
