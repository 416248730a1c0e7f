import {
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sfnClient } from "../packages/stepfunctions-local/src/testing/client.ts";
import type { SignalOutput } from "@rujuk/core/chain-tasks";
import { approvalTasks } from "@rujuk/functions/tasks";
import { referralBody, testApp } from "./support/app.ts";

/**
 * Faults between the app and Step Functions, injected with aws-sdk-client-mock on the app's SFN client; every call
 * not faked goes through to the local endpoint, so what is left behind is checked for real.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let mock: ReturnType<typeof mockClient>;
let tksk: string;
let serial = 2000;
const throttled = () => Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", $metadata: {} });

beforeAll(async () => {
  t = await testApp({}, { chain: true });
  tksk = await t.tokenFor("tksk.ancalong");
  const real = sfnClient(t.chain!.endpoint.endpoint);
  mock = mockClient(t.chain!.sfn);
  passThrough();
  function passThrough() {
    mock.on(StartExecutionCommand).callsFake((input) => real.send(new StartExecutionCommand(input)));
    mock.on(SendTaskSuccessCommand).callsFake((input) => real.send(new SendTaskSuccessCommand(input)));
  }
  restore = passThrough;
});
let restore: () => void;
afterEach(() => {
  mock.reset();
  restore();
  vi.restoreAllMocks();
});
afterAll(() => t.close());

const file = async () => {
  const res = await t.call("POST", "/api/referrals", {
    token: tksk,
    body: referralBody({}, { nik: `640801450780${serial++}` }),
  });
  await t.settle();
  return res;
};
const real = () => sfnClient(t.chain!.endpoint.endpoint);
/** What the task functions signal their workflow with in AWS: the app's own port. */
const send = (token: string, output: SignalOutput) => t.deps.workflow.signal(token, output);
/** The ARN of the item's execution, found the way an operator would: by its name. */
async function executionOf(id: string): Promise<string> {
  const [machine] = (await real().send(new ListStateMachinesCommand({}))).stateMachines!;
  const { executions } = await real().send(new ListExecutionsCommand({ stateMachineArn: machine!.stateMachineArn }));
  return executions!.find((e) => e.name === `referral-${id}`)!.executionArn!;
}
const get = async (id: string) => (await t.call("GET", `/api/referrals/${id}`, { token: tksk })).json;
const approve = async (id: string) => {
  const res = await t.call("POST", `/api/referrals/${id}/decisions`, {
    token: await t.tokenFor("kec.ancalong"),
    body: { decision: "approve" },
  });
  await t.settle();
  return res;
};

describe("faults between the app and Step Functions", () => {
  it("keeps a referral whose workflow fails to start; the reconciler starts it", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    mock.on(StartExecutionCommand).rejects(throttled());
    const res = await file();
    expect(res.status).toBe(201);
    expect((await get(res.json.id)).currentLevel).toBeNull();
    restore();
    const summary = await t.chain!.reconcile();
    expect(summary.started).toBeGreaterThanOrEqual(1);
    await t.settle();
    expect((await get(res.json.id)).currentLevel).toBe("kecamatan");
    // A second reconcile finds nothing left to do for it.
    await t.chain!.reconcile();
    await t.settle();
    expect(
      (await t.call("GET", `/api/referrals/${res.json.id}?include=timeline`, { token: tksk })).json.timeline.filter(
        (e: { type: string }) => e.type === "level_opened",
      ),
    ).toHaveLength(1);
  });

  it("stops starting a referral whose execution exists already and has ended, and takes it off the reconciler's queue", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    mock.on(StartExecutionCommand).rejects(throttled());
    const res = await file();
    expect(res.status).toBe(201);
    // What AWS answers a start whose execution ran before (its first task never took the item off the queue).
    mock
      .on(StartExecutionCommand)
      .rejects(new ExecutionAlreadyExists({ message: "Execution Already Exists", $metadata: {} }));
    await t.chain!.reconcile();
    const stored = await t.deps.store.items.stored("referral", res.json.id);
    expect(stored).toMatchObject({ workflowStarted: true, queue: null });
    // The next round does not try again.
    const tries = mock.commandCalls(StartExecutionCommand).length;
    await t.chain!.reconcile();
    expect(mock.commandCalls(StartExecutionCommand)).toHaveLength(tries);
  });

  it("records a decision whose delivery is throttled; the reconciler delivers it once", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { id } = (await file()).json;
    mock.on(SendTaskSuccessCommand).rejects(throttled());
    const decided = await approve(id);
    expect(decided.status).toBe(200);
    expect(decided.json.decisions).toHaveLength(1);
    expect((await get(id)).currentLevel).toBe("kecamatan");
    // The decision is recorded, so a second official's attempt is a conflict, not a second decision.
    expect((await approve(id)).status).toBe(409);
    restore();
    expect((await t.chain!.reconcile()).delivered).toBeGreaterThanOrEqual(1);
    await t.settle();
    const moved = await get(id);
    expect(moved.currentLevel).toBe("kabupaten");
    expect(moved.decisions).toHaveLength(1);
  });

  it("after a lost reply to SendTaskSuccess, applies the decision once; a used token then counts as delivered", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { id } = (await file()).json;
    const real = sfnClient(t.chain!.endpoint.endpoint);
    let used = "";
    // The workflow takes the decision, but the reply never reaches the app (a crash or a dropped connection).
    mock.on(SendTaskSuccessCommand).callsFake(async (input) => {
      used = input.taskToken;
      await real.send(new SendTaskSuccessCommand(input));
      throw Object.assign(new Error("socket hang up"), { name: "NetworkingError" });
    });
    expect((await approve(id)).status).toBe(200);
    restore();
    expect((await t.chain!.reconcile()).failed).toBe(0);
    await t.settle();
    const item = await t.deps.store.items.stored("referral", id);
    expect(item!.pendingSignal).toBeUndefined();
    expect(item!.currentLevel).toBe("kabupaten");
    const timeline = (await t.call("GET", `/api/referrals/${id}?include=timeline`, { token: tksk })).json.timeline;
    expect(timeline.map((e: { type: string }) => e.type)).toEqual([
      "submitted",
      "level_opened",
      "decided",
      "level_opened",
    ]);
    // Re-sending on the used token: Step Functions answers TaskDoesNotExist, which means it was delivered.
    expect(await t.deps.workflow.signal(used, { decision: "approve" })).toBe("delivered");
    expect((await t.deps.store.items.get("referral", id))!.decisions).toHaveLength(1);
  });

  it("ignores a copy of a task delivered late, after the level it opened was decided", async () => {
    const { id } = (await file()).json;
    const history = await real().send(
      new GetExecutionHistoryCommand({ executionArn: await executionOf(id), maxResults: 1000 }),
    );
    const first = history.events!.find((e) => e.type === "TaskScheduled")!.taskScheduledEventDetails!;
    const openKecamatan = JSON.parse(first.parameters!).Payload;
    expect(openKecamatan).toMatchObject({ level: "kecamatan", step: 1 });
    expect((await approve(id)).status).toBe(200);
    const before = await t.deps.store.items.stored("referral", id);
    expect(before).toMatchObject({ currentLevel: "kabupaten", waitingFor: "decision" });

    // Lambda runs at least once: the first Open's invocation arrives a second time, now.
    await approvalTasks(t.deps, send).OpenApproval(openKecamatan);
    expect(await t.deps.store.items.stored("referral", id)).toEqual(before);
    const kab = await t.tokenFor("kab.kutim");
    const inbox = async (token: string) =>
      (await t.call("GET", "/api/inbox", { token })).json.items.map((i: { id: string }) => i.id);
    expect(await inbox(await t.tokenFor("kec.ancalong"))).not.toContain(id);
    expect(await inbox(kab)).toContain(id);
    expect(
      (await t.call("POST", `/api/referrals/${id}/decisions`, { token: kab, body: { decision: "approve" } })).status,
    ).toBe(200);
  });

  it("refuses a task whose input breaks the contract with the state machine, and changes nothing", async () => {
    const { id } = (await file()).json;
    const before = await t.deps.store.items.stored("referral", id);
    const tasks = approvalTasks(t.deps, send);
    const open = {
      kind: "referral",
      id,
      token: "t-x",
      step: 9,
      level: "kecamatan",
      levelIndex: 0,
      deadlineSeconds: 60,
    };
    for (const payload of [
      { ...open, level: "desa" },
      { ...open, deadlineSeconds: "60" },
      { ...open, kind: "surat" },
      { ...open, token: undefined },
    ]) {
      await expect(tasks.OpenApproval(payload)).rejects.toThrow();
    }
    await expect(tasks.Finalize({ kind: "referral", id, outcome: "lost" })).rejects.toThrow();
    expect(await t.deps.store.items.stored("referral", id)).toEqual(before);
  });

  it("opens the level again when the workflow runs on before the resubmission is recorded as delivered", async () => {
    const { id } = (await file()).json;
    expect((await approve(id)).status).toBe(200);
    const kab = await t.tokenFor("kab.kutim");
    const returned = await t.call("POST", `/api/referrals/${id}/decisions`, {
      token: kab,
      body: { decision: "return", comment: "Lengkapi alamat" },
    });
    expect(returned.status).toBe(200);
    await t.settle();
    // The reply to SendTaskSuccess arrives only after the workflow has reopened the level (a slow network).
    const real = sfnClient(t.chain!.endpoint.endpoint);
    mock.on(SendTaskSuccessCommand).callsFake(async (input) => {
      const reply = await real.send(new SendTaskSuccessCommand(input));
      await t.settle();
      return reply;
    });
    expect((await t.call("POST", `/api/referrals/${id}/resubmit`, { token: tksk })).status).toBe(200);
    restore();
    await t.settle();
    const item = await t.deps.store.items.stored("referral", id);
    expect(item).toMatchObject({ status: "in_review", currentLevel: "kabupaten", waitingFor: "decision" });
    expect(item!.pendingSignal).toBeUndefined();
    const inbox = (await t.call("GET", "/api/inbox", { token: kab })).json.items;
    expect(inbox.map((i: { id: string }) => i.id)).toContain(id);
    expect(
      (await t.call("POST", `/api/referrals/${id}/decisions`, { token: kab, body: { decision: "approve" } })).status,
    ).toBe(200);
  });

  // Last in the file: it moves the shared clock a day on, and every item still waiting is reminded.
  it("hands a decision that met a timed-out token to the reopened level at once, without the reconciler", async () => {
    const res = await t.call("POST", "/api/referrals", {
      token: tksk,
      body: referralBody({ urgency: "emergency" }, { nik: `640801450780${serial++}` }),
    });
    await t.settle();
    const id = res.json.id as string;
    const kab = await t.tokenFor("kab.kutim"); // signed in before the clock moves on, as in the rest of the file
    // The level's day runs out while the decision is on its way: recorded on the token it found, it reaches Step
    // Functions after that wait timed out and the level opened again under a new token.
    const answers: string[] = [];
    mock.on(SendTaskSuccessCommand).callsFake(async (input) => {
      t.clock.advance(86_400_000 + 1000);
      await t.settle();
      try {
        return await real().send(new SendTaskSuccessCommand(input));
      } catch (error) {
        answers.push((error as Error).name);
        throw error;
      }
    });
    expect((await approve(id)).status).toBe(200);
    expect(answers).toEqual(["TaskTimedOut"]);
    restore();
    await t.settle();

    const item = await t.deps.store.items.stored("referral", id);
    expect(item).toMatchObject({ status: "in_review", currentLevel: "kabupaten", waitingFor: "decision" });
    expect(item!.pendingSignal).toBeUndefined();
    expect(item!.decisions.map((d) => d.level)).toEqual(["kecamatan"]);
    const inbox = (await t.call("GET", "/api/inbox", { token: kab })).json.items;
    expect(inbox.map((i: { id: string }) => i.id)).toContain(id);
    const timeline = (await t.call("GET", `/api/referrals/${id}?include=timeline`, { token: tksk })).json.timeline;
    // The decided level is not reminded (the decision took its deadline away), and opens once: at kabupaten.
    expect(timeline.map((e: { type: string; level?: string }) => [e.type, e.level ?? null])).toEqual([
      ["submitted", null],
      ["level_opened", "kecamatan"],
      ["decided", "kecamatan"],
      ["level_opened", "kabupaten"],
    ]);
  });
});
