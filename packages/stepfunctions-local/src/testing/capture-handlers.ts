import { appendFileSync } from "node:fs";
import type { Engine } from "../engine.ts";

/**
 * Task handlers for tests that run the endpoint as a separate process: "capture" appends each payload it receives
 * (with its task token) as a JSON line to $CAPTURE_FILE, so the test can answer the token and count invocations.
 */
export default function register(engine: Engine): void {
  const file = process.env.CAPTURE_FILE;
  if (!file) throw new Error("CAPTURE_FILE must name the file that receives captured payloads");
  engine.registerHandler("capture", (payload) => {
    appendFileSync(file, `${JSON.stringify(payload)}\n`);
    return { captured: true };
  });
}
