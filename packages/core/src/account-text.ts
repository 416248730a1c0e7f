import type { Text } from "./bilingual.ts";

/**
 * The sentences of the account rules a form states before anyone types (user.ts's `NewUser` and `Password`); part
 * of TEXT. A module of their own, so the accounts and password pages carry these and not the whole table.
 */
export const ACCOUNT_TEXT = {
  passwordWeak: {
    en: "The password must have at least 10 characters.",
    id: "Kata sandi minimal 10 karakter.",
  },
  usernameFormat: {
    en: "Username: 3-40 lowercase letters, digits, dots, dashes or underscores.",
    id: "Nama pengguna: 3-40 huruf kecil, angka, titik, tanda hubung atau garis bawah.",
  },
} as const satisfies Record<string, Text>;
