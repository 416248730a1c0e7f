import { randomUUID } from "node:crypto";
import { NotFound, Invalid } from "@rujuk/core";
import type { Notification } from "@rujuk/core/notification";
import { createDocumentClient } from "@rujuk/core/store/index";
import { type NotificationStore, notificationStore } from "@rujuk/core/store/notifications";
import { beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { ensureAppTable } from "../packages/local/src/app-deps.ts";

let store: NotificationStore;
let clockNow = new Date("2025-03-04T00:00:00.000Z");

beforeAll(async () => {
  const endpoint = inject("dynamoEndpoint");
  const table = `rujuk-test-${randomUUID().slice(0, 8)}`;
  await ensureAppTable(endpoint, table);
  store = notificationStore(createDocumentClient({ endpoint, region: "local" }), table, () => clockNow);
});

function notification(id: string, createdAt: string, overrides: Partial<Notification> = {}): Notification {
  return {
    id,
    type: "level_opened",
    referralId: `REF-${id}`,
    text: `teks ${id}`,
    textEn: `text ${id}`,
    createdAt,
    read: false,
    ...overrides,
  };
}

describe("notificationStore", () => {
  it("adds once per id: a retried add with a later time writes nothing new and says so", async () => {
    const user = "user-idem";
    const first = await store.add(user, notification("n1", "2025-03-04T01:00:00.000Z"));
    expect(first).toEqual({ created: true, email: undefined });
    const retry = await store.add(user, notification("n1", "2025-03-04T01:05:00.000Z", { text: "changed" }));
    expect(retry).toEqual({ created: false, email: undefined });

    const page = await store.listFor(user, { limit: 10 });
    expect(page.items).toEqual([notification("n1", "2025-03-04T01:00:00.000Z")]);
  });

  it("lists the user's own notifications newest first, page by page, and no one else's", async () => {
    const user = "user-list";
    const times = ["2025-03-01T08:00:00.000Z", "2025-03-03T08:00:00.000Z", "2025-03-02T08:00:00.000Z"];
    for (let i = 0; i < 5; i++) {
      await store.add(user, notification(`L${i}`, `${times[i % 3]!.slice(0, 11)}0${i}:00:00.000Z`));
    }
    await store.add("someone-else", notification("X", "2025-03-09T00:00:00.000Z"));
    await store.add(
      user,
      notification("R", "2025-02-28T00:00:00.000Z", { type: "approved", referralId: undefined, reportId: "REP-1" }),
    );

    const seen: Notification[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listFor(user, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);

    expect(seen.map((n) => n.id)).toEqual(["L4", "L1", "L2", "L3", "L0", "R"]);
    const createdAt = seen.map((n) => n.createdAt);
    expect([...createdAt].sort().reverse()).toEqual(createdAt);
    expect(seen.find((n) => n.id === "R")).toEqual({
      id: "R",
      type: "approved",
      reportId: "REP-1",
      text: "teks R",
      textEn: "text R",
      createdAt: "2025-02-28T00:00:00.000Z",
      read: false,
    });
  });

  it("refuses a cursor from another user's listing", async () => {
    await store.add("cursor-a", notification("a1", "2025-03-01T00:00:00.000Z"));
    await store.add("cursor-a", notification("a2", "2025-03-02T00:00:00.000Z"));
    const page = await store.listFor("cursor-a", { limit: 1 });
    expect(page.nextCursor).toEqual(expect.any(String));
    await expect(store.listFor("cursor-b", { limit: 1, cursor: page.nextCursor! })).rejects.toBeInstanceOf(Invalid);
  });

  it("marks the user's own notification read, and answers NotFound for someone else's or an unknown id", async () => {
    await store.add("owner", notification("m1", "2025-03-04T02:00:00.000Z"));
    await expect(store.markRead("intruder", "m1")).rejects.toBeInstanceOf(NotFound);
    await expect(store.markRead("owner", "nope")).rejects.toBeInstanceOf(NotFound);
    expect((await store.get("owner", "m1"))?.read).toBe(false);

    expect(await store.markRead("owner", "m1")).toEqual({
      ...notification("m1", "2025-03-04T02:00:00.000Z"),
      read: true,
    });
    expect((await store.markRead("owner", "m1")).read).toBe(true);
    expect((await store.listFor("owner", { limit: 5 })).items[0]?.read).toBe(true);
    // The failed attempts created nothing for the intruder.
    expect((await store.listFor("intruder", { limit: 5 })).items).toEqual([]);
  });

  it("records the email delivery beside the notification, and a retried add reports it", async () => {
    await store.add("mailer", notification("e1", "2025-03-04T03:00:00.000Z"));
    clockNow = new Date("2025-03-04T03:00:01.000Z");
    const record = await store.recordEmail("mailer", "e1", {
      to: ["a@rujuk.test"],
      status: "failed",
      attempts: 3,
      error: "TooManyRequestsException: slow down",
    });
    expect(record).toEqual({
      to: ["a@rujuk.test"],
      status: "failed",
      attempts: 3,
      error: "TooManyRequestsException: slow down",
      at: "2025-03-04T03:00:01.000Z",
    });
    expect(await store.emailFor("mailer", "e1")).toEqual(record);
    expect(await store.add("mailer", notification("e1", "2025-03-04T04:00:00.000Z"))).toEqual({
      created: false,
      email: record,
    });
    // The delivery record never leaks into what the user reads.
    expect((await store.listFor("mailer", { limit: 5 })).items[0]).not.toHaveProperty("email");
    await expect(
      store.recordEmail("mailer", "missing", { to: ["a@rujuk.test"], status: "sent", attempts: 1 }),
    ).rejects.toBeInstanceOf(NotFound);
  });
});
