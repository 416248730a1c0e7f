import { type FieldError, fieldError } from "./field-error.ts";
import { TEXT, type Text } from "./text.ts";

export { type FieldError, fieldError };

export type ErrorKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_many"
  | "payload_too_large"
  | "headers_too_large"
  | "unsupported_media_type";

/**
 * The base of every error the domain raises on purpose. It carries a kind (mapped to an HTTP status at one boundary,
 * never here), bilingual text and optional field errors. Anything that is not a DomainError is a bug.
 */
export class DomainError extends Error {
  readonly kind: ErrorKind;
  readonly text: Text;
  readonly errors: FieldError[] | undefined;
  readonly context: Record<string, unknown> | undefined;

  constructor(
    kind: ErrorKind,
    text: Text,
    options: { errors?: FieldError[]; context?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(text.en, { cause: options.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.text = text;
    this.errors = options.errors;
    this.context = options.context;
  }
}

export class Invalid extends DomainError {
  constructor(errors: FieldError[], text: Text = TEXT.invalidRequest) {
    super("invalid", text, { errors });
  }
}

export class Unauthenticated extends DomainError {
  constructor(text: Text = TEXT.unauthenticated) {
    super("unauthenticated", text);
  }
}

export class Forbidden extends DomainError {
  constructor(text: Text = TEXT.forbidden) {
    super("forbidden", text);
  }
}

/** Also used for objects outside the caller's region, so their existence is never revealed. */
export class NotFound extends DomainError {
  constructor(text: Text = TEXT.notFound) {
    super("not_found", text);
  }
}

export class Conflict extends DomainError {
  constructor(text: Text, context?: Record<string, unknown>) {
    super("conflict", text, context ? { context } : {});
  }
}

export class TooMany extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(text: Text, retryAfterSeconds: number) {
    super("too_many", text, { context: { retryAfterSeconds } });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
