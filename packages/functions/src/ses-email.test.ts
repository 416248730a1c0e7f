import { MessageRejected, SESv2Client, SendEmailCommand, TooManyRequestsException } from "@aws-sdk/client-sesv2";
import { isPermanentEmailFailure } from "@rujuk/core/email";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { createSesClient, sesEmailSender } from "./ses-email.ts";

const ses = mockClient(SESv2Client);
afterEach(() => ses.reset());

describe("the SDK's SES exceptions", () => {
  // Core's retry rule reads error names and statuses without importing the SDK; these are the classes it must match.
  it("are told apart by core's retry rule: a rejection is permanent, throttling is not", () => {
    expect(isPermanentEmailFailure(new MessageRejected({ message: "x", $metadata: { httpStatusCode: 400 } }))).toBe(
      true,
    );
    expect(
      isPermanentEmailFailure(new TooManyRequestsException({ message: "x", $metadata: { httpStatusCode: 429 } })),
    ).toBe(false);
  });
});

describe("sesEmailSender", () => {
  const client = new SESv2Client({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } });

  it("sends one plain-text UTF-8 email from the configured address to every recipient", async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: "m-1" });
    await sesEmailSender(client, "Rujuk <noreply@rujuk.test>").send({
      to: ["a@rujuk.test", "b@rujuk.test"],
      subject: "Subjek",
      text: "Isi",
    });
    expect(ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input)).toEqual([
      {
        FromEmailAddress: "Rujuk <noreply@rujuk.test>",
        Destination: { ToAddresses: ["a@rujuk.test", "b@rujuk.test"] },
        Content: {
          Simple: { Subject: { Data: "Subjek", Charset: "UTF-8" }, Body: { Text: { Data: "Isi", Charset: "UTF-8" } } },
        },
      },
    ]);
  });

  it("calls SES not at all for a message with no recipients", async () => {
    await sesEmailSender(client, "noreply@rujuk.test").send({ to: [], subject: "s", text: "t" });
    expect(ses.commandCalls(SendEmailCommand)).toEqual([]);
  });
});

describe("createSesClient", () => {
  it("leaves retrying to sendWithRetry, and points at a local endpoint with the local credentials", async () => {
    const local = createSesClient({ endpoint: "http://127.0.0.1:8005", region: "us-east-1" });
    expect(await local.config.maxAttempts()).toBe(1);
    expect(await local.config.credentials()).toMatchObject({ accessKeyId: "local", secretAccessKey: "local" });
    local.destroy();
  });
});
