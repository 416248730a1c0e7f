/**
 * Installs SST's platform (`.sst/platform`: its component sources and the Pulumi providers, from the npm registry)
 * unless the installed one already matches the pinned `sst`. `sst install` needs a stage and no AWS account; the
 * first run takes about a minute and 320 MB.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export function installedPlatform(): string | undefined {
  const file = join(ROOT, ".sst/platform/version");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

export function pinnedSst(): string {
  // Read as a file: the package's exports do not include its package.json.
  return (JSON.parse(readFileSync(join(ROOT, "node_modules/sst/package.json"), "utf8")) as { version: string }).version;
}

export function ensurePlatform() {
  if (installedPlatform() === pinnedSst()) return;
  execFileSync(join(ROOT, "node_modules/.bin/sst"), ["install"], {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      SST_TELEMETRY_DISABLED: "1",
      SST_STAGE: "ci",
      SST_SKIP_DEPENDENCY_CHECK: "1",
      SST_NO_BUN: "1",
    },
  });
  if (installedPlatform() !== pinnedSst()) throw new Error(`sst install did not install platform ${pinnedSst()}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) ensurePlatform();
