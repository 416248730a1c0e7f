import { describe, expect, it } from "vitest";
import { committed, pageScripts, renderIndex, renderPage, renderWorker } from "../infra/web/render-client.ts";
import { PAGE_SCRIPTS } from "../packages/functions/src/web/generated/scripts.ts";

// The budget the issue sets a page's script on a phone: what is sent, before compression.
const SCRIPT_BUDGET = 60 * 1024;

describe("the typed page scripts (packages/web/src/pages)", () => {
  const names = pageScripts();

  it("are committed as bundled from their sources (run `npm run render:client` after changing them)", async () => {
    expect(committed("index")).toBe(renderIndex(names));
    const stale: string[] = [];
    for (const name of names) if (committed(name) !== (await renderPage(name))) stale.push(name);
    if (committed("worker") !== (await renderWorker())) stale.push("worker");
    expect(stale).toEqual([]);
  });

  it("are each served, and within the script budget", () => {
    expect(Object.keys(PAGE_SCRIPTS).sort()).toEqual(names);
    for (const [name, script] of Object.entries(PAGE_SCRIPTS))
      expect(Buffer.byteLength(script), name).toBeLessThanOrEqual(SCRIPT_BUDGET);
  });
});
