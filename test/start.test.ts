import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { freePort } from "@rujuk/dynamodb-local";
import { sfnClient } from "../packages/stepfunctions-local/src/testing/harness.ts";
import { referralBody } from "./support/app.ts";
import { ROOT, manifest } from "./support/module-sources.ts";

interface Account {
  username: string;
  password: string;
  role: string;
}

let dataDir: string;
let child: ChildProcess | undefined;

// package.json's own `start` command line, so the test starts the app the way `npm start` does (its loader included),
// with the Node running the tests.
const [program, ...startArgs] = (manifest(ROOT).scripts.start as string).split(" ");

/** Runs `npm start`'s command as a real process and resolves with its output once it serves. */
async function start(env: Record<string, string>): Promise<{ process: ChildProcess; output: () => string }> {
  if (program !== "node") throw new Error(`npm start should run node, not ${program}`);
  const proc = spawn(process.execPath, startArgs, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  let output = "";
  proc.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (!output.includes("Press Ctrl-C to stop.")) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { process: proc, output: () => output };
}

async function stop(proc: ChildProcess): Promise<number | null> {
  const exited = once(proc, "exit");
  proc.kill("SIGTERM");
  const [code] = await exited;
  return code as number | null;
}

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("serves the app with demo accounts, stops cleanly on SIGTERM, and keeps its data for the next start", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "rujuk-start-"));
    const env = {
      PORT: String(await freePort()),
      DYNAMODB_LOCAL_PORT: String(await freePort()),
      SFN_LOCAL_PORT: String(await freePort()),
      RUJUK_DATA_DIR: dataDir,
    };
    const base = `http://127.0.0.1:${env.PORT}`;

    const first = await start(env);
    expect(first.output()).toContain(`http://localhost:${env.PORT}`);
    expect(first.output()).toContain("tksk.ancalong");
    expect(first.output()).toContain(`Step Functions      http://127.0.0.1:${env.SFN_LOCAL_PORT}`);
    const machines = await sfnClient(`http://127.0.0.1:${env.SFN_LOCAL_PORT}`).send(new ListStateMachinesCommand({}));
    expect(machines.stateMachines).toEqual(expect.any(Array));
    const accounts = (await (await fetch(`${base}/api/dev/accounts`)).json()) as Account[];
    const tksk = accounts.find((a) => a.role === "tksk")!;
    const login = async () =>
      (
        (await (
          await fetch(`${base}/api/auth/login`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ username: tksk.username, password: tksk.password }),
          })
        ).json()) as { token: string }
      ).token;
    const created = await fetch(`${base}/api/referrals`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await login()}` },
      body: JSON.stringify(referralBody()),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    /** The referral's level once it is `expected`, or whatever it is after five seconds. */
    const levelBecomes = async (expected: string) => {
      let level = "";
      for (let i = 0; i < 50 && level !== expected; i++) {
        const res = await fetch(`${base}/api/referrals/${id}`, {
          headers: { authorization: `Bearer ${await login()}` },
        });
        level = ((await res.json()) as { currentLevel: string }).currentLevel;
        if (level !== expected) await new Promise((r) => setTimeout(r, 100));
      }
      return level;
    };
    expect(await stop(first.process)).toBe(0);
    expect(first.output()).toContain("Stopped.");

    const second = await start(env);
    expect(second.output()).toContain("Demo accounts (0 new)");
    expect(await levelBecomes("kecamatan")).toBe("kecamatan");
    // The chain survived the restart: the kecamatan official decides, and the item moves up.
    const official = accounts.find((a) => a.role === "kecamatan" && a.username === "kec.ancalong")!;
    const officialToken = (
      (await (
        await fetch(`${base}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ username: official.username, password: official.password }),
        })
      ).json()) as { token: string }
    ).token;
    const decided = await fetch(`${base}/api/referrals/${id}/decisions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${officialToken}` },
      body: JSON.stringify({ decision: "approve" }),
    });
    expect(decided.status).toBe(200);
    expect(await levelBecomes("kabupaten")).toBe("kabupaten");
    expect(await stop(second.process)).toBe(0);
  }, 180_000);
});
