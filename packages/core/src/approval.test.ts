import { describe, expect, it } from "vitest";
import {
  planAwaitResubmission,
  planDecision,
  planFinalize,
  planOpenLevel,
  planRemind,
  planSignalDelivered,
  planWithdraw,
} from "./approval.ts";
import { TEXT } from "./text.ts";
import { DomainError } from "./errors.ts";
import type { Decision } from "./item.ts";
import type { PendingSignal, StoredOf } from "./item-state.ts";
import { referralView } from "./testing/referral-fixture.ts";
import type { Actor } from "./user.ts";

const NOW = new Date("2026-11-24T00:00:00.000Z");
const actor = (role: Actor["role"], regionCode: string, id = `${role}-1`): Actor => ({
  id,
  username: id,
  name: id,
  role,
  regionCode,
});

function item(fields: Partial<StoredOf<"referral">> = {}): StoredOf<"referral"> {
  return {
    ...referralView(NOW.toISOString()),
    dueAt: "2026-11-27T00:00:00.000Z",
    auditSeq: 3,
    auditHash: "a".repeat(64),
    taskToken: "token-1",
    waitingFor: "decision",
    queue: "inbox",
    ...fields,
  };
}

/** What a plan throws, if it throws. */
const thrown = (fn: () => unknown): DomainError | undefined => {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  return undefined;
};
const refusal = (fn: () => unknown) => thrown(fn)?.kind ?? "allowed";

describe("planDecision", () => {
  it.each([
    ["the level's official in the region", actor("kecamatan", "64.08.01"), "allowed"],
    ["an official of another kecamatan", actor("kecamatan", "64.08.02"), "not_found"],
    ["an official of the next level", actor("kabupaten", "64.08"), "conflict"],
    ["an auditor in the region", actor("auditor", "64"), "forbidden"],
    ["an admin", actor("admin", "64"), "forbidden"],
    ["the submitting TKSK", actor("tksk", "64.08.01", "tksk-1"), "forbidden"],
  ])("%s: %s", (_, who, expected) => {
    expect(refusal(() => planDecision("referral", item(), who, { decision: "approve" }, NOW))).toBe(expected);
  });

  it("requires a comment to reject or return", () => {
    const who = actor("kecamatan", "64.08.01");
    expect(refusal(() => planDecision("referral", item(), who, { decision: "reject" }, NOW))).toBe("invalid");
    expect(refusal(() => planDecision("referral", item(), who, { decision: "return", comment: " " }, NOW))).toBe(
      "invalid",
    );
  });

  it("records the decision, takes the token off the item and keeps it for delivery", () => {
    const change = planDecision(
      "referral",
      item(),
      actor("kecamatan", "64.08.01"),
      { decision: "return", comment: "Lengkapi" },
      NOW,
    );
    expect(change.events!.map((e) => e.type)).toEqual(["decided", "returned"]);
    expect(change.set).toMatchObject({
      status: "returned",
      pendingSignal: { token: "token-1", output: { decision: "return" }, level: "kecamatan" },
    });
    expect(change.remove).toEqual(["taskToken", "waitingFor"]);
    // Until the workflow has it, the reconciler's queue lists the item.
    expect(change.queue).toEqual({ name: "reconcile", since: NOW.toISOString() });
  });

  it("refuses an item already decided at this level", () => {
    const decided = item({ taskToken: undefined, waitingFor: undefined });
    expect(
      refusal(() => planDecision("referral", decided, actor("kecamatan", "64.08.01"), { decision: "approve" }, NOW)),
    ).toBe("conflict");
  });
});

describe("planWithdraw", () => {
  const tksk = actor("tksk", "64.08.01", "tksk-1");
  const message = (fn: () => unknown) => thrown(fn)?.message;

  it("records the withdrawal for delivery to the waiting workflow", () => {
    const change = planWithdraw("referral", item(), tksk, NOW);
    expect(change.set).toMatchObject({ status: "withdrawn", pendingSignal: { token: "token-1" } });
    // A withdrawn referral is no longer open: another one for the same person is no duplicate of it.
    expect(change).toMatchObject({ queue: { name: "reconcile" }, duplicates: false });
  });

  it("asks to try again in a moment while a level is opening, and refuses a closed item for good", () => {
    expect(message(() => planWithdraw("referral", item({ taskToken: undefined }), tksk, NOW))).toBe(
      TEXT.betweenSteps.en,
    );
    expect(message(() => planWithdraw("referral", item({ status: "approved" }), tksk, NOW))).toBe(TEXT.notEditable.en);
    expect(refusal(() => planWithdraw("referral", item(), actor("tksk", "64.08.01", "tksk-2"), NOW))).toBe("not_found");
  });
});

describe("plans are idempotent", () => {
  it("opens a level once per token, into that level's inbox", () => {
    const open = planOpenLevel("referral", item({ taskToken: undefined, urgency: "urgent" }), {
      token: "t2",
      level: "kabupaten",
      deadlineSeconds: 60,
      now: NOW,
    });
    expect(open!.set).toMatchObject({
      currentLevel: "kabupaten",
      dueAt: "2026-11-24T00:01:00.000Z",
    });
    expect(open!.queue).toEqual({ name: "inbox", level: "kabupaten", since: NOW.toISOString() });
    expect(
      planOpenLevel("referral", item({ taskToken: "t2" }), {
        token: "t2",
        level: "kabupaten",
        deadlineSeconds: 60,
        now: NOW,
      }),
    ).toBeUndefined();
  });

  it("moves a decision that missed its token to the reopened level's new token instead of reopening", () => {
    const pending: PendingSignal = {
      token: "old",
      output: { decision: "approve" },
      level: "kecamatan",
      at: NOW.toISOString(),
    };
    const change = planOpenLevel("referral", item({ taskToken: undefined, pendingSignal: pending }), {
      token: "new",
      level: "kecamatan",
      deadlineSeconds: 60,
      now: NOW,
    });
    expect(change).toEqual({ set: { pendingSignal: { ...pending, token: "new" } } });
  });

  it("moves a withdrawal that missed its token to the new token too, so the workflow still ends", () => {
    const pending: PendingSignal = {
      token: "old",
      output: { decision: "withdraw" },
      level: "kecamatan",
      at: NOW.toISOString(),
    };
    const withdrawn = item({ status: "withdrawn", taskToken: undefined, pendingSignal: pending });
    const change = planOpenLevel("referral", withdrawn, {
      token: "new",
      level: "kecamatan",
      deadlineSeconds: 60,
      now: NOW,
    });
    expect(change).toEqual({ set: { pendingSignal: { ...pending, token: "new" } } });
  });

  it("opens the level a resubmission brought back to, even before the resubmission is recorded as delivered", () => {
    // The workflow reaches OpenApproval as soon as it has the resubmission, which may be before the route that sent
    // it has taken the pending signal off the item.
    const pending: PendingSignal = {
      token: "await",
      output: { decision: "resubmit" },
      level: "kabupaten",
      at: NOW.toISOString(),
    };
    const change = planOpenLevel(
      "referral",
      item({ currentLevel: "kabupaten", taskToken: undefined, waitingFor: undefined, pendingSignal: pending }),
      { token: "new", level: "kabupaten", deadlineSeconds: 60, now: NOW },
    );
    expect(change!.set).toMatchObject({ taskToken: "new", waitingFor: "decision" });
    expect(change!.queue).toEqual({ name: "inbox", level: "kabupaten", since: NOW.toISOString() });
    expect(change!.remove).toContain("pendingSignal");
    expect(change!.events!.map((e) => e.type)).toEqual(["level_opened"]);
  });

  it("reminds once per deadline, escalating except at the top level", () => {
    expect(planRemind("referral", item(), { level: "kecamatan" }, NOW)!.events!.map((e) => e.type)).toEqual([
      "reminded",
      "escalated",
    ]);
    expect(planRemind("referral", item(), { level: "provinsi" }, NOW)!.events!.map((e) => e.type)).toEqual([
      "reminded",
    ]);
    expect(
      planRemind("referral", item({ remindedFor: "2026-11-27T00:00:00.000Z" }), { level: "kecamatan" }, NOW),
    ).toBeUndefined();
  });

  it("finalizes once, and only cleans up after a withdrawal", () => {
    expect(planFinalize("referral", item(), { outcome: "approved" }, NOW)!.events!.map((e) => e.type)).toEqual([
      "approved",
    ]);
    const withdrawn = item({ status: "withdrawn", taskToken: undefined, queue: "reconcile" });
    expect(planFinalize("referral", withdrawn, { outcome: "withdrawn" }, NOW)).toMatchObject({
      events: [],
      queue: null,
      duplicates: false,
    });
    expect(
      planFinalize(
        "referral",
        item({ status: "approved", taskToken: undefined, queue: null }),
        { outcome: "approved" },
        NOW,
      ),
    ).toBeUndefined();
  });

  it("ignores a task delivered late, after the chain moved past its step", () => {
    // Open(kecamatan) was step 1; the official approved and the chain opened kabupaten as step 2. Then Lambda
    // delivers step 1 again.
    const atKabupaten = item({ currentLevel: "kabupaten", taskToken: "t2", workflowStep: 2 });
    const late = { token: "t1", step: 1, level: "kecamatan" as const, deadlineSeconds: 60, now: NOW };
    expect(planOpenLevel("referral", atKabupaten, late)).toBeUndefined();
    expect(planRemind("referral", atKabupaten, { level: "kecamatan", step: 1 }, NOW)).toBeUndefined();
    const returned = item({ status: "returned", taskToken: "t3", waitingFor: "resubmission", workflowStep: 3 });
    expect(planAwaitResubmission(returned, { token: "t2", step: 2 })).toBeUndefined();
    expect(planFinalize("referral", item({ workflowStep: 3 }), { outcome: "approved", step: 2 }, NOW)).toBeUndefined();
    // The next step still applies, and records itself.
    const next = planOpenLevel("referral", atKabupaten, { ...late, token: "t3", step: 3, level: "provinsi" });
    expect(next!.set).toMatchObject({ currentLevel: "provinsi", taskToken: "t3", workflowStep: 3 });
    expect(planRemind("referral", atKabupaten, { level: "kabupaten", step: 2 }, NOW)).toBeDefined();
    // An execution started before steps were counted passes none: the token alone guards it, as before.
    expect(planOpenLevel("referral", atKabupaten, { ...late, step: undefined })!.set).toMatchObject({
      currentLevel: "kecamatan",
    });
  });

  it("lists a returned item for the level that returned it once the workflow has the return, whichever step is first", () => {
    const at = "2026-11-23T00:00:00.000Z";
    const decisions: Decision[] = [
      {
        level: "kecamatan",
        decision: "return",
        comment: "Lengkapi",
        by: { id: "k", name: "K", role: "kecamatan" },
        at,
      },
    ];
    const pending: PendingSignal = { token: "t1", output: { decision: "return" }, level: "kecamatan", at };
    const fields = { decisions, pendingSignal: pending, taskToken: undefined, queue: "reconcile" } as const;
    const returned = item({ ...fields, status: "returned" });
    const queue = { name: "returned", level: "kecamatan", since: at };
    expect(planSignalDelivered(returned, "t1")).toEqual({ remove: ["pendingSignal"], queue });
    expect(planAwaitResubmission(returned, { token: "t2" })!.queue).toEqual(queue);
    // A resubmission delivered leaves no queue behind it: the level that opens again lists the item.
    expect(planSignalDelivered(item({ ...fields, status: "in_review" }), "t1")).toEqual({
      remove: ["pendingSignal"],
      queue: null,
    });
  });

  it("marks a signal delivered only for its own token", () => {
    const pending: PendingSignal = {
      token: "t1",
      output: { decision: "approve" },
      level: "kecamatan",
      at: NOW.toISOString(),
    };
    expect(planSignalDelivered(item({ pendingSignal: pending }), "other")).toBeUndefined();
    expect(planSignalDelivered(item({ pendingSignal: pending, queue: "reconcile" }), "t1")).toEqual({
      remove: ["pendingSignal"],
      queue: null,
    });
    // Listed in an inbox meanwhile (the level reopened), it stays there.
    expect(planSignalDelivered(item({ pendingSignal: pending, queue: "inbox" }), "t1")).toEqual({
      remove: ["pendingSignal"],
    });
  });
});
