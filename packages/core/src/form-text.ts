import type { Text } from "./bilingual.ts";

/**
 * The sentences of the rules the referral form checks as the officer types; part of TEXT. The page's script carries
 * these (web/rules.ts) and only these: a module of their own keeps the rest of the table out of its bundle.
 */
export const FORM_TEXT = {
  nikBirthDateMismatch: {
    en: "The birth date does not match the NIK (digits 7-12 are the day, month and year of birth).",
    id: "Tanggal lahir tidak sesuai dengan NIK (digit 7-12 adalah tanggal, bulan, dan tahun lahir).",
  },
  nikSexMismatch: {
    en: "The sex does not match the NIK (for women, 40 is added to the day of birth in digits 7-8).",
    id: "Jenis kelamin tidak sesuai dengan NIK (untuk perempuan, tanggal lahir di digit 7-8 ditambah 40).",
  },
} as const satisfies Record<string, Text>;
