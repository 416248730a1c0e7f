import { randomUUID } from "node:crypto";
import { MessageRejected, SESv2Client, SendEmailCommand, TooManyRequestsException } from "@aws-sdk/client-sesv2";
import { sesEmailSender } from "@rujuk/functions/ses-email";
import { type NotifyEvent, notificationId, notifier } from "@rujuk/core/notify";
import { createDocumentClient } from "@rujuk/core/store/index";
import { type NotificationStore, notificationStore } from "@rujuk/core/store/notifications";
import type { User } from "@rujuk/core/user";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { ensureAppTable } from "../packages/local/src/app-deps.ts";

const ses = mockClient(SESv2Client);
let store: NotificationStore;

beforeAll(async () => {
  const endpoint = inject("dynamoEndpoint");
  const table = `rujuk-test-${randomUUID().slice(0, 8)}`;
  await ensureAppTable(endpoint, table);
  store = notificationStore(createDocumentClient({ endpoint, region: "local" }), table);
});
afterEach(() => {
  ses.reset();
  vi.restoreAllMocks();
});

const throttled = () =>
  new TooManyRequestsException({ message: "Maximum sending rate exceeded", $metadata: { httpStatusCode: 429 } });
const rejected = () =>
  new MessageRejected({ message: "Email address is not verified", $metadata: { httpStatusCode: 400 } });

function makeNotifier(users?: { get(id: string): Promise<User | undefined> }) {
  const client = new SESv2Client({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
  return notifier({
    store,
    users,
    email: sesEmailSender(client, "noreply@rujuk.test"),
    baseUrl: "https://rujuk.example",
    retry: { attempts: 3, delayMs: 1 },
  });
}

function event(key: string): NotifyEvent {
  return {
    key,
    type: "reminder",
    kind: "report",
    itemId: "01JREPORT",
    facts: {
      kind: "report",
      number: "LAP-250301-AAAAAA",
      level: "kabupaten",
      regionCode: "64.08.01",
      dueAt: "2025-03-05T00:00:00.000Z",
    },
  };
}

describe("notify when SES fails", () => {
  it("retries a throttled send and records it as sent on the second attempt", async () => {
    ses.on(SendEmailCommand).rejectsOnce(throttled()).resolves({ MessageId: "m-1" });
    const summary = await makeNotifier().notify([{ id: "u1", email: "kab.kutim@rujuk.test" }], event("throttle"));
    expect(summary).toEqual({ notified: 1, emailed: 1, emailFailed: 0, skipped: 0 });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);
    const input = ses.commandCalls(SendEmailCommand)[1]!.args[0].input;
    expect(input.Destination?.ToAddresses).toEqual(["kab.kutim@rujuk.test"]);
    expect(input.Content?.Simple?.Subject?.Data).toBe(
      "[Rujuk] Pengingat: Laporan LAP-250301-AAAAAA melewati batas waktu",
    );
    expect(await store.emailFor("u1", notificationId("throttle", "u1"))).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("records a permanently rejected email as failed after one attempt, and still resolves with the in-app notification", async () => {
    ses.on(SendEmailCommand).rejects(rejected());
    const summary = await makeNotifier().notify([{ id: "u2", email: "kab.kutim@rujuk.test" }], event("rejected"));
    expect(summary).toEqual({ notified: 1, emailed: 0, emailFailed: 1, skipped: 0 });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(await store.emailFor("u2", notificationId("rejected", "u2"))).toMatchObject({
      to: ["kab.kutim@rujuk.test"],
      status: "failed",
      attempts: 1,
      error: "MessageRejected: Email address is not verified",
    });
    expect((await store.listFor("u2", { limit: 5 })).items.map((n) => n.type)).toEqual(["reminder"]);
  });

  it("gives up on an endlessly throttled send after its attempts, records it, and sends again when the task retries", async () => {
    ses.on(SendEmailCommand).rejects(throttled());
    const notify = makeNotifier();
    const recipients = [{ id: "u3", email: "prov.kaltim@rujuk.test" }];
    expect(await notify.notify(recipients, event("storm"))).toEqual({
      notified: 1,
      emailed: 0,
      emailFailed: 1,
      skipped: 0,
    });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(3);
    expect(await store.emailFor("u3", notificationId("storm", "u3"))).toMatchObject({ status: "failed", attempts: 3 });

    // The workflow retries the task once SES recovers: the same notification, and this time the email goes out.
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: "m-2" });
    expect(await notify.notify(recipients, event("storm"))).toEqual({
      notified: 1,
      emailed: 1,
      emailFailed: 0,
      skipped: 0,
    });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(await store.emailFor("u3", notificationId("storm", "u3"))).toMatchObject({ status: "sent", attempts: 1 });
    expect((await store.listFor("u3", { limit: 5 })).items).toHaveLength(1);

    // And once it went out, another retry sends nothing.
    ses.reset();
    ses.on(SendEmailCommand).resolves({ MessageId: "m-3" });
    expect(await notify.notify(recipients, event("storm"))).toEqual({
      notified: 1,
      emailed: 1,
      emailFailed: 0,
      skipped: 0,
    });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it("mixes outcomes per recipient: one failure does not stop the others", async () => {
    ses
      .on(SendEmailCommand, { Destination: { ToAddresses: ["bad@rujuk.test"] } })
      .rejects(rejected())
      .on(SendEmailCommand, { Destination: { ToAddresses: ["good@rujuk.test"] } })
      .resolves({ MessageId: "m-4" });
    const summary = await makeNotifier().notify(
      [
        { id: "u4", email: "bad@rujuk.test" },
        { id: "u5", email: "good@rujuk.test" },
        { id: "u6" },
        { id: "u5", email: "good@rujuk.test" },
      ],
      event("mixed"),
    );
    expect(summary).toEqual({ notified: 3, emailed: 1, emailFailed: 1, skipped: 0 });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);
  });

  it("with a users lookup: skips unknown and disabled accounts and uses the account's email", async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: "m-5" });
    const accounts: Record<string, User> = {
      u7: { id: "u7", username: "a", name: "A", role: "kabupaten", regionCode: "64.08", email: "a@rujuk.test" },
      u8: {
        id: "u8",
        username: "b",
        name: "B",
        role: "kabupaten",
        regionCode: "64.08",
        email: "b@rujuk.test",
        disabled: true,
      },
    };
    const users = { get: (id: string) => Promise.resolve(accounts[id]) };
    const summary = await makeNotifier(users).notify([{ id: "u7" }, { id: "u8" }, { id: "ghost" }], event("lookup"));
    expect(summary).toEqual({ notified: 1, emailed: 1, emailFailed: 0, skipped: 2 });
    expect(ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses)).toEqual([
      ["a@rujuk.test"],
    ]);
    expect((await store.listFor("u8", { limit: 5 })).items).toEqual([]);
  });

  it("still resolves when recording the outcome fails: the email's fate is already decided", async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: "m-6" });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const client = new SESv2Client({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    const notify = notifier({
      store: {
        add: (userId, notification) => store.add(userId, notification),
        recordEmail: () => Promise.reject(new Error("DynamoDB throttled")),
      },
      email: sesEmailSender(client, "noreply@rujuk.test"),
      baseUrl: "https://rujuk.example",
    });
    expect(await notify.notify([{ id: "u9", email: "c@rujuk.test" }], event("record-fails"))).toEqual({
      notified: 1,
      emailed: 1,
      emailFailed: 0,
      skipped: 0,
    });
    expect(warn).toHaveBeenCalledOnce();
  });

  it("fails (so the task retries) when the in-app notification cannot be written", async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: "m-7" });
    const client = new SESv2Client({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });
    const notify = notifier({
      store: {
        add: () => Promise.reject(new Error("ProvisionedThroughputExceeded")),
        recordEmail: (...args) => store.recordEmail(...args),
      },
      email: sesEmailSender(client, "noreply@rujuk.test"),
      baseUrl: "https://rujuk.example",
    });
    await expect(notify.notify([{ id: "u10", email: "d@rujuk.test" }], event("add-fails"))).rejects.toThrow(
      /Provisioned/,
    );
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});
