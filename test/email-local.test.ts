import { localEndpoint } from "@rujuk/core/aws-local";
import { randomUUID } from "node:crypto";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { createSesClient, sesEmailSender } from "@rujuk/functions/ses-email";
import { notifier } from "@rujuk/core/notify";
import { createDocumentClient } from "@rujuk/core/store/index";
import { notificationStore } from "@rujuk/core/store/notifications";
import { freePort } from "@rujuk/dynamodb-local";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { ensureAppTable } from "../packages/local/src/app-deps.ts";
import { type SesLocal, capturedEmails, clearCapturedEmails, startSesLocal } from "../packages/local/src/ses-local.ts";

let ses: SesLocal;
let client: SESv2Client;

beforeAll(async () => {
  ses = await startSesLocal({ port: await freePort() });
  client = new SESv2Client({
    ...localEndpoint(ses.endpoint),
    region: "us-east-1",
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client?.destroy();
  await ses?.stop();
});
beforeEach(() => clearCapturedEmails(ses.endpoint));

describe("aws-ses-v2-local", () => {
  it("listens on loopback only", () => {
    expect(ses.endpoint).toBe(`http://127.0.0.1:${ses.port}`);
  });

  it("captures what sesEmailSender sends through the real SESv2 client, readable back from its store", async () => {
    const sender = sesEmailSender(client, "Rujuk <noreply@rujuk.test>");
    await sender.send({
      to: ["kec.ancalong@rujuk.test", "kab.kutim@rujuk.test"],
      subject: "[Rujuk] Rujukan RJK-250304-7QX2MA menunggu keputusan Anda",
      text: "Yth. Bapak/Ibu,\n\nBuka di Rujuk: http://localhost:3000/rujukan/X\n",
    });
    const emails = await capturedEmails(ses.endpoint);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      from: "Rujuk <noreply@rujuk.test>",
      destination: { to: ["kec.ancalong@rujuk.test", "kab.kutim@rujuk.test"], cc: [], bcc: [] },
      subject: "[Rujuk] Rujukan RJK-250304-7QX2MA menunggu keputusan Anda",
      body: { text: "Yth. Bapak/Ibu,\n\nBuka di Rujuk: http://localhost:3000/rujukan/X\n" },
    });
    expect(await capturedEmails(ses.endpoint, { since: emails[0]!.at + 3600 })).toEqual([]);
  });

  it("delivers a notifier's emails: the in-app notification, and the bilingual email with its app link", async () => {
    const endpoint = inject("dynamoEndpoint");
    const table = `rujuk-test-${randomUUID().slice(0, 8)}`;
    await ensureAppTable(endpoint, table);
    const store = notificationStore(createDocumentClient({ endpoint, region: "local" }), table);
    const notify = notifier({
      store,
      email: sesEmailSender(client, "noreply@rujuk.test"),
      baseUrl: "http://localhost:3000",
      clock: () => new Date("2025-03-04T05:00:00.000Z"),
    });
    const event = {
      key: "exec-1#kecamatan#level_opened",
      type: "level_opened" as const,
      kind: "referral" as const,
      itemId: "01JREFERRAL",
      facts: {
        kind: "referral" as const,
        number: "RJK-250304-7QX2MA",
        level: "kecamatan" as const,
        regionCode: "64.08.01",
        subjectName: "Siti",
        dueAt: "2025-03-07T05:00:00.000Z",
      },
    };
    const recipients = [{ id: "u-kec", email: "kec.ancalong@rujuk.test" }, { id: "u-inapp-only" }];

    expect(await notify.notify(recipients, event)).toEqual({ notified: 2, emailed: 1, emailFailed: 0, skipped: 0 });
    // A retried task: nothing new in the app, no second email.
    expect(await notify.notify(recipients, event)).toEqual({ notified: 2, emailed: 1, emailFailed: 0, skipped: 0 });

    const emails = await capturedEmails(ses.endpoint);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.destination.to).toEqual(["kec.ancalong@rujuk.test"]);
    expect(emails[0]!.subject).toBe("[Rujuk] Rujukan RJK-250304-7QX2MA menunggu keputusan Anda");
    expect(emails[0]!.body.text).toContain("Buka di Rujuk: http://localhost:3000/rujukan/01JREFERRAL");
    expect(emails[0]!.body.text).toContain("Open in Rujuk: http://localhost:3000/rujukan/01JREFERRAL");
    expect(emails[0]!.body.text).not.toContain("Siti");
    // Ancalong (64, Kalimantan Timur) keeps WITA, UTC+8.
    expect(emails[0]!.body.text).toContain("Batas waktu: 7 Mar 2025, 13.00 WITA.");
    expect(emails[0]!.body.text).toContain("Deadline: 7 Mar 2025, 13:00 WITA.");

    for (const user of ["u-kec", "u-inapp-only"]) {
      const { items } = await store.listFor(user, { limit: 10 });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ type: "level_opened", referralId: "01JREFERRAL", read: false });
      expect(items[0]!.text).toContain("Atas nama: Siti.");
    }
    const [kec] = (await store.listFor("u-kec", { limit: 1 })).items;
    expect(await store.emailFor("u-kec", kec!.id)).toMatchObject({
      to: ["kec.ancalong@rujuk.test"],
      status: "sent",
      attempts: 1,
    });
  });

  it("is reached by createSesClient, the client the app wires up", async () => {
    const local = createSesClient({ endpoint: ses.endpoint });
    try {
      await sesEmailSender(local, "noreply@rujuk.test").send({ to: ["a@rujuk.test"], subject: "Uji", text: "Isi" });
    } finally {
      local.destroy();
    }
    expect((await capturedEmails(ses.endpoint)).map((e) => [e.destination.to, e.subject])).toEqual([
      [["a@rujuk.test"], "Uji"],
    ]);
  });

  it("refuses to start on a port already in use instead of pretending to listen", async () => {
    await expect(startSesLocal({ port: ses.port })).rejects.toThrow(/could not listen.*in use/);
  });
});
