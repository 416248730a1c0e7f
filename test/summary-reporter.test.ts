import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "rujuk-summary-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES = {
  "passes.test.ts": `import { expect, it } from "vitest";\nit("passes", () => expect(1).toBe(1));\n`,
  // A file that cannot even be collected.
  "cannot-start.test.ts": `import { it } from "vitest";\nthrow new Error("cannot start");\nit("never", () => {});\n`,
  // A file whose setup fails, as the browser tests do on a machine without Chromium: its tests end up skipped.
  "setup-fails.test.ts": `import { beforeAll, expect, it } from "vitest";\nbeforeAll(() => { throw new Error("no browser"); });\nit("a", () => expect(1).toBe(1));\nit("b", () => expect(1).toBe(1));\n`,
  "vitest.config.ts": `export default { test: { include: ["*.test.ts"], reporters: [${JSON.stringify(
    join(import.meta.dirname, "support/summary-reporter.ts"),
  )}] } };\n`,
};

it("counts test files that could not run as failures, so the summary line never reads 0 failed for them", async () => {
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  const vitest = join(import.meta.dirname, "../node_modules/.bin/vitest");
  const run = promisify(execFile)(vitest, ["run", "--root", dir, "--config", join(dir, "vitest.config.ts")], {
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: "true" },
  });
  const { stdout } = await run.catch((error: { stdout: string }) => error);
  expect(stdout).toContain("Tests: 1 passed, 2 failed, 2 skipped (2 test file(s) failed to run)");
}, 60_000);
