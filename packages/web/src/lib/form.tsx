import type { Text } from "@rujuk/core/bilingual";
import type { Child } from "hono/jsx";
import type { FieldProblem, Failure } from "./api.ts";
import { say, tr } from "./lang.ts";

/** A field's errors, keyed by the API path they belong to (`subject.nik`). */
export type FieldErrors = Readonly<Record<string, readonly Text[]>>;

export const CHECK_FIELDS = say("Periksa kembali kolom yang ditandai.", "Check the marked fields.");

/** Groups a failure's field errors by path; errors for fields the form does not have go to `rest`. */
export function fieldErrors(failure: Failure, known: readonly string[]): { byPath: FieldErrors; rest: Text[] } {
  const byPath: Record<string, Text[]> = {};
  const rest: Text[] = [];
  failure.fields.forEach((f: FieldProblem) => {
    if (known.includes(f.path)) (byPath[f.path] ??= []).push(f.text);
    else rest.push(f.text);
  });
  return { byPath, rest };
}

/** The attributes binding control `id` to its label, its error line and the API path it fills. */
export function bind(id: string, path: string, errors: FieldErrors) {
  const invalid = (errors[path]?.length ?? 0) > 0;
  return {
    id,
    name: path,
    "data-path": path,
    "aria-describedby": `${id}-err`,
    "aria-invalid": invalid ? "true" : undefined,
  };
}

/**
 * A labelled control and its error line: the label in the page's language, a hint below it if any, then the
 * control (drawn by `children` with `bind`'s attributes), then what is wrong with it.
 */
export function Field(props: {
  id: string;
  path: string;
  label: Text;
  hint?: Text;
  errors: FieldErrors;
  children: Child;
}) {
  const errors = props.errors[props.path] ?? [];
  return (
    <div class="field">
      <label for={props.id}>{tr(props.label)}</label>
      {props.hint ? <p class="hint">{tr(props.hint)}</p> : null}
      {props.children}
      <p class="err" id={`${props.id}-err`}>
        {errors.map((e) => tr(e)).join(" ")}
      </p>
    </div>
  );
}

/** A page's message line: an alert (`role=alert`, read out at once) or a quiet status. */
export function Notice(props: { text: Text | null | undefined; kind?: "alert" | "ok" | "warn"; id?: string }) {
  const kind = props.kind ?? "alert";
  return (
    <p id={props.id} class={kind} role={kind === "alert" ? "alert" : "status"}>
      {props.text ? tr(props.text) : ""}
    </p>
  );
}
