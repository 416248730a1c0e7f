import { localEndpoint } from "@rujuk/core/aws-local";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type ServerType, serve } from "@hono/node-server";
import { ensureTable } from "@rujuk/dynamodb-local";
import { sfnApi } from "./api.ts";
import { Hono } from "hono";
import { type Clock, ManualClock } from "./clock.ts";
import { Engine } from "./engine.ts";
import { engineStore } from "./store.ts";
import { engineTableDefinition } from "./table.ts";

export { Engine } from "./engine.ts";
export { ManualClock, systemClock, type Clock } from "./clock.ts";
export { SfnError } from "./errors.ts";
export type { TaskHandler } from "./lambda.ts";
export { sfnApi } from "./api.ts";

export interface LocalEndpointOptions {
  /** DynamoDB (Local) that keeps every execution; the engine's table is created there when missing. */
  dynamoEndpoint: string;
  tableName?: string;
  port: number;
  hostname?: string;
  clock?: Clock;
  region?: string;
  /**
   * Serve `POST /_local/clock` (`{ "advanceMs": n }` or `{ "now": ms }`) to move a manual clock from outside, for
   * tests of deadlines against a separate process. Off unless the clock is a ManualClock and this is set.
   */
  clockControl?: boolean;
  /** Registers task handlers; runs before the endpoint serves or resumes anything, so no task finds none. */
  setup?: (engine: Engine) => void | Promise<void>;
}

export interface LocalEndpoint {
  engine: Engine;
  endpoint: string;
  server: ServerType;
  close(): Promise<void>;
}

/**
 * Serves the Step Functions API on `port`, backed by an engine persisting in DynamoDB. Register task handlers on
 * `engine` before work arrives; the timer loop starts at once and resumes whatever was due while nothing ran.
 */
export async function startLocalEndpoint(options: LocalEndpointOptions): Promise<LocalEndpoint> {
  const tableName = options.tableName ?? "sfn-local";
  await ensureTable(options.dynamoEndpoint, engineTableDefinition(tableName));
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      ...localEndpoint(options.dynamoEndpoint),
      region: "local",
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const engine = new Engine({
    store: engineStore(db, tableName),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.region ? { region: options.region } : {}),
  });
  await options.setup?.(engine);
  const hostname = options.hostname ?? "127.0.0.1";
  const app = new Hono();
  const clock = options.clock;
  if (options.clockControl && clock instanceof ManualClock) {
    app.post("/_local/clock", async (c) => {
      const body = await c.req.json<{ advanceMs?: number; now?: number }>();
      if (typeof body.now === "number") clock.set(body.now);
      else clock.advance(body.advanceMs ?? 0);
      await engine.settled();
      return c.json({ now: clock.now() });
    });
  }
  app.route("/", sfnApi(engine));
  const server = serve({ fetch: app.fetch, port: options.port, hostname });
  await new Promise<void>((ok, fail) => {
    server.once("listening", ok);
    server.once("error", fail);
  });
  engine.start();
  return {
    engine,
    endpoint: `http://${hostname}:${options.port}`,
    server,
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await engine.stop();
      db.destroy();
    },
  };
}
