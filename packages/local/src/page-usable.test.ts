import { PAGES, PASSWORD_PAGE } from "@rujuk/core/pages";
import { SCRIPTED } from "@rujuk/functions/web/pages";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "./demo-accounts.ts";
import { PAGE_USABLE } from "./page-usable.ts";

// The page benchmark measures what this table names; a page missing here would be missing from its figures.
describe("the page benchmark's table of usable controls", () => {
  const pages = [...new Set([...SCRIPTED.map((p) => p.path), PASSWORD_PAGE])];

  it("names a control for every typed page, and none for a page that does not exist", () => {
    expect(Object.keys(PAGE_USABLE).sort()).toEqual([...pages].sort());
  });

  it("opens every page but sign-in as a demo account", () => {
    const usernames = new Set(DEMO_ACCOUNTS.map((a) => a.username));
    for (const [path, { account, selector }] of Object.entries(PAGE_USABLE)) {
      expect(selector, path).not.toBe("");
      if (path === PAGES.signIn) expect(account, path).toBeUndefined();
      else expect(usernames.has(account ?? ""), `${path}: ${account}`).toBe(true);
    }
  });
});
