import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as labels from "@rujuk/core/labels";
import { FORM_TEXT } from "@rujuk/core/form-text";
import { TEXT } from "@rujuk/core/text";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ROOT, isTestCode, sources } from "./support/module-sources.ts";

/**
 * The web pages take every label of a code and every sentence of the domain from core: a page that writes
 * "Disetujui" or "Sedang diperiksa" itself says it a second time, and the two drift. Words too short or too common
 * to be a label of their own (a role's "TKSK", "Audit") are left out: they are names, not labels.
 */
const CORE_TEXTS = [
  ...Object.entries(labels).flatMap(([table, value]) =>
    typeof value === "object" && value !== null
      ? Object.entries(value as Record<string, { id: string; en: string }>).map(([code, text]) => ({
          where: `${table}.${code}`,
          text,
        }))
      : [],
  ),
  ...Object.entries(TEXT).map(([key, text]) => ({ where: `TEXT.${key}`, text })),
  ...Object.entries(FORM_TEXT).map(([key, text]) => ({ where: `FORM_TEXT.${key}`, text })),
];

const NAMES = new Set(["TKSK", "Auditor", "Admin", "Audit", "Kecamatan", "Provinsi", "Province"]);
const said = new Map<string, string>();
for (const { where, text } of CORE_TEXTS)
  for (const sentence of [text.id, text.en]) if (sentence.length > 3 && !NAMES.has(sentence)) said.set(sentence, where);

/** Every string literal (and template text without substitutions) in a module, with its line. */
function literals(file: string): { text: string; line: number }[] {
  const code = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isJsxText(node)) {
      const text = node.text.trim();
      if (text) found.push({ text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the web pages' words", () => {
  it("never restate a label or sentence core already has", () => {
    const restated = sources(join(ROOT, "packages/web/src"))
      .filter((file) => !isTestCode(file))
      .flatMap((file) =>
        literals(file)
          .filter(({ text }) => said.has(text))
          .map(({ text, line }) => `${relative(ROOT, file)}:${line} "${text}" is core's ${said.get(text)}`),
      );
    expect(restated).toEqual([]);
  });

  it("would find a restated label (the check can fail)", () => {
    const file = join(ROOT, "test/support/restated-label.fixture.tsx");
    expect(
      literals(file)
        .filter(({ text }) => said.has(text))
        .map(({ text }) => text),
    ).toEqual([labels.STATUS_LABELS.approved.id, labels.STATUS_LABELS.in_review.en]);
  });
});
