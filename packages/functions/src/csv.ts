/**
 * CSV as RFC 4180 writes it (comma-separated, CRLF line ends, fields with a comma, quote or line break in double
 * quotes, quotes doubled), preceded by a UTF-8 byte order mark so that Excel reads the text as UTF-8.
 */
export const CSV_BOM = "\uFEFF";

// A cell starting with one of these is a formula to Excel and LibreOffice, even inside quotes (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: text that could start a formula gets a leading apostrophe, so it shows as text and never runs. */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return "";
  let text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
