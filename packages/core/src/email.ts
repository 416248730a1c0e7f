/** A plain-text email. */
export interface EmailMessage {
  to: string[];
  subject: string;
  text: string;
}

/**
 * The port through which notifications leave as email: SES in AWS, aws-ses-v2-local locally (the adapter is
 * functions' ses-email.ts), a fake in tests.
 */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

/** What became of one email, as recorded beside its notification. */
export interface EmailOutcome {
  status: "sent" | "failed";
  attempts: number;
  error?: string;
}

// SES's throttling errors by name, as the AWS SDK names its exceptions: the domain reads names, not SDK classes.
const RETRYABLE_4XX = new Set(["TooManyRequestsException", "ThrottlingException", "Throttling"]);

/** The HTTP status an AWS SDK error carries in `$metadata`, when it has one. */
function httpStatusOf(error: Error): number | undefined {
  const metadata: unknown = "$metadata" in error ? error.$metadata : undefined;
  if (typeof metadata !== "object" || metadata === null || !("httpStatusCode" in metadata)) return undefined;
  return typeof metadata.httpStatusCode === "number" ? metadata.httpStatusCode : undefined;
}

/**
 * A failure that another attempt cannot fix: SES answered with a 4xx other than throttling (the message was
 * rejected, the sender is not verified, the account is paused). Network faults and 5xx are worth another try.
 */
export function isPermanentEmailFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = httpStatusOf(error);
  if (RETRYABLE_4XX.has(error.name) || status === 429) return false;
  return status !== undefined && status >= 400 && status < 500;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 500);
}

export interface RetryOptions {
  /** Attempts in all, the first included. Default 3. */
  attempts?: number;
  /** Wait before the second attempt; doubles before each later one. Default 200 ms. */
  delayMs?: number;
  /** For tests; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Sends with retries and exponential backoff, and never throws: the outcome is returned for the caller to record. A
 * failed email must never block the approval chain; the in-app notification is the record that counts.
 */
export async function sendWithRetry(
  sender: EmailSender,
  message: EmailMessage,
  options: RetryOptions = {},
): Promise<EmailOutcome> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? 3));
  const delayMs = options.delayMs ?? 200;
  const sleep = options.sleep ?? realSleep;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(delayMs * 2 ** (attempt - 2));
    try {
      await sender.send(message);
      return { status: "sent", attempts: attempt };
    } catch (error) {
      lastError = error;
      if (isPermanentEmailFailure(error)) return { status: "failed", attempts: attempt, error: describe(error) };
    }
  }
  return { status: "failed", attempts, error: describe(lastError) };
}
