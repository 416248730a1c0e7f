import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root directory. */
export const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");

/** The workspace packages' directory names, under `packages/`. */
export const PACKAGES = readdirSync(join(ROOT, "packages"));

/** A directory's package.json, parsed. */
export const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));

/** Test code: test files, and the test doubles and helpers a package keeps under `testing/`. */
export const isTestCode = (path: string) => /\.test\.tsx?$/.test(path) || path.includes("/testing/");

/** Every TypeScript module (`.ts`, and `.tsx` for the pages' JSX) under `dir`, at any depth. */
export function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(path) ? [path] : [];
  });
}

/**
 * Every module a file imports, loads or resolves by name: static and dynamic imports (`import type` and type-level
 * `import("…")` included), re-exports, require.
 */
export function specifiers(code: string): string[] {
  const patterns = [
    /(?:^|\n)\s*(?:import|export)\s[^"'`;]*?\sfrom\s*["']([^"']+)["']/g,
    /(?:^|\n)\s*import\s*["']([^"']+)["']/g,
    // `resolve` only as a module resolver: a `Promise.resolve("…")` names no module.
    /\b(?:import\.meta\.resolve|require\.resolve|import|require)\s*\(\s*["']([^"']+)["']\s*\)/g,
    /createRequire\([^)]*\)\(\s*["']([^"']+)["']\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1]!));
}
