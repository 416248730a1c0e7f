import type { Reporter, TestModule } from "vitest/node";

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  /** Test files that failed outside any test: an import or syntax error, a hook that threw, a missing browser. */
  failedFiles: number;
  unhandledErrors: number;
}

/** Counts a run: a file that could not run, or an error outside every test, fails it like a failed test. */
export function summarise(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): Summary {
  const summary = { passed: 0, failed: 0, skipped: 0, failedFiles: 0, unhandledErrors: unhandledErrors.length };
  for (const module of modules) {
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === "passed" || state === "failed" || state === "skipped") summary[state]++;
    }
    if (module.errors().length > 0) summary.failedFiles++;
  }
  return summary;
}

/** The line, with every kind of failure counted in `failed` and named after it. */
export function summaryLine(s: Summary): string {
  const failed = s.failed + s.failedFiles + s.unhandledErrors;
  const causes = [
    s.failedFiles ? `${s.failedFiles} test file(s) failed to run` : "",
    s.unhandledErrors ? `${s.unhandledErrors} unhandled error(s)` : "",
  ].filter(Boolean);
  return `Tests: ${s.passed} passed, ${failed} failed, ${s.skipped} skipped${causes.length ? ` (${causes.join(", ")})` : ""}`;
}

/**
 * Ends the run with one plain line, `Tests: N passed, N failed, N skipped`, that tools outside vitest can read
 * without knowing vitest's own summary format.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown> = []): void {
    console.log(`\n${summaryLine(summarise(modules, unhandledErrors))}`);
  }
}
