/**
 * NIK (Nomor Induk Kependudukan): 16 digits = region of first issue (6) + birth date DDMMYY, with 40 added to the day
 * for women (6) + serial (4). The region part is not checked against the current address: people move.
 */

/** Sex as the KTP records it and a NIK encodes it: `L` (laki-laki, male), `P` (perempuan, female). */
export const SEXES = ["L", "P"] as const;
export type Sex = (typeof SEXES)[number];

/** True for a code in SEXES: the form sends whatever was ticked, or nothing yet. */
export function isSex(value: string): value is Sex {
  return SEXES.some((sex) => sex === value);
}

export type NikCheck = { ok: true; birthDate: string; sex: Sex } | { ok: false; reason: "length" | "digits" | "date" };

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

/** What is wrong with a birth date on its own: not a real `YYYY-MM-DD` date, before 1900, or in the future. */
export function birthDateProblem(
  date: string,
  today: Date = new Date(),
): "dateFormat" | "dateTooEarly" | "dateInFuture" | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) return "dateFormat";
  if (!new Date(date).toISOString().startsWith(date)) return "dateFormat";
  if (date < "1900-01-01") return "dateTooEarly";
  if (date > today.toISOString().slice(0, 10)) return "dateInFuture";
  return undefined;
}

/**
 * Where a well-formed NIK disagrees with the form: its DDMMYY against the birth date (the century is not in a NIK,
 * so only day, month and the year's last two digits can be compared), its day (+40 for women) against the sex.
 * The API refuses a referral for it, and the form shows it as the officer types (this module is in the page's script).
 */
export function nikDisagreements(subject: { nik: string; birthDate: string; sex: string }): ("birthDate" | "sex")[] {
  const check = checkNik(subject.nik);
  // A date already wrong on its own is reported as such, once.
  if (!check.ok || birthDateProblem(subject.birthDate) !== undefined) return [];
  const wrong: ("birthDate" | "sex")[] = [];
  if (check.birthDate.slice(2) !== subject.birthDate.slice(2)) wrong.push("birthDate");
  if (isSex(subject.sex) && check.sex !== subject.sex) wrong.push("sex");
  return wrong;
}

/** The message for each field a NIK disagrees with (keys of TEXT). */
export const NIK_MISMATCH = { birthDate: "nikBirthDateMismatch", sex: "nikSexMismatch" } as const;

/** A NIK as shown to auditors: every digit but the last four hidden (`************0001`). */
export function maskNik(nik: string): string {
  return nik.length <= 4 ? nik : `${"*".repeat(nik.length - 4)}${nik.slice(-4)}`;
}

/** Anything shaped like a NIK inside free text: 16 digits, optionally grouped by spaces, dots or dashes. */
export const NIK_IN_TEXT = /(?<!\d)(?:\d[ .-]?){15}\d(?!\d)/g;
