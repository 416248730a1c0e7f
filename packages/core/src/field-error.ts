import type { Text } from "./text.ts";

/** One problem with one input field; `path` is dotted (`subject.nik`). */
export interface FieldError {
  path: string;
  message: string;
  message_id: string;
}

/** A single field error built from a text entry (the page's script builds them too, so this module imports no table). */
export function fieldError(path: string, text: Text): FieldError {
  return { path, message: text.en, message_id: text.id };
}
