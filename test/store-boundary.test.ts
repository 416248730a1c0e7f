import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGES, ROOT, isTestCode, sources } from "./support/module-sources.ts";

/**
 * The store alone knows how items are keyed and indexed: plans, routes, tasks and scripts state intent (an inbox, the
 * reconciler's queue, the duplicate index) and the store writes the keys. The local Step Functions endpoint keeps its
 * own table, whose store is the one place that names its indexes.
 */
const OWNERS = [
  "packages/core/src/store/",
  "packages/stepfunctions-local/src/store.ts",
  "packages/stepfunctions-local/src/table.ts",
];

describe("the store's boundary", () => {
  it("no production code outside a store names an index or an index key attribute", () => {
    const outside = PACKAGES.flatMap((name) => sources(join(ROOT, "packages", name, "src")))
      .map((file) => relative(ROOT, file))
      .filter((file) => !isTestCode(file) && !OWNERS.some((owner) => file.startsWith(owner)))
      .flatMap((file) =>
        readFileSync(join(ROOT, file), "utf8")
          .split("\n")
          .flatMap((line, i) => (/\bGSI\d/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(outside).toEqual([]);
  });
});
