import { SfnError } from "./errors.ts";

/** A store page's continuation as the API hands it out: `nextToken`. */
export function encodePage(next: Record<string, unknown> | undefined): string | undefined {
  return next ? Buffer.from(JSON.stringify(next)).toString("base64url") : undefined;
}

/** The store page continuation a `nextToken` holds; `InvalidToken` when it holds none. */
export function decodePage(nextToken: string | undefined): Record<string, unknown> | undefined {
  if (!nextToken) return undefined;
  try {
    const cursor: unknown = JSON.parse(Buffer.from(nextToken, "base64url").toString("utf8"));
    if (typeof cursor === "object" && cursor !== null && !Array.isArray(cursor)) return { ...cursor };
  } catch {
    // Not JSON: as invalid as JSON that is not an object.
  }
  throw new SfnError("InvalidToken", "Invalid nextToken");
}

/** A page's size, as AWS reads `maxResults`: 100 when absent or 0, at most 1000. */
export function pageSize(maxResults: number | undefined): number {
  return Math.min(Math.max(maxResults || 100, 1), 1000);
}
