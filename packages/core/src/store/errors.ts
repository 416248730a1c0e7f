import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";

/**
 * Which operations of a cancelled transaction failed their condition, by position; empty when the error is not a
 * conditional cancellation (throttling, validation, a network fault), which callers must let through.
 */
export function failedConditions(error: unknown): number[] {
  if (!(error instanceof TransactionCanceledException)) return [];
  return (error.CancellationReasons ?? []).flatMap((reason, i) =>
    reason.Code === "ConditionalCheckFailed" ? [i] : [],
  );
}

export function isConditionalFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}
