import type { Text } from "./bilingual.ts";

/**
 * The sentences of the rules the referral form checks in the browser (as the officer types, and before sending: a
 * sex chosen, the consent given); part of TEXT. The form's script carries these and only these: a module of their
 * own keeps the rest of the table out of its bundle.
 */
export const FORM_TEXT = {
  required: { en: "This field is required.", id: "Kolom ini wajib diisi." },
  consentRequired: {
    en: "The person's consent to be referred is required.",
    id: "Persetujuan orang yang dirujuk wajib ada.",
  },
  nikBirthDateMismatch: {
    en: "The birth date does not match the NIK (digits 7-12 are the day, month and year of birth).",
    id: "Tanggal lahir tidak sesuai dengan NIK (digit 7-12 adalah tanggal, bulan, dan tahun lahir).",
  },
  nikSexMismatch: {
    en: "The sex does not match the NIK (for women, 40 is added to the day of birth in digits 7-8).",
    id: "Jenis kelamin tidak sesuai dengan NIK (untuk perempuan, tanggal lahir di digit 7-8 ditambah 40).",
  },
} as const satisfies Record<string, Text>;
