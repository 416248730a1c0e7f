import { Script, runInNewContext } from "node:vm";
import { fieldError } from "@rujuk/core/errors";
import { PAGES } from "@rujuk/core/pages";
import { TEXT } from "@rujuk/core/text";
import { describe, expect, it } from "vitest";
import { committedRules, renderRules } from "../infra/web/render-rules.ts";
import { RULES_JS } from "../packages/functions/src/web/generated/rules.ts";
import { APP_JS } from "../packages/functions/src/web/client.ts";

describe("the page's domain rules", () => {
  it("are committed as bundled from core (run `npm run render:client` after changing them)", async () => {
    expect(committedRules()).toBe(await renderRules());
  });

  it("open the page script, and answer as core does, in the API's field-error shape", () => {
    expect(APP_JS.startsWith(RULES_JS)).toBe(true);
    const page: { RujukRules?: { nikMismatches(subject: object): unknown } } = {};
    runInNewContext(RULES_JS, page);
    const check = (nik: string, birthDate: string, sex: string) =>
      page.RujukRules!.nikMismatches({ nik, birthDate, sex });
    // 6408014507800001: born 05-07-1980, a woman (day + 40).
    expect(check("6408014507800001", "1980-07-05", "P")).toEqual([]);
    expect(check("6408014507800001", "1981-07-05", "L")).toEqual([
      fieldError("subject.birthDate", TEXT.nikBirthDateMismatch),
      fieldError("subject.sex", TEXT.nikSexMismatch),
    ]);
    expect(check("64080145078", "1981-07-05", "L")).toEqual([]);
  });

  it("are followed by core's page paths, and the page script, which is sent without comments and still parses", () => {
    const page: { RujukPages?: unknown } = {};
    runInNewContext(APP_JS.slice(0, APP_JS.indexOf('"use strict";', RULES_JS.length)), page);
    expect(page.RujukPages).toEqual(PAGES);
    expect(APP_JS.split("\n").filter((line) => /^\s*\/\//.test(line))).toEqual([]);
    expect(() => new Script(APP_JS)).not.toThrow();
  });
});
