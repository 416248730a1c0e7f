import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** Calls of one kind to DynamoDB and the time spent in them, as the app's client saw them. */
export interface CallTally {
  calls: number;
  totalMs: number;
  samples: number[];
}

/**
 * Times every call the client sends (from the command's start to its answer, retries included), by command. It
 * shows where a request's time goes: how many round trips it makes, and how long each waits on DynamoDB. Counting
 * starts when `start` is called, so a warm-up can be left out.
 */
export function timeCalls(db: DynamoDBDocumentClient) {
  const byCommand = new Map<string, CallTally>();
  let counting = false;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const started = performance.now();
      try {
        return await next(args);
      } finally {
        if (counting) {
          const ms = performance.now() - started;
          const name = (context.commandName ?? "unknown").replace(/Command$/, "");
          const tally = byCommand.get(name) ?? { calls: 0, totalMs: 0, samples: [] };
          tally.calls++;
          tally.totalMs += ms;
          tally.samples.push(ms);
          byCommand.set(name, tally);
        }
      }
    },
    { step: "initialize", name: "benchCallTimings" },
  );
  return {
    start() {
      byCommand.clear();
      counting = true;
    },
    stop() {
      counting = false;
    },
    tallies(): ReadonlyMap<string, CallTally> {
      return byCommand;
    },
  };
}

/** The value at quantile `q` (0–1) of some samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
