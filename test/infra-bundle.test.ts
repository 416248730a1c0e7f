import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { type Bundle, type FunctionName, ROOT, bundleAll } from "../infra/bundle.ts";
import { FUNCTION_ENVIRONMENT } from "../infra/build.ts";
import { TASK_FUNCTIONS } from "@rujuk/core/chain-tasks";
import { webRoutes } from "@rujuk/functions/web/pages";
import { STATE_MACHINE_NAME } from "../packages/local/src/chain-stack.ts";
import { referralBody, testApp } from "./support/app.ts";
import { httpApiEvent } from "./support/lambda-event.ts";

let outRoot: string;
let bundles: Record<FunctionName, Bundle>;
let t: Awaited<ReturnType<typeof testApp>>;
let env: Record<string, string>;
/** What the state machine handed each task function, in order. */
const taskCalls: { name: string; payload: Record<string, unknown> }[] = [];

// Imports the bundle the way the Lambda runtime does (from the package root, the working directory), calls one
// export with the event on stdin and writes the outcome to fd 3, keeping it apart from whatever the code logs.
const RUNNER = `
import { readFileSync, writeSync } from "node:fs";
import { pathToFileURL } from "node:url";
const name = process.argv[1];
const event = JSON.parse(readFileSync(0, "utf8"));
const context = { functionName: name, awsRequestId: crypto.randomUUID(), getRemainingTimeInMillis: () => 30000 };
let reply;
try {
  const module = await import(pathToFileURL(process.cwd() + "/bundle.mjs").href);
  reply = { result: (await module[name](event, context)) ?? null };
} catch (error) {
  reply = { error: { name: error?.name ?? "Error", message: String(error?.message ?? error) } };
}
writeSync(3, JSON.stringify(reply));
process.exit(0); // Lambda freezes the sandbox once the handler returns; idle SDK sockets must not hold the process.
`;

/** Runs one function of a bundle on one event in a fresh Node process: every call is a cold start. */
async function invoke(bundle: Bundle, event: unknown): Promise<unknown> {
  const exportName = bundle.handler.slice("bundle.".length);
  const child = spawn(process.execPath, ["--input-type=module", "-e", RUNNER, exportName], {
    cwd: bundle.out,
    env,
    stdio: ["pipe", "pipe", "pipe", "pipe"],
    timeout: 20_000,
  });
  const output = { log: "", reply: "" };
  child.stdout.on("data", (chunk) => (output.log += chunk));
  child.stderr.on("data", (chunk) => (output.log += chunk));
  child.stdio[3]!.on("data", (chunk) => (output.reply += chunk));
  child.stdin.end(JSON.stringify(event));
  const code = await new Promise((done) => child.on("close", done));
  if (!output.reply)
    throw new Error(`${bundle.out} ${exportName} exited ${String(code)} without replying:\n${output.log}`);
  const reply = JSON.parse(output.reply) as { result?: unknown; error?: { name: string; message: string } };
  if (reply.error) throw Object.assign(new Error(reply.error.message), { name: reply.error.name });
  return reply.result;
}

interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  cookies?: string[];
  body: string;
}

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const result = (await invoke(bundles.api, httpApiEvent(method, path, body, headers))) as HttpResult;
  return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
}

beforeAll(async () => {
  outRoot = mkdtempSync(join(tmpdir(), "rujuk-bundles-"));
  [bundles, t] = await Promise.all([bundleAll(outRoot), testApp({}, { chain: true })]);
  const chain = t.chain!;
  const machines = await chain.sfn.send(new ListStateMachinesCommand({}));
  const stateMachineArn = machines.stateMachines!.find((m) => m.name === STATE_MACHINE_NAME)!.stateMachineArn!;
  env = {
    ...FUNCTION_ENVIRONMENT,
    RUJUK_TABLE: t.tableName,
    RUJUK_AUDIT_TABLE: t.deps.store.audit.table,
    RUJUK_SESSION_SECRET: t.deps.sessionSecret,
    RUJUK_NIK_KEY: t.deps.nikKey,
    RUJUK_STATE_MACHINE_ARN: stateMachineArn,
    RUJUK_APP_URL: "https://rujuk.example",
    DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
    SFN_ENDPOINT: chain.endpoint.endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
  };
  // The local endpoint now invokes the bundled task functions instead of the in-process handlers, with the payload
  // the committed state machine builds.
  for (const name of TASK_FUNCTIONS) {
    const bundle = Object.values(bundles).find((b) => b.handler === `bundle.${name}`)!;
    chain.endpoint.engine.registerHandler(name, async (payload) => {
      taskCalls.push({ name, payload: payload as Record<string, unknown> });
      return invoke(bundle, payload);
    });
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
  if (outRoot) rmSync(outRoot, { recursive: true, force: true });
});

describe("the function bundles (infra/bundle.ts, as SST builds them)", () => {
  it("build one package per entry file, with the region data beside the bundle", () => {
    expect(bundles.api.handler).toBe("bundle.handler");
    expect(bundles.openApproval.handler).toBe("bundle.OpenApproval");
    expect(new Set(Object.values(bundles).map((b) => b.out)).size).toBe(2);
    for (const bundle of [bundles.api, bundles.openApproval]) {
      const villages = readFileSync(join(bundle.out, FUNCTION_ENVIRONMENT.RUJUK_REGION_DATA, "villages.csv"), "utf8");
      expect(villages.split("\n", 1)[0]).toBe("code,district_code,name");
    }
  });

  it("carry no dev dependency, no region-data package and no external but Node's own modules", () => {
    const manifest = (path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8"));
    const shipped = new Set(
      ["core", "functions"].flatMap((pkg) => Object.keys(manifest(`packages/${pkg}/package.json`).dependencies)),
    );
    const devOnly = Object.keys(manifest("package.json").devDependencies).filter((name) => !shipped.has(name));
    expect(devOnly).toEqual(expect.arrayContaining(["aws-cdk-lib", "constructs", "vitest", "playwright-core"]));
    // idn-area-data reads its files beside its own module; the bundle reads the copies in regions/ instead.
    const excluded = [...devOnly, "idn-area-data", "papaparse"];
    for (const bundle of [bundles.api, bundles.openApproval]) {
      const inputs = Object.keys(bundle.metafile.inputs);
      expect(inputs.some((input) => input.startsWith("packages/functions/src/lambda/"))).toBe(true);
      expect(inputs.filter((input) => excluded.some((name) => input.includes(`node_modules/${name}/`)))).toEqual([]);
      // esbuild lists its own helpers as the external "<runtime>".
      const externals = Object.values(bundle.metafile.inputs).flatMap((input) =>
        input.imports.filter((i) => i.external && i.path !== "<runtime>").map((i) => i.path.replace(/^node:/, "")),
      );
      expect(externals.filter((path) => !builtinModules.includes(path))).toEqual([]);
      expect(bundle.warnings).toEqual([]);
    }
  });

  // The page is TSX: esbuild compiles it with tsconfig's JSX settings, as vitest does for the page served here.
  it("serve the web page exactly as the app in the tests renders it", async () => {
    const page = (await invoke(bundles.api, httpApiEvent("GET", "/"))) as HttpResult;
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe(await (await webRoutes().request("/")).text());
    expect(page.body).toContain('<div id="app">');
  });

  it("serve the API in a fresh process: sign-in, villages of a kecamatan, a referral with the session cookie", async () => {
    const login = await api("POST", "/api/auth/login", { username: "tksk.ancalong", password: "demo-tksk.ancalong" });
    expect(login.statusCode).toBe(200);
    expect(login.json.user.username).toBe("tksk.ancalong");
    const setCookie = login.cookies?.find((c) => c.startsWith("rujuk_session="));
    expect(setCookie).toMatch(/HttpOnly/);
    const cookie = setCookie!.split(";", 1)[0]!;
    const browser = { cookie, "sec-fetch-site": "same-origin" };

    // The desa list comes from regions/villages.csv inside the package.
    const desa = await api("GET", "/api/regions?parent=64.08.01", undefined, browser);
    expect(desa.statusCode).toBe(200);
    expect(desa.json).toContainEqual({ code: "64.08.01.2001", name: "Senyiur", level: "desa" });

    const filed = await api("POST", "/api/referrals", referralBody(), { ...browser, "idempotency-key": "bundle-1" });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json).toMatchObject({ status: "in_review", subject: { desaCode: "64.08.01.2001" } });
    const id = filed.json.id as string;

    // The API's StartExecution reached the local endpoint, whose Open state invoked the bundled OpenApproval.
    await t.settle();
    const open = taskCalls.find((call) => call.name === "OpenApproval" && call.payload.id === id);
    expect(open?.payload).toEqual({
      kind: "referral",
      id,
      token: expect.any(String),
      step: 1,
      level: "kecamatan",
      levelIndex: 0,
      deadlineSeconds: expect.any(Number),
    });
    const stored = await t.deps.store.items.stored("referral", id);
    expect(stored).toMatchObject({ currentLevel: "kecamatan", taskToken: open!.payload.token, waitingFor: "decision" });
    // Its first level opened, it is off the reconciler's queue: the start needed no write of its own.
    expect(stored?.queue).toBe("inbox");
    const official = await t.tokenFor("kec.ancalong");
    const notes = await t.call("GET", "/api/notifications", { token: official });
    expect(notes.json.items.map((n: { referralId?: string }) => n.referralId)).toContain(id);

    // A decision through the bundle answers the stored token; the chain moves on and opens the next level.
    const decided = await api(
      "POST",
      `/api/referrals/${id}/decisions`,
      { decision: "approve" },
      { authorization: `Bearer ${official}` },
    );
    expect(decided.statusCode, decided.body).toBe(200);
    await t.settle();
    const timeline = await t.call("GET", `/api/referrals/${id}?include=timeline`, {
      token: await t.tokenFor("tksk.ancalong"),
    });
    expect(timeline.json.currentLevel).toBe("kabupaten");
    expect(timeline.json.timeline.map((e: { type: string }) => e.type)).toEqual([
      "submitted",
      "level_opened",
      "decided",
      "level_opened",
    ]);
  }, 90_000);
});
