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
    case "invalid_type":
      return issue.input === undefined ? TEXT.required : TEXT.invalidType;
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

/** Strings from people: trimmed, bounded, and not empty unless optional. */
export function text(max: number) {
  return z.string().trim().min(1).max(max);
}
