/**
 * The offline bundler: builds a Rujuk function the way the SST CLI does for `sst deploy`, without SST, so the mock
 * synth, the bundle tests and the benchmark look at what would deploy. It mirrors SST 4.17 (read from the v4.17.0
 * source; the installed CLI is 4.17.1): the esbuild options of `pkg/runtime/node/build.go` (deploy mode, ESM, no
 * plugins, loaders, `install` or user esbuild options) and the handling of `copyFiles` in
 * `platform/src/components/aws/function.ts`, which puts each entry into the function's zip beside the bundle. The
 * esbuild is the project's npm one (0.28.2) where the CLI compiles in 0.27.2, so output may differ by a few bytes.
 * `test/infra-bundle.test.ts` re-checks it: the bundles run in a fresh Node process and carry no dev dependency.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, rm, stat } from "node:fs/promises";
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Metafile, build } from "esbuild";
import { HANDLERS, NODEJS, REGION_FILES, RUNTIME } from "./build.ts";

/** SST resolves handlers and `copyFiles` against the app's root, where sst.config.ts is. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

// build.go's forceExternal: native modules SST installs into the package rather than bundling.
const FORCE_EXTERNAL = ["sharp", "pg-native"];
// build.go's targetMap, for the runtimes this project could use. SST falls back to esnext for a runtime missing from
// its map; failing here instead keeps a runtime bump from silently changing what is emitted.
const TARGETS: Record<string, string> = { "nodejs24.x": "es2024", "nodejs22.x": "es2023", "nodejs20.x": "es2023" };
// node.go's NODE_EXTENSIONS, in its order of preference.
const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
// Lets bundled CommonJS code call require() and read __filename/__dirname inside an ES module.
const BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "", // nodejs.banner, which no Rujuk function sets
].join("\n");

export interface CopyFile {
  /** Relative to the repository root; a file or a directory. */
  from: string;
  /** Relative to the function's package root; defaults to `from`. */
  to?: string;
}

export interface BundleOptions {
  /** An SST handler string: `<file without extension>.<export>`, relative to the repository root. */
  handler: string;
  /**
   * The directory to build into, emptied first as SST does with its artifact directory. It receives `bundle.mjs`,
   * its source map (which SST leaves out of the zip) and the copied files.
   */
  out: string;
  runtime?: string;
  minify?: boolean;
  /** SST's `nodejs.splitting`: dynamic imports become chunks beside `bundle.mjs`, loaded only when reached. */
  splitting?: boolean;
  copyFiles?: readonly CopyFile[];
}

export interface Bundle {
  /** The handler as deployed, `bundle.<export>`. */
  handler: string;
  out: string;
  /** Size of the JavaScript in the package: `bundle.mjs` and, when split, every chunk. */
  bytes: number;
  /** What a cold start compiles: `bundle.mjs` and the chunks it imports statically, not those behind `import()`. */
  initBytes: number;
  /** Total size of what `copyFiles` added to the package. */
  copiedBytes: number;
  metafile: Metafile;
  warnings: string[];
}

/** The handler's source file: `<dir>/<name>` with the first of SST's extensions that exists. */
export function handlerFile(handler: string): string {
  const dir = dirname(handler);
  const name = basename(handler).split(".").slice(0, -1).join(".");
  for (const extension of EXTENSIONS) {
    const file = resolve(ROOT, dir, name + extension);
    if (existsSync(file)) return file;
  }
  throw new Error(`Handler not found: ${handler}`);
}

async function sizeOf(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(path)) total += await sizeOf(join(path, entry));
  return total;
}

export async function bundle(options: BundleOptions): Promise<Bundle> {
  const runtime = options.runtime ?? RUNTIME;
  const target = TARGETS[runtime];
  if (!target) throw new Error(`No esbuild target known for runtime ${runtime}`);
  const entry = handlerFile(options.handler);
  const out = resolve(options.out);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });

  const minify = options.minify ?? NODEJS.minify;
  const splitting = options.splitting ?? NODEJS.splitting;
  const outfile = join(out, "bundle.mjs");
  const result = await build({
    entryPoints: [entry],
    platform: "node",
    format: "esm",
    // build.go: split output goes to the directory, the entry named `bundle` with the `.mjs` extension.
    ...(splitting ? { splitting, outdir: out, entryNames: "bundle", outExtension: { ".js": ".mjs" } } : { outfile }),
    bundle: true,
    metafile: true,
    write: true,
    keepNames: true,
    target,
    mainFields: ["module", "main"],
    sourcemap: "linked",
    banner: { js: BANNER },
    external: FORCE_EXTERNAL,
    minifyWhitespace: minify,
    minifySyntax: minify,
    minifyIdentifiers: minify,
    // Metafile paths relative to the repository, whichever directory the caller runs from.
    absWorkingDir: ROOT,
    // Errors reject the build; warnings are returned to the caller rather than printed.
    logLevel: "silent",
  });

  let copiedBytes = 0;
  for (const file of options.copyFiles ?? []) {
    const to = file.to ?? file.from;
    if (isAbsolute(to)) throw new Error(`Copy destination path "${to}" must be relative`);
    const from = join(ROOT, file.from);
    await cp(from, join(out, to), { recursive: true });
    copiedBytes += await sizeOf(from);
  }

  const outputs = result.metafile.outputs;
  const code = Object.keys(outputs).filter((file) => file.endsWith(".mjs"));
  return {
    handler: `bundle${extname(options.handler)}`,
    out,
    bytes: code.reduce((sum, file) => sum + outputs[file]!.bytes, 0),
    initBytes: [...staticClosure(outputs, relative(ROOT, outfile))].reduce(
      (sum, file) => sum + outputs[file]!.bytes,
      0,
    ),
    copiedBytes,
    metafile: result.metafile,
    warnings: result.warnings.map((warning) => warning.text),
  };
}

/** An output file and every output it imports statically, transitively (metafile paths). */
function staticClosure(outputs: Metafile["outputs"], entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !outputs[file]) return;
    seen.add(file);
    for (const imported of outputs[file].imports) if (imported.kind === "import-statement") visit(imported.path);
  };
  visit(entry);
  return seen;
}

export type FunctionName = keyof typeof HANDLERS;

/**
 * Every function in HANDLERS, as deployed: one build per source file (the task functions share one), each in
 * `<outRoot>/<file name>` with the region files, and each function's deployed handler string.
 */
export async function bundleAll(
  outRoot: string,
  options: Pick<BundleOptions, "minify" | "runtime"> = {},
): Promise<Record<FunctionName, Bundle>> {
  const byFile = new Map<string, Promise<Bundle>>();
  const dirs = new Map<string, string>();
  const entries = Object.entries(HANDLERS) as [FunctionName, string][];
  for (const [, handler] of entries) {
    const file = handlerFile(handler);
    if (byFile.has(file)) continue;
    const dir = basename(file, extname(file));
    const claimed = dirs.get(dir);
    if (claimed) throw new Error(`bundleAll: ${file} and ${claimed} would both build into ${dir}/`);
    dirs.set(dir, file);
    byFile.set(file, bundle({ ...options, handler, out: join(outRoot, dir), copyFiles: REGION_FILES }));
  }
  const built = await Promise.all(
    entries.map(async ([name, handler]) => {
      const shared = await byFile.get(handlerFile(handler))!;
      return [name, { ...shared, handler: `bundle${extname(handler)}` }] as const;
    }),
  );
  return Object.fromEntries(built) as Record<FunctionName, Bundle>;
}
