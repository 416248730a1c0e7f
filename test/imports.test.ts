import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { type ImportGraph, exportTarget, importCycles, packagesImportGraph } from "./support/import-graph.ts";
import { ROOT } from "./support/module-sources.ts";

/**
 * No module of the packages imports itself through others: a cycle (type-only ones too) leaves two modules each
 * owning part of the other, so neither can be read, tested or moved alone. `npm run check:cycles` runs this file.
 */
const { graph, unresolved } = packagesImportGraph();
const shown = (cycle: string[]) => cycle.map((file) => relative(`${ROOT}/packages`, file)).join(" -> ");

describe("imports between the packages' modules", () => {
  it("resolve: every @rujuk/… specifier names a source file its package exports", () => {
    expect(unresolved).toEqual([]);
  });

  it("form no cycle", () => {
    expect(importCycles(graph).map(shown)).toEqual([]);
  });
});

// The check above can only fail if the cycle finder finds cycles; these keep it honest.
describe("importCycles", () => {
  const graphOf = (edges: Record<string, string[]>): ImportGraph =>
    new Map(Object.entries(edges).map(([node, targets]) => [node, new Set(targets)]));

  it("finds none in a graph without cycles", () => {
    expect(importCycles(graphOf({ a: ["b", "c"], b: ["c"], c: [] }))).toEqual([]);
  });

  it("names every import on a cycle, each cycle once, from its first module", () => {
    const cycles = importCycles(graphOf({ a: ["b"], b: ["c", "a"], c: ["a"], d: ["d", "a"] }));
    expect(cycles).toEqual([
      ["a", "b", "a"],
      ["a", "b", "c", "a"],
      ["d", "d"],
    ]);
  });
});

describe("exportTarget", () => {
  const exports = { ".": "./src/index.ts", "./*": "./src/*.ts", "./testing/*": "./src/testing/*.ts" };

  it("maps the bare name, an exact key and the most specific pattern as Node does", () => {
    expect(exportTarget(exports, ".")).toBe("./src/index.ts");
    expect(exportTarget(exports, "./store/items")).toBe("./src/store/items.ts");
    expect(exportTarget({ "./*": "./lib/*.js", "./testing/*": "./src/testing/*.ts" }, "./testing/faults")).toBe(
      "./src/testing/faults.ts",
    );
    expect(exportTarget("./src/index.ts", ".")).toBe("./src/index.ts");
  });

  it("maps nothing a package does not export", () => {
    expect(exportTarget({ "./*": "./src/*.ts" }, ".")).toBeUndefined();
    expect(exportTarget(undefined, "./x")).toBeUndefined();
  });
});
