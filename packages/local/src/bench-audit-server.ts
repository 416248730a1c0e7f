import { serve } from "@hono/node-server";
import { createApp } from "@rujuk/functions/app";
import { localAppDeps } from "./app-deps.ts";
import { BENCH_SECRETS } from "./bench-stack.ts";
import { listen } from "./listen.ts";
import { withRecordingWorkflow } from "./testing/recording-workflow.ts";

/**
 * The server half of `bench-audit.ts`, started by it with `child_process.fork` so that the app's memory is measured
 * in a process of its own, apart from the benchmark driver and its seeding. It serves the app on 127.0.0.1 (port
 * chosen by the system), samples its own memory every 20 ms, and answers the driver over IPC:
 * - on start it sends `{ port }`;
 * - `"mark"` resets the peaks to the current figures and answers `{ rss, heapUsed }` (the baseline of a measurement);
 * - `"peaks"` takes one more sample and answers `{ rss, heapUsed }`, the highest figures seen since the last mark.
 * Arguments: the DynamoDB endpoint and the app's table name.
 */
const [endpoint, tableName] = process.argv.slice(2);
if (!endpoint || !tableName || !process.send) {
  console.error("usage: forked by bench-audit.ts with <dynamo endpoint> <table name>");
  process.exit(2);
}
const send = process.send.bind(process);

// The audit routes start no chain; the recording workflow fills the port.
const deps = withRecordingWorkflow(localAppDeps({ dynamoEndpoint: endpoint, tableName, secrets: BENCH_SECRETS }));
const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: "127.0.0.1" });
await listen(server);

const peak = { rss: 0, heapUsed: 0 };
function sample() {
  const { rss, heapUsed } = process.memoryUsage();
  peak.rss = Math.max(peak.rss, rss);
  peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
}
// A timer in the server's own event loop: a long synchronous stretch delays a sample, so the kernel's high-water mark
// (VmHWM, read by the driver) is the authoritative RSS peak; the heap peak has no such counterpart.
const sampler = setInterval(sample, 20);

process.on("message", (message) => {
  if (message === "mark") {
    const { rss, heapUsed } = process.memoryUsage();
    Object.assign(peak, { rss, heapUsed });
    send({ rss, heapUsed });
  } else if (message === "peaks") {
    sample();
    send({ ...peak });
  }
});
// The driver going away (or disconnecting on purpose) ends the server.
process.on("disconnect", () => {
  clearInterval(sampler);
  server.close();
  process.exit(0);
});

const address = server.address();
send({ port: typeof address === "object" && address ? address.port : 0 });
