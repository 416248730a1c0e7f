import { TEXT } from "@rujuk/core/text";
import { describe, expect, it } from "vitest";
import { PASSWORD_JS } from "./password-client.ts";
import { renderPasswordPage } from "./password-page.tsx";

const page = renderPasswordPage({ script: "/kata-sandi.js?v=s", stylesheet: "/app.css?v=c" });
const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);

describe("the change-password page", () => {
  it("has every element its script looks up by id, each id once", () => {
    const wanted = new Set<string>();
    for (const m of PASSWORD_JS.matchAll(/(?<![\w$.])(?:\$|say|show)\("([^"]+)"/g)) wanted.add(m[1]!);
    for (const m of PASSWORD_JS.matchAll(/\[((?:\s*"[^"]+",?)+)\s*\]\.forEach\(function \(id\)/g)) {
      for (const id of m[1]!.matchAll(/"([^"]+)"/g)) wanted.add(id[1]!);
    }
    // Each field's error line, looked up as `<field>-err`.
    for (const id of [...wanted])
      if (id === "pw-current" || id === "pw-new" || id === "pw-again") wanted.add(`${id}-err`);
    expect(wanted.size).toBeGreaterThan(10);
    expect([...wanted].filter((id) => !ids.includes(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("binds the fields to the API's paths and their error lines, and gives core's length rule as the hint", () => {
    expect(page).toContain('id="pw-current" data-path="currentPassword" data-err="pw-current-err"');
    expect(page).toContain(
      'id="pw-new" data-path="newPassword" data-err="pw-new-err" aria-describedby="pw-rule pw-new-err"',
    );
    expect(page).toContain('id="pw-again" data-path="newPasswordAgain" data-err="pw-again-err"');
    expect(page).toContain(`${TEXT.passwordWeak.id} <small>${TEXT.passwordWeak.en}</small>`);
  });

  it("is one document that loads only the given script and stylesheet", () => {
    expect(page.startsWith('<!doctype html>\n<html lang="id"><head>')).toBe(true);
    expect(page).toContain('<link rel="stylesheet" href="/app.css?v=c"/>');
    expect(page).toContain('<script src="/kata-sandi.js?v=s" defer=""></script>');
    expect(page.match(/<script/g)).toHaveLength(1);
  });
});
