import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturedEmails } from "../packages/local/src/ses-local.ts";
import { referralBody, testApp } from "./support/app.ts";

let t: Awaited<ReturnType<typeof testApp>>;
let tksk: string;
const NIK = "6408014507800001";

beforeAll(async () => {
  t = await testApp({}, { chain: true, email: true });
  tksk = await t.tokenFor("tksk.ancalong");
});
afterAll(() => t.close());

const emailsTo = async (address: string) =>
  (await capturedEmails(t.ses!.endpoint)).filter((e) => e.destination.to.includes(address));
const notifications = async (username: string) =>
  (await t.call("GET", "/api/notifications", { token: await t.tokenFor(username) })).json.items as {
    id: string;
    type: string;
    referralId?: string;
    text: string;
    read: boolean;
  }[];

describe("notifications along the chain", () => {
  it("tells each level's officials when the item reaches them, in the app and by email", async () => {
    const { id, number } = (await t.call("POST", "/api/referrals", { token: tksk, body: referralBody() })).json;
    await t.settle();
    const kec = await notifications("kec.ancalong");
    expect(kec).toContainEqual(expect.objectContaining({ type: "level_opened", referralId: id, read: false }));
    const [email] = await emailsTo("kec.ancalong@rujuk.test");
    expect(email!.subject).toContain(number);
    expect(email!.body.text).toContain(`http://rujuk.test/rujukan/${id}`);
    expect(email!.body.text).not.toContain(NIK);
    // Ancalong is in Kalimantan Timur (64): the deadline is given in WITA, UTC+8, not in UTC.
    const { dueAt } = (await t.call("GET", `/api/referrals/${id}`, { token: tksk })).json;
    const wita = new Date(Date.parse(dueAt) + 8 * 3600 * 1000);
    const [hours, minutes] = [wita.getUTCHours(), wita.getUTCMinutes()].map((n) => String(n).padStart(2, "0"));
    const day = `${wita.getUTCDate()} \\S+ ${wita.getUTCFullYear()}`;
    expect(email!.body.text).toMatch(new RegExp(`Batas waktu: ${day}, ${hours}\\.${minutes} WITA\\.`));
    expect(email!.body.text).toMatch(new RegExp(`Deadline: ${day}, ${hours}:${minutes} WITA\\.`));
    expect(email!.body.text).not.toContain("UTC");
    // No one outside the level and region hears of it.
    expect(await emailsTo("kec.palaran@rujuk.test")).toEqual([]);
    expect(await emailsTo("kab.kutim@rujuk.test")).toEqual([]);

    await t.call("POST", `/api/referrals/${id}/decisions`, {
      token: await t.tokenFor("kec.ancalong"),
      body: { decision: "approve" },
    });
    await t.settle();
    expect(await notifications("kab.kutim")).toContainEqual(
      expect.objectContaining({ type: "level_opened", referralId: id }),
    );
    expect(await emailsTo("kab.kutim@rujuk.test")).toHaveLength(1);

    await t.call("POST", `/api/referrals/${id}/decisions`, {
      token: await t.tokenFor("kab.kutim"),
      body: { decision: "reject", comment: "Sudah ditangani panti lain" },
    });
    await t.settle();
    expect(await notifications("tksk.ancalong")).toContainEqual(
      expect.objectContaining({ type: "rejected", referralId: id }),
    );
    const toSubmitter = await emailsTo("tksk.ancalong@rujuk.test");
    expect(toSubmitter).toHaveLength(1);
    expect(toSubmitter[0]!.body.text).not.toContain("Sudah ditangani panti lain");
  });

  it("reminds the level and escalates to the level above, once, when the deadline passes", async () => {
    const { id } = (
      await t.call("POST", "/api/referrals", {
        token: tksk,
        body: referralBody({ urgency: "emergency" }, { nik: "6408010101010101", sex: "L", birthDate: "2001-01-01" }),
      })
    ).json;
    await t.settle();
    t.clock.advance(24 * 3600 * 1000 + 1000);
    await t.settle();
    const reminders = (await notifications("kec.ancalong")).filter((n) => n.type === "reminder" && n.referralId === id);
    const escalations = (await notifications("kab.kutim")).filter(
      (n) => n.type === "escalation" && n.referralId === id,
    );
    expect(reminders).toHaveLength(1);
    expect(escalations).toHaveLength(1);
  });

  it("marks a notification read for its owner only", async () => {
    const [first] = await notifications("kec.ancalong");
    expect(
      (await t.call("POST", `/api/notifications/${first!.id}/read`, { token: await t.tokenFor("kab.kutim") })).status,
    ).toBe(404);
    expect(
      (await t.call("POST", `/api/notifications/${first!.id}/read`, { token: await t.tokenFor("kec.ancalong") }))
        .status,
    ).toBe(200);
    expect((await notifications("kec.ancalong")).find((n) => n.id === first!.id)!.read).toBe(true);
  });
});
