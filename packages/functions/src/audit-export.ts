import type { AuditEvent } from "@rujuk/core/audit";
import { CSV_BOM, csvRow } from "@rujuk/core/csv";

export type ExportFormat = "csv" | "ndjson";

const CSV_HEADER = [
  "seq",
  "at",
  "type",
  "kind",
  "item_id",
  "region",
  "level",
  "decision",
  "comment",
  "actor_id",
  "actor_name",
  "actor_role",
  "actor_region",
  "changes",
  "reason",
  "hash",
  "prev_hash",
];

function csvLine(e: AuditEvent): string {
  const [kind, item] = e.referralId ? ["referral", e.referralId] : e.reportId ? ["report", e.reportId] : ["", ""];
  return csvRow([
    e.seq,
    e.at,
    e.type,
    kind,
    item,
    e.region,
    e.level,
    e.decision,
    e.comment,
    e.actor?.id,
    e.actor?.name,
    e.actor?.role,
    e.actor?.regionCode,
    e.changes,
    e.reason,
    e.hash,
    e.prevHash,
  ]);
}

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

/**
 * An export as a stream that is pulled one batch of events at a time: the reader's pace sets the pace, and memory
 * holds one batch however long the range. `onEnd` runs once, with the number of events written, when the export
 * ends or the reader goes away (to record it); a failure to read ends the stream with an error, not a short file
 * that looks whole.
 */
export function exportStream(
  format: ExportFormat,
  batches: AsyncIterator<AuditEvent[]>,
  onEnd: (events: number) => Promise<void>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let header = format === "csv" ? CSV_BOM + csvRow(CSV_HEADER) : "";
  let count = 0;
  let ended = false;
  const end = async () => {
    if (ended) return;
    ended = true;
    await onEnd(count);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await batches.next();
        let chunk = header;
        header = "";
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          await end();
          controller.close();
          return;
        }
        for (const event of next.value) chunk += format === "csv" ? csvLine(event) : `${JSON.stringify(event)}\n`;
        count += next.value.length;
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        console.error("audit export failed", error);
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return?.();
      await end();
    },
  });
}
