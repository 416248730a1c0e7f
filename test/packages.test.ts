import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGES, ROOT, isTestCode, manifest, sources, specifiers } from "./support/module-sources.ts";

/** The workspace packages keep their own books: what they import is declared, what they export exists. */
const rootDevDependencies = Object.keys(manifest(ROOT).devDependencies);

const packageOf = (specifier: string) =>
  specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!;

describe.each(PACKAGES)("packages/%s", (name) => {
  const dir = join(ROOT, "packages", name);
  const own = manifest(dir);
  const files = sources(join(dir, "src"));

  it("declares every package its code imports (test code may also use the repository's dev tools)", () => {
    const declared = new Set([...Object.keys(own.dependencies ?? {}), ...Object.keys(own.devDependencies ?? {})]);
    const undeclared = files.flatMap((file) =>
      specifiers(readFileSync(file, "utf8"))
        .filter((s) => !s.startsWith(".") && !s.startsWith("node:") && !builtinModules.includes(s))
        .map(packageOf)
        .filter((pkg) => pkg !== own.name && !declared.has(pkg))
        .filter((pkg) => !(isTestCode(file) && rootDevDependencies.includes(pkg)))
        .map((pkg) => `${relative(ROOT, file)}: ${pkg}`),
    );
    expect(undeclared).toEqual([]);
  });

  // Only the local orchestrator reaches outside its package, into infra/ (the build and the workflow definition it
  // runs exactly as a deploy does); nothing imports the repository's tests.
  it("imports nothing from outside itself by relative path", () => {
    const allowed = (target: string) => name === "local" && relative(ROOT, target).startsWith("infra/");
    const escaping = files.flatMap((file) =>
      specifiers(readFileSync(file, "utf8"))
        .filter((s) => s.startsWith("."))
        .filter((s) => relative(dir, resolve(dirname(file), s)).startsWith(".."))
        .filter((s) => !allowed(resolve(dirname(file), s)))
        .map((s) => `${relative(ROOT, file)}: ${s}`),
    );
    expect(escaping).toEqual([]);
  });

  it("exports only entry points that exist", () => {
    const targets = Object.values<string>(own.exports ?? {});
    const missing = targets.filter((target) =>
      target.includes("*") ? !existsSync(join(dir, dirname(target))) : !existsSync(join(dir, target)),
    );
    expect(missing).toEqual([]);
  });
});
