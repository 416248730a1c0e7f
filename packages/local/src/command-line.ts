import { type ParseArgsConfig, parseArgs } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O }>>["values"];

/**
 * The command-line scripts' shared start: their options parsed strictly, `--help` (which each script's options
 * include) answered with the usage, and `fail`, which prints a message with the usage and exits 2, "could not run"
 * as every script here means it.
 */
export function commandLine<const O extends Options & { help: { type: "boolean"; short: "h" } }>(
  usage: string,
  options: O,
): { args: Values<O>; fail: (message: string) => never } {
  const fail = (message: string): never => {
    console.error(`${message}\n\n${usage}`);
    process.exit(2);
  };
  let args: Values<O>;
  try {
    args = parseArgs({ options }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
  if ((args as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return { args, fail };
}
