import type { Text } from "@rujuk/core/bilingual";
import type { Child } from "hono/jsx";

/**
 * What ties a control to the API field it fills and to its error line: the client finds controls by `data-path` (the
 * path the server names in `errors[].path`), writes the error into the element `data-err` names, and screen readers
 * read that line as the control's description.
 */
export interface ErrorTarget {
  id: string;
  "data-path": string;
  "data-err": string;
  "aria-describedby": string;
}

/** The attributes of the control `id` that fills the API field `path`; its error line is `<id>-err`. */
export function errorTarget(id: string, path: string): ErrorTarget {
  return { id, "data-path": path, "data-err": `${id}-err`, "aria-describedby": `${id}-err` };
}

/** The empty line under a control where the client writes its error (hidden by the stylesheet while empty). */
export function ErrorLine(props: { for: string }) {
  return <p class="err" id={`${props.for}-err`}></p>;
}

/**
 * A labelled control with its error line: the label in Bahasa Indonesia with its English in small print; `control`
 * draws the control with the attributes that bind it.
 */
export function Field(props: { id: string; path: string; label: Text; control: (bind: ErrorTarget) => Child }) {
  return (
    <>
      <label for={props.id}>
        {props.label.id} <small>{props.label.en}</small>
      </label>
      {props.control(errorTarget(props.id, props.path))}
      <ErrorLine for={props.id} />
    </>
  );
}
