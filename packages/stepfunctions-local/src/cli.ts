#!/usr/bin/env node
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { freePort, startDynamoLocal } from "@rujuk/dynamodb-local";
import { ManualClock } from "./clock.ts";
import { type Engine, startLocalEndpoint } from "./index.ts";

const USAGE = `Usage: sfn-local [--port 8083] [--dynamodb-endpoint URL | --data-dir DIR] [--table sfn-local]
                 [--manual-clock START_MS] [--handlers MODULE]

Serves the AWS Step Functions API (JSON 1.0 protocol) on http://127.0.0.1:PORT for ASL state machines written in
JSONata. Executions persist in DynamoDB: the one at --dynamodb-endpoint, or a DynamoDB Local started here (kept in
--data-dir, or in memory). With --manual-clock, time starts at START_MS (epoch ms) and moves only when told:
POST /_local/clock {"advanceMs": n} or {"now": ms} (for tests of deadlines). --handlers names a module whose default
export receives the engine and registers task handlers (Lambda stand-ins) on it.`;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SFN_LOCAL_PORT ?? "8083" },
    "dynamodb-endpoint": { type: "string", default: process.env.DYNAMODB_ENDPOINT },
    "data-dir": { type: "string" },
    table: { type: "string", default: "sfn-local" },
    "manual-clock": { type: "string" },
    handlers: { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"\n\n${USAGE}`);
  process.exit(2);
}

const dynamo = values["dynamodb-endpoint"]
  ? undefined
  : await startDynamoLocal({ port: await freePort(), ...(values["data-dir"] ? { dbPath: values["data-dir"] } : {}) });
const clock = values["manual-clock"] === undefined ? undefined : new ManualClock(Number(values["manual-clock"]));

const local = await startLocalEndpoint({
  dynamoEndpoint: values["dynamodb-endpoint"] ?? dynamo!.endpoint,
  tableName: values.table,
  port,
  ...(clock ? { clock, clockControl: true } : {}),
  async setup(engine: Engine) {
    if (!values.handlers) return;
    const module = (await import(pathToFileURL(resolve(values.handlers)).href)) as { default: (e: Engine) => void };
    module.default(engine);
  },
});

console.log(`Step Functions local endpoint ${local.endpoint}${clock ? " (manual clock)" : ""}`);

async function stop(signal: string) {
  console.log(`${signal}: stopping`);
  await local.close().catch(() => undefined);
  await dynamo?.stop();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
