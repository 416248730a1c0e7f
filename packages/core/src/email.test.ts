import { describe, expect, it } from "vitest";
import { type EmailMessage, type EmailSender, isPermanentEmailFailure, sendWithRetry } from "./email.ts";

const message: EmailMessage = { to: ["kab.kutim@rujuk.test"], subject: "[Rujuk] test", text: "isi" };

/**
 * An error shaped as the AWS SDK throws SES's: a name and `$metadata.httpStatusCode`. Functions' ses-email.test.ts
 * checks the SDK's own exception classes against the same rule.
 */
function sesError(name: string, httpStatusCode: number, text = "x") {
  return Object.assign(new Error(text), { name, $metadata: { httpStatusCode } });
}

/** A sender that fails its first `failures` sends (or every send) with the given error, and counts the calls. */
function fakeSender(failures: number, error: () => unknown = () => new Error("connection reset")) {
  const sent: EmailMessage[] = [];
  let calls = 0;
  const sender: EmailSender = {
    // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; this fake has nothing to await
    async send(m) {
      calls++;
      if (calls <= failures) throw error();
      sent.push(m);
    },
  };
  return { sender, sent, calls: () => calls };
}

function recordingSleep() {
  const waits: number[] = [];
  return {
    waits,
    sleep: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
}

describe("sendWithRetry", () => {
  it("sends at once when the sender works", async () => {
    const fake = fakeSender(0);
    expect(await sendWithRetry(fake.sender, message)).toEqual({ status: "sent", attempts: 1 });
    expect(fake.sent).toEqual([message]);
  });

  it("retries with doubling backoff: fails twice, then succeeds on the third attempt", async () => {
    const fake = fakeSender(2);
    const { waits, sleep } = recordingSleep();
    const outcome = await sendWithRetry(fake.sender, message, { attempts: 3, delayMs: 200, sleep });
    expect(outcome).toEqual({ status: "sent", attempts: 3 });
    expect(fake.calls()).toBe(3);
    expect(fake.sent).toHaveLength(1);
    expect(waits).toEqual([200, 400]);
  });

  it("returns failed with the last error, and does not throw, when every attempt fails", async () => {
    const fake = fakeSender(Infinity, () => new Error("SES is down"));
    const { waits, sleep } = recordingSleep();
    const outcome = await sendWithRetry(fake.sender, message, { attempts: 4, delayMs: 10, sleep });
    expect(outcome).toEqual({ status: "failed", attempts: 4, error: "Error: SES is down" });
    expect(fake.calls()).toBe(4);
    expect(waits).toEqual([10, 20, 40]);
  });

  it("waits for real by default", async () => {
    const fake = fakeSender(1);
    const started = performance.now();
    expect(await sendWithRetry(fake.sender, message, { delayMs: 30 })).toEqual({ status: "sent", attempts: 2 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it("does not retry a permanent rejection, but does retry throttling", async () => {
    const rejected = fakeSender(Infinity, () => sesError("MessageRejected", 400, "bad address"));
    const outcome = await sendWithRetry(rejected.sender, message, { delayMs: 0 });
    expect(outcome).toEqual({ status: "failed", attempts: 1, error: "MessageRejected: bad address" });
    expect(rejected.calls()).toBe(1);

    const throttled = fakeSender(2, () => sesError("TooManyRequestsException", 429, "slow down"));
    expect(await sendWithRetry(throttled.sender, message, { delayMs: 0 })).toEqual({ status: "sent", attempts: 3 });
  });

  it("survives a sender that throws something other than an Error", async () => {
    const fake = fakeSender(Infinity, () => "plain string");
    expect(await sendWithRetry(fake.sender, message, { attempts: 2, delayMs: 0 })).toEqual({
      status: "failed",
      attempts: 2,
      error: "plain string",
    });
  });
});

describe("isPermanentEmailFailure", () => {
  it("treats 4xx as permanent except throttling; network faults and 5xx as worth retrying", () => {
    expect(isPermanentEmailFailure(sesError("MessageRejected", 400))).toBe(true);
    expect(isPermanentEmailFailure(sesError("TooManyRequestsException", 429))).toBe(false);
    expect(isPermanentEmailFailure(sesError("ThrottlingException", 400))).toBe(false);
    expect(isPermanentEmailFailure(sesError("InternalFailure", 500))).toBe(false);
    expect(isPermanentEmailFailure(new Error("ECONNRESET"))).toBe(false);
  });

  it("reads a status only where the SDK puts it, as a number", () => {
    expect(isPermanentEmailFailure(Object.assign(new Error("x"), { $metadata: { httpStatusCode: "400" } }))).toBe(
      false,
    );
    expect(isPermanentEmailFailure(Object.assign(new Error("x"), { $metadata: null }))).toBe(false);
    expect(isPermanentEmailFailure({ name: "MessageRejected", $metadata: { httpStatusCode: 400 } })).toBe(false);
  });
});
