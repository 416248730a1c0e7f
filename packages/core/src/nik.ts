/**
 * NIK (Nomor Induk Kependudukan): 16 digits = region of first issue (6) + birth date DDMMYY, with 40 added to the day
 * for women (6) + serial (4). The region part is not checked against the current address: people move.
 */
export type NikCheck =
  { ok: true; birthDate: string; sex: "L" | "P" } | { ok: false; reason: "length" | "digits" | "date" };

export function checkNik(nik: string, today: Date = new Date()): NikCheck {
  if (!/^\d*$/.test(nik)) return { ok: false, reason: "digits" };
  if (nik.length !== 16) return { ok: false, reason: "length" };
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex = rawDay > 40 ? "P" : "L";
  const day = sex === "P" ? rawDay - 40 : rawDay;
  // Two-digit years: a date that would lie in the future belongs to the previous century. Many PPKS are elderly, so a
  // person born in December 1926 must still be valid in March 2026.
  const at = (year: number) => new Date(Date.UTC(year, month - 1, day));
  const year = at(2000 + yy) > today ? 1900 + yy : 2000 + yy;
  const date = at(year);
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || day < 1) return { ok: false, reason: "date" };
  return { ok: true, birthDate: date.toISOString().slice(0, 10), sex };
}

/** A NIK as shown to auditors: every digit but the last four hidden (`************0001`). */
export function maskNik(nik: string): string {
  return nik.length <= 4 ? nik : `${"*".repeat(nik.length - 4)}${nik.slice(-4)}`;
}

/** Anything shaped like a NIK inside free text: 16 digits, optionally grouped by spaces, dots or dashes. */
export const NIK_IN_TEXT = /(?<!\d)(?:\d[ .-]?){15}\d(?!\d)/g;
