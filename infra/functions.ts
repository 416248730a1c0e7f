import { ARCHITECTURE, FUNCTION_ENVIRONMENT, NODEJS, REGION_FILES, RUNTIME } from "./build.ts";

/**
 * What every Rujuk function shares: the runtime and build of `build.ts`, the region data, logs kept three months as
 * JSON, and the app's settings (`functions/src/lambda/env.ts` names them). Callers add only their own permissions.
 */
export interface AppSettings {
  environment: Record<string, $util.Input<string>>;
  permissions: NonNullable<sst.aws.FunctionArgs["permissions"]>;
}

export function appFunction(
  handler: string,
  settings: AppSettings,
  own: Partial<Pick<sst.aws.FunctionArgs, "memory" | "timeout" | "permissions" | "description">> = {},
): sst.aws.FunctionArgs {
  return {
    handler,
    runtime: RUNTIME,
    architecture: ARCHITECTURE,
    nodejs: NODEJS,
    copyFiles: REGION_FILES,
    memory: "512 MB",
    timeout: "30 seconds",
    logging: { retention: "3 months", format: "json" },
    ...own,
    environment: { ...FUNCTION_ENVIRONMENT, ...settings.environment },
    permissions: $resolve([settings.permissions, own.permissions ?? []]).apply(([shared, extra]) => [
      ...shared,
      ...extra,
    ]),
  };
}
