import * as z from "zod";
import { Invalid, type FieldError, fieldError } from "./errors.ts";
import { TEXT, isTextKey, type Text } from "./text.ts";

/**
 * Schemas name their own messages by text key (`{ error: "nikLength" }`); every other zod issue gets a generic text
 * by its code. The result is one bilingual field error per issue, with the dotted path of the field.
 */
function textFor(issue: z.core.$ZodIssue): Text {
  if (isTextKey(issue.message)) return TEXT[issue.message];
  switch (issue.code) {
    case "invalid_key": // a record key that failed its own schema: say why the key failed
      return issue.issues[0] ? textFor(issue.issues[0]) : TEXT.invalidValue;
    // A field left out is required, whatever its schema; the issue carries the input only when parsed with
    // `reportInput`, as `parse` does.
    case "invalid_type":
      return issue.input === undefined ? TEXT.required : TEXT.invalidType;
    case "invalid_value": // an enum or literal: a sex not chosen yet is missing, not a value refused
      return issue.input === undefined ? TEXT.required : TEXT.invalidValue;
    case "too_big":
      return TEXT.tooLong;
    case "too_small":
      return issue.origin === "string" && issue.minimum === 1 ? TEXT.required : TEXT.tooShort;
    case "unrecognized_keys":
      return TEXT.unknownField;
    default:
      return TEXT.invalidValue;
  }
}

function pathOf(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") return [...path, issue.keys.join(",")].join(".");
  return path.join(".") || "(body)";
}

export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => fieldError(pathOf(issue), textFor(issue)));
}

/** Parse `input` with `schema` or throw `Invalid` listing every bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new Invalid(toFieldErrors(result.error.issues));
  return result.data;
}

// C0 and C1 control characters. They feed DTKS/DTSEN checks, CSV exports and letters: a NUL or an escape sequence
// there is corruption, never data. Long text keeps its line breaks and tabs. (Matching them is the point here.)
/* eslint-disable no-control-regex */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */

/**
 * Strings from people: well-formed Unicode (no lone surrogate, which is how broken UTF-8 arrives through JSON), in
 * NFC so that the same name is stored as the same characters however it was typed, trimmed, bounded, not empty unless
 * optional, and free of control characters (line breaks, as `\n`, and tabs only in `multiline` text).
 */
export function text(max: number, options: { multiline?: boolean } = {}) {
  const control = options.multiline ? CONTROL_BUT_LAYOUT : CONTROL;
  return z
    .string()
    .refine((s) => s.isWellFormed(), { error: "invalidCharacters", abort: true })
    .overwrite((s) => s.normalize("NFC").replace(/\r\n?/g, "\n"))
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !control.test(s), { error: "invalidCharacters" });
}
