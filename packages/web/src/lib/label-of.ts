import type { Text } from "@rujuk/core/bilingual";

/**
 * The label a core table gives `code`, for a code the API answers as a plain string (an event's level, a role):
 * `undefined` when the table has none, so a page shows nothing rather than a raw code it cannot name.
 */
export function labelOf(table: Readonly<Record<string, Text>>, code: string | null | undefined): Text | undefined {
  if (code === null || code === undefined) return undefined;
  return Object.entries(table).find(([key]) => key === code)?.[1];
}
