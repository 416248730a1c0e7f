import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { PACKAGES, ROOT, manifest, sources, specifiers } from "./module-sources.ts";

/** Modules (absolute paths) and, for each, the modules it imports. */
export type ImportGraph = Map<string, Set<string>>;

/**
 * The file a package's `exports` field maps `subpath` (`"."`, `"./store/index"`) to, relative to the package, as Node
 * resolves it: an exact key first, then the `*` pattern with the longest prefix. Undefined when nothing matches.
 */
export function exportTarget(exportsField: unknown, subpath: string): string | undefined {
  const entries: Record<string, unknown> =
    typeof exportsField === "string"
      ? { ".": exportsField }
      : typeof exportsField === "object" && exportsField
        ? { ...exportsField }
        : {};
  const exact = entries[subpath];
  if (typeof exact === "string") return exact;
  const patterns = Object.entries(entries)
    .filter((entry): entry is [string, string] => entry[0].includes("*") && typeof entry[1] === "string")
    .sort(([a], [b]) => b.indexOf("*") - a.indexOf("*"));
  for (const [key, target] of patterns) {
    const [prefix = "", suffix = ""] = key.split("*");
    if (subpath.length < prefix.length + suffix.length) continue;
    if (!subpath.startsWith(prefix) || !subpath.endsWith(suffix)) continue;
    return target.replaceAll("*", subpath.slice(prefix.length, subpath.length - suffix.length));
  }
  return undefined;
}

/**
 * The graph of imports among the `.ts` files under each `packages/<name>/src`: relative imports, and `@rujuk/<package>[/<entry>]` resolved
 * through that package's `exports`. Type-only imports count: a type-only cycle still has two modules each owning part
 * of the other. Imports of anything else (npm packages, node:, infra/) leave the graph and are not edges.
 * `unresolved` lists the workspace specifiers no export maps to a source file, so that no edge is dropped unseen.
 */
export function packagesImportGraph(): { graph: ImportGraph; unresolved: string[] } {
  const dirs = PACKAGES.map((name) => join(ROOT, "packages", name));
  const byName = new Map(
    dirs.map((dir) => [manifest(dir).name as string, { dir, exports: manifest(dir).exports as unknown }]),
  );
  const files = dirs.flatMap((dir) => sources(join(dir, "src")));
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  const unresolved: string[] = [];

  function workspaceTarget(specifier: string): string | undefined {
    const [scope = "", name = "", ...rest] = specifier.split("/");
    const pkg = byName.get(`${scope}/${name}`);
    const target = pkg && exportTarget(pkg.exports, rest.length === 0 ? "." : `./${rest.join("/")}`);
    return pkg && target ? resolve(pkg.dir, target) : undefined;
  }

  for (const file of files) {
    const imports = new Set<string>();
    for (const specifier of specifiers(readFileSync(file, "utf8"))) {
      if (specifier.startsWith(".")) {
        const target = resolve(dirname(file), specifier);
        if (known.has(target)) imports.add(target);
      } else if (byName.has(specifier.split("/").slice(0, 2).join("/"))) {
        const target = workspaceTarget(specifier);
        if (target && known.has(target)) imports.add(target);
        else unresolved.push(`${relative(ROOT, file)}: ${specifier}`);
      }
    }
    graph.set(file, imports);
  }
  return { graph, unresolved };
}

/** Strongly connected components by Tarjan's algorithm: each module's component number. */
function components(graph: ImportGraph): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let next = 0;
  let count = 0;

  function visit(node: string) {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.set(member, count);
    } while (member !== node);
    count++;
  }

  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return component;
}

/** The shortest path from `from` to `to` (both included) through modules of one component. */
function shortestPath(graph: ImportGraph, from: string, to: string, inside: (node: string) => boolean): string[] {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    if (node === to) break;
    for (const target of graph.get(node) ?? []) {
      if (previous.has(target) || !inside(target)) continue;
      previous.set(target, node);
      queue.push(target);
    }
  }
  const path = [to];
  for (let node = previous.get(to); node; node = previous.get(node)) path.unshift(node);
  return path;
}

/**
 * The graph's import cycles, each as the modules in import order with the first repeated at the end. Every import
 * that lies on a cycle is in at least one listed cycle (the shortest that closes through it), so each edge there is to
 * cut is named; a cycle is listed once, starting from its alphabetically first module.
 */
export function importCycles(graph: ImportGraph): string[][] {
  const component = components(graph);
  const found = new Map<string, string[]>();
  for (const [node, targets] of graph) {
    for (const target of targets) {
      if (component.get(node) !== component.get(target)) continue;
      const loop = shortestPath(graph, target, node, (m) => component.get(m) === component.get(node));
      const start = loop.indexOf([...loop].sort()[0]!);
      const rotated = [...loop.slice(start), ...loop.slice(0, start)];
      const cycle = [...rotated, rotated[0]!];
      found.set(cycle.join("\0"), cycle);
    }
  }
  return [...found.values()].sort((a, b) => a.join("\0").localeCompare(b.join("\0")));
}
