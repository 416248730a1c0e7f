/**
 * The offline synth: runs `sst.config.ts`'s real `run()` the way SST's CLI does (`sst deploy`), but under Pulumi's
 * mocks instead of a Pulumi engine and an AWS account, and writes every resource with its final inputs to a JSON file
 * that `test/infra.test.ts` checks.
 *
 * It mirrors SST 4.17.1's `pkg/project/run.go` and `pkg/js/js.go`: the config is bundled with esbuild into
 * `.sst/platform/`, with `$app`, `$cli` and `$dev` defined, SST's `src/shim/run.js` injected and the providers imported
 * into every user file; functions are built through the CLI's `Runtime.Build` call, answered here by `infra/bundle.ts`
 * (which mirrors `pkg/runtime/node/build.go`). These are SST internals: `test/infra.test.ts` runs this on every test
 * run, so an `sst` upgrade that changes them fails there, not at deploy.
 *
 * Usage: node infra/synth/synth.ts [--stage production] [--out .sst/synth/production.json]
 * Needs `sst install` first (npm run check:infra does both).
 */
import { mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";
import { bundle } from "../bundle.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PLATFORM = join(ROOT, ".sst/platform");

/** Settings a real deploy takes from the team's environment and SST's secret store: placeholders for the synth. */
export const SYNTH_ENV = {
  RUJUK_EMAIL_SENDER: "dinsos.example.go.id",
  RUJUK_ALARM_EMAIL: "ops@dinsos.example.go.id",
  SST_SECRET_SessionSecret: "synth-session-secret",
  SST_SECRET_NikKey: "synth-nik-key",
};

/** The app's settings for `stage`, from `sst.config.ts`'s own `app()`, as the CLI reads them. */
async function appFor(stage: string) {
  (globalThis as Record<string, unknown>).$config = (config: unknown) => config;
  const { default: config } = (await import(pathToFileURL(join(ROOT, "sst.config.ts")).href)) as {
    default: { app(input: { stage: string }): Record<string, unknown> | Promise<Record<string, unknown>> };
  };
  return { ...(await config.app({ stage })), stage };
}

/** The CLI's JSON-RPC endpoint, answering the two calls a deploy of this app makes. */
async function rpcStub(artifacts: string) {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const { method, params } = JSON.parse(body) as { method: string; params: [Record<string, unknown>] };
      answer(method, params[0]).then(
        (result) => res.end(JSON.stringify({ result, error: null })),
        (error: unknown) => res.end(JSON.stringify({ result: null, error: String(error) })),
      );
    });
  });
  async function answer(method: string, input: Record<string, unknown>) {
    if (method === "Provider.Aws.Bootstrap") {
      return { asset: "sst-asset-synth", assetEcrRegistryId: "", assetEcrUrl: "", state: "sst-state-synth" };
    }
    if (method === "Runtime.Build") {
      const properties = (input.properties ?? {}) as { minify?: boolean; splitting?: boolean };
      const built = await bundle({
        handler: String(input.handler),
        out: join(artifacts, String(input.functionID)),
        runtime: String(input.runtime),
        minify: properties.minify ?? false,
        splitting: properties.splitting ?? false,
        // Not copyFiles: SST's Function adds those to the zip itself, after the build.
      });
      // As SST's CLI, name the source maps so the zip leaves them out.
      const sourcemaps = readdirSync(built.out)
        .filter((file) => file.endsWith(".map"))
        .map((file) => join(built.out, file));
      return { handler: built.handler, out: built.out, errors: [], sourcemaps };
    }
    throw new Error(`rpc: can't find method ${method}`);
  }
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

export async function synth(stage: string, out: string) {
  const app = await appFor(stage);
  const work = join(ROOT, ".sst");
  const cli = {
    command: "deploy",
    dev: false,
    paths: { home: join(work, "synth/home"), root: ROOT, work, platform: PLATFORM },
    state: { version: {} },
  };
  const lock = JSON.parse(readFileSync(join(work, "provider-lock.json"), "utf8")) as {
    alias: string;
    package: string;
  }[];
  const globals = [
    ...lock.map((p) => `import * as ${p.alias} from "${p.package}";`),
    `import * as sst from "${join(PLATFORM, "src/components")}";`,
  ].join("\n");
  const program = join(PLATFORM, `synth.${process.pid}.mjs`);
  await esbuild.build({
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from 'module';`,
        `const require = topLevelCreateRequire(import.meta.url);`,
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
        `const __filename = topLevelFileUrlToPath(import.meta.url)`,
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
      ].join("\n"),
    },
    mainFields: ["module", "main"],
    format: "esm",
    platform: "node",
    stdin: {
      contents: [
        `import { synthesise } from ${JSON.stringify(join(ROOT, "infra/synth/mocks.ts"))};`,
        `import { run } from ${JSON.stringify(join(PLATFORM, "src/auto/run.ts"))};`,
        `import mod from ${JSON.stringify(join(ROOT, "sst.config.ts"))};`,
        `await synthesise(${JSON.stringify(out)}, () => run(mod.run));`,
      ].join("\n"),
      resolveDir: ROOT,
      sourcefile: "eval.ts",
      loader: "ts",
    },
    nodePaths: [join(PLATFORM, "node_modules")],
    plugins: [
      {
        // As SST's InjectGlobals: every user file sees the providers and `sst` as globals.
        name: "inject-globals",
        setup(build) {
          build.onLoad({ filter: /\.(js|ts|jsx|tsx)$/ }, (args) => {
            if (args.path.startsWith(work) || args.path.includes("infra/synth/")) return undefined;
            return { contents: `${globals}\n${readFileSync(args.path, "utf8")}`, loader: "default" };
          });
        },
      },
    ],
    external: [
      "@pulumi/*",
      "undici",
      "@pulumiverse/*",
      "@sst-provider/*",
      "@aws-sdk/*",
      "esbuild",
      "archiver",
      "glob",
      "vite",
    ],
    define: { $app: JSON.stringify(app), $cli: JSON.stringify(cli), $dev: "false" },
    inject: [join(PLATFORM, "src/shim/run.js")],
    outfile: program,
    bundle: true,
    // SST's own sources trip esbuild's lint warnings (as they do in SST's CLI, which hides them).
    logLevel: "error",
  });

  const rpc = await rpcStub(join(work, "synth/artifacts", stage));
  Object.assign(process.env, SYNTH_ENV, { SST_SERVER: rpc.url });
  mkdirSync(dirname(out), { recursive: true });
  try {
    await import(pathToFileURL(program).href);
  } finally {
    rpc.close();
    rmSync(program, { force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { stage: { type: "string" }, out: { type: "string" } } });
  const stage = values.stage ?? "production";
  const out = resolve(values.out ?? join(ROOT, `.sst/synth/${stage}.json`));
  const started = performance.now();
  await synth(stage, out);
  console.log(`synth ${stage}: wrote ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
