import { describe, expect, it } from "vitest";
import type { Text } from "./bilingual.ts";
import { ITEM_KINDS, LEVELS } from "./chain.ts";
import { URGENCIES } from "./deadline.ts";
import { EVENT_TYPES } from "./event-types.ts";
import { DECISIONS, STATUSES } from "./item.ts";
import {
  DECISION_ACTIONS,
  DECISION_LABELS,
  EVENT_LABELS,
  KIND_LABELS,
  LEVEL_LABELS,
  REGION_LEVEL_LABELS,
  ROLE_LABELS,
  SEX_LABELS,
  STATUS_LABELS,
  URGENCY_LABELS,
} from "./labels.ts";
import { SEXES } from "./nik.ts";
import { LEVELS as REGION_LEVELS } from "./region-code.ts";
import { ROLES } from "./user.ts";

const TABLES: [string, readonly string[], Readonly<Record<string, Text>>][] = [
  ["STATUS_LABELS", STATUSES, STATUS_LABELS],
  ["LEVEL_LABELS", LEVELS, LEVEL_LABELS],
  ["REGION_LEVEL_LABELS", REGION_LEVELS, REGION_LEVEL_LABELS],
  ["ROLE_LABELS", ROLES, ROLE_LABELS],
  ["URGENCY_LABELS", URGENCIES, URGENCY_LABELS],
  ["DECISION_LABELS", DECISIONS, DECISION_LABELS],
  ["DECISION_ACTIONS", DECISIONS, DECISION_ACTIONS],
  ["KIND_LABELS", ITEM_KINDS, KIND_LABELS],
  ["SEX_LABELS", SEXES, SEX_LABELS],
  ["EVENT_LABELS", EVENT_TYPES, EVENT_LABELS],
];

describe.each(TABLES)("%s", (_, codes, labels) => {
  it("labels exactly the domain's codes, in their order", () => {
    expect(Object.keys(labels)).toEqual([...codes]);
  });

  it("says each in both languages, capitalised, never as the bare code, and no two alike", () => {
    for (const lang of ["id", "en"] as const) {
      const said = codes.map((code) => labels[code]?.[lang] ?? "");
      for (const [i, label] of said.entries()) {
        expect(label).toMatch(/^\p{Lu}/u);
        expect(label).not.toBe(codes[i]);
      }
      expect(new Set(said).size).toBe(codes.length);
    }
  });
});

it("spells out the KTP's sex codes and the kinds of item", () => {
  expect(SEX_LABELS).toEqual({ L: { id: "Laki-laki", en: "Male" }, P: { id: "Perempuan", en: "Female" } });
  expect(KIND_LABELS.referral).toEqual({ id: "Rujukan", en: "Referral" });
  expect(KIND_LABELS.report).toEqual({ id: "Laporan", en: "Report" });
});
