import { api } from "../lib/api.ts";
import { say, tr } from "../lib/lang.ts";
import { type Search, apiQuery } from "./view.ts";

/**
 * The whole search, not just the page shown, as a file: plain links to the export, which the session cookie signs
 * in like any page (a GET), so the browser downloads it by itself, streamed, however long. Each is recorded.
 */
export function Downloads(props: { search: Search; scope: string }) {
  const href = (format: "csv" | "ndjson") => {
    const url = api.audit.events.$url({ query: { ...apiQuery(props.search, props.scope), format } });
    return `${url.pathname}${url.search}`;
  };
  return (
    <div class="downloads">
      <p class="muted">
        {tr(
          say(
            "Unduh semua hasil pencarian ini. Setiap unduhan tercatat di log audit.",
            "Download every result of this search. Each download is recorded in the audit log.",
          ),
        )}
      </p>
      <p class="actions">
        <a id="download-csv" href={href("csv")} download title={tr(say("Untuk lembar kerja", "For spreadsheets"))}>
          {tr(say("Unduh CSV", "Download CSV"))}
        </a>
        <a
          id="download-ndjson"
          href={href("ndjson")}
          download
          title={tr(say("Satu peristiwa per baris JSON", "One JSON event per line"))}
        >
          {tr(say("Unduh NDJSON", "Download NDJSON"))}
        </a>
      </p>
    </div>
  );
}
