import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness } from "./testing/harness.ts";

let h: Awaited<ReturnType<typeof harness>>;
const types = (events: { type?: string }[]) => events.map((e) => e.type);

/** The payload the "answer" handler receives: its task's token and a counter. */
function answerPayload(payload: unknown): { token: string; n: number } {
  if (typeof payload === "object" && payload !== null && "token" in payload && "n" in payload) {
    const { token, n } = payload;
    if (typeof token === "string" && typeof n === "number") return { token, n };
  }
  throw new Error(`unexpected payload: ${JSON.stringify(payload)}`);
}

beforeAll(async () => {
  h = await harness();
  // Answers its own token from inside the invocation, without waiting for the answer: the engine records the
  // invocation first, so awaiting here would wait on itself.
  h.engine.registerHandler("answer", (payload) => {
    const { token, n } = answerPayload(payload);
    void h.engine.sendTaskSuccess({ taskToken: token, output: JSON.stringify({ n: n + 1 }) });
    return {};
  });
});
afterAll(() => h.close());

describe("settled()", () => {
  it("after one call, a task answered from inside its handler, three times over, has run to the end", async () => {
    const arn = await h.machine({
      StartAt: "Ask",
      States: {
        Ask: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
          Arguments: {
            FunctionName: "answer",
            Payload: { token: "{% $states.context.Task.Token %}", n: "{% $states.input.n %}" },
          },
          Next: "Again",
        },
        Again: { Type: "Choice", Choices: [{ Condition: "{% $states.input.n < 3 %}", Next: "Ask" }], Default: "Done" },
        Done: { Type: "Succeed" },
      },
    });

    // start() sends StartExecution and calls settled() once.
    const exec = await h.start(arn, { n: 0 });

    const described = await h.describe(exec);
    expect(described.status).toBe("SUCCEEDED");
    expect(JSON.parse(described.output ?? "null")).toEqual({ n: 3 });
    expect(types(await h.history(exec)).filter((t) => t === "TaskSucceeded")).toHaveLength(3);
  });
});
