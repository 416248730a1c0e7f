import { ARCHITECTURE, FUNCTION_ENVIRONMENT, NODEJS, REGION_FILES, RUNTIME } from "./build.ts";
import type { Permission } from "./permissions.ts";

/**
 * What every Rujuk function shares: the runtime and build of `build.ts`, the region data and logs kept three months
 * as JSON. Each function gets the settings and permissions it needs (`functions/src/lambda/env.ts` and
 * `notifier.ts` name the settings).
 */
export interface AppSettings {
  environment: Record<string, $util.Input<string>>;
  permissions: Permission[];
}

export function appFunction(
  handler: string,
  settings: AppSettings,
  own: Partial<Pick<sst.aws.FunctionArgs, "memory" | "timeout" | "description">> = {},
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
    permissions: settings.permissions,
  };
}
