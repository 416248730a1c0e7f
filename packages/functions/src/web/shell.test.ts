import { describe, expect, it } from "vitest";
import { APP_JS } from "./client.ts";
import { renderShell } from "./shell.tsx";

const page = renderShell({ script: "/app.js?v=s", stylesheet: "/app.css?v=c" });
const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);

/**
 * The ids the client script looks up: the first argument of its `$`, `say`, `show` and `val` helpers (each a
 * getElementById), the lists of ids it walks with forEach, and the `#id`s in its selectors.
 */
function idsTheClientReads(script: string): Set<string> {
  const found = new Set<string>();
  for (const m of script.matchAll(/(?<![\w$.])(?:\$|say|show|val)\("([^"]+)"/g)) found.add(m[1]!);
  for (const m of script.matchAll(/\[((?:\s*"[^"]+",?)+)\s*\]\.forEach\(function \((?:id|x)\)/g)) {
    for (const id of m[1]!.matchAll(/"([^"]+)"/g)) found.add(id[1]!);
  }
  for (const m of script.matchAll(/querySelector(?:All)?\("([^"]*)"/g)) {
    for (const id of m[1]!.matchAll(/#([\w-]+)/g)) found.add(id[1]!);
  }
  return found;
}

describe("the page shell", () => {
  it("has every element the client script looks up by id", () => {
    const wanted = idsTheClientReads(APP_JS);
    // A guard on the reading itself: were the patterns to stop matching, every id would trivially be present.
    expect(wanted.size).toBeGreaterThan(60);
    expect([...wanted].filter((id) => !ids.includes(id))).toEqual([]);
  });

  it("gives each id to one element, and every reference to an id names one of them", () => {
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const references = [
      ...page.matchAll(/\s(?:for|data-err|aria-describedby|aria-labelledby|aria-controls)="([^"]+)"/g),
    ];
    expect(references.length).toBeGreaterThan(20);
    expect(references.map((m) => m[1]!).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it("binds each referral field to its API path and error line", () => {
    expect(page).toContain(
      '<input id="nik" data-path="subject.nik" data-err="nik-err" aria-describedby="nik-err" inputmode="numeric"',
    );
    expect(page).toContain('<fieldset id="sex" data-path="subject.sex" data-err="sex-err" aria-describedby="sex-err">');
    expect(page).toContain('<p class="err" id="consent-err"></p>');
  });

  it("is one document that loads the given script and stylesheet", () => {
    expect(page.startsWith('<!doctype html>\n<html lang="id"><head>')).toBe(true);
    expect(page).toContain('<link rel="stylesheet" href="/app.css?v=c"/>');
    expect(page).toContain('<script src="/app.js?v=s" defer=""></script>');
  });
});
