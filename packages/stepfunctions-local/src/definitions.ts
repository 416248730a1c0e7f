import type { Definition } from "./asl/types.ts";
import { parseDefinition } from "./asl/validate.ts";
import { SfnError } from "./errors.ts";

/**
 * Parsed state machine definitions, by their text. Every step of an execution needs its definition, and an execution
 * keeps the text it started with, so each text is parsed and validated once per process.
 */
export class Definitions {
  readonly #parsed = new Map<string, Definition>();

  /** The definition `text` holds; `InvalidDefinition` when it is not one this endpoint runs. */
  parse(text: string): Definition {
    const cached = this.#parsed.get(text);
    if (cached) return cached;
    try {
      const definition = parseDefinition(text);
      this.#parsed.set(text, definition);
      return definition;
    } catch (error) {
      throw new SfnError("InvalidDefinition", error instanceof Error ? error.message : String(error));
    }
  }
}
