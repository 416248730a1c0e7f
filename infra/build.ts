/**
 * How every Rujuk function is built, in one place: the SST `Function` arguments in `infra/` and the offline bundler
 * (`infra/bundle.ts`, used by the mock synth, the bundle tests and the benchmark) both read these, so what is
 * measured and tested is what deploys.
 */

export const RUNTIME = "nodejs24.x";
export const ARCHITECTURE = "arm64";

/** The entry points, as SST handler strings (`<file without extension>.<export>`), relative to the repository. */
export const HANDLERS = {
  api: "packages/functions/src/lambda/api.handler",
  openApproval: "packages/functions/src/lambda/tasks.OpenApproval",
  awaitResubmission: "packages/functions/src/lambda/tasks.AwaitResubmission",
  remind: "packages/functions/src/lambda/tasks.Remind",
  finalize: "packages/functions/src/lambda/tasks.Finalize",
  reconcile: "packages/functions/src/lambda/tasks.reconcile",
} as const;

/**
 * `idn-area-data` reads its CSV files at run time from beside its own module, a path a bundle does not have. Its data
 * directory (with the ODbL licence the data comes under) ships inside the function's package as `regions/`, and
 * `RUJUK_REGION_DATA` points the app there (relative to the function's working directory, `/var/task` in Lambda).
 * One directory entry, not one per file: SST zips a single-file entry twice.
 */
export const REGION_DATA_DIR = "regions";
export const REGION_FILES = [{ from: "node_modules/idn-area-data/data", to: REGION_DATA_DIR }];

/**
 * SST's `nodejs` options for every function: minified (SST leaves source maps out of the package by default), and
 * split, so that code behind a dynamic import is compiled only when reached. The AWS SDK's credential chain for SSO,
 * profiles and web identity (about 95 KB) is such code, and a Lambda never reaches it: its credentials are in the
 * environment. Splitting takes about a fifth off a cold start (BENCHMARKS.md).
 */
export const NODEJS = { minify: true, splitting: true } as const;

/** Environment every function needs besides its links. */
export const FUNCTION_ENVIRONMENT = { RUJUK_REGION_DATA: REGION_DATA_DIR };
