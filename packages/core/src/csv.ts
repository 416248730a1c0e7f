/**
 * CSV as RFC 4180 has it, written and read. Written: comma-separated, CRLF line ends, fields with a comma, quote or
 * line break in double quotes, quotes doubled, preceded by a UTF-8 byte order mark so that Excel reads it as UTF-8.
 */
export const CSV_BOM = "\uFEFF";

// A cell starting with one of these is a formula to Excel and LibreOffice, even inside quotes (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: text that could start a formula gets a leading apostrophe, so it shows as text and never runs. */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return "";
  let text =
    typeof value === "string"
      ? value
      : typeof value === "number" || typeof value === "boolean" || typeof value === "bigint"
        ? String(value)
        : JSON.stringify(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/**
 * Reads RFC 4180 CSV (comma-separated; LF or CRLF line ends; quoted fields may hold commas, line breaks and doubled
 * quotes) into rows of fields; empty lines are skipped. Written for the region files a function reads at a cold
 * start: it is ten times faster there than a general-purpose parser (BENCHMARKS.md). Malformed quoting throws.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const length = text.length;
  let row: string[] = [];
  let at = text.startsWith(CSV_BOM) ? 1 : 0;
  while (at < length) {
    let field: string;
    if (text[at] === '"') {
      field = "";
      for (at++; ;) {
        const quote = text.indexOf('"', at);
        if (quote < 0) throw new Error("CSV: a quoted field is never closed");
        field += text.slice(at, quote);
        at = quote + 1;
        if (text[at] !== '"') break;
        field += '"';
        at++;
      }
    } else {
      const start = at;
      while (at < length && text[at] !== "," && text[at] !== "\n" && text[at] !== "\r") at++;
      field = text.slice(start, at);
    }
    row.push(field);
    const next = text[at];
    if (next === ",") {
      at++;
      if (at === length) row.push("");
      continue;
    }
    if (next === "\r") at++;
    if (text[at] === "\n") at++;
    else if (next !== undefined && next !== "\r")
      throw new Error(`CSV: unexpected ${JSON.stringify(next)} after a quoted field`);
    if (row.length > 1 || row[0] !== "") rows.push(row);
    row = [];
  }
  // A last line ending in a comma leaves its row open.
  if (row.length > 0) rows.push(row);
  return rows;
}
