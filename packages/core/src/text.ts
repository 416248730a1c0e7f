import { ACCOUNT_TEXT } from "./account-text.ts";
import type { Text } from "./bilingual.ts";
import { DECISION_TEXT } from "./decision-rule.ts";
import { FORM_TEXT } from "./form-text.ts";

export type { Text };

/**
 * Every user-facing sentence of the domain, in Bahasa Indonesia (`id`, the UI's first language) and English (`en`).
 * Keeping them in one table makes a missing translation a type error rather than a surprise in the field.
 */
export const TEXT = {
  invalidType: { en: "This value has the wrong type.", id: "Jenis nilai ini salah." },
  invalidValue: { en: "This value is not allowed.", id: "Nilai ini tidak diizinkan." },
  tooLong: { en: "This value is too long.", id: "Nilai ini terlalu panjang." },
  tooShort: { en: "This value is too short.", id: "Nilai ini terlalu pendek." },
  unknownField: { en: "This field is not recognised.", id: "Kolom ini tidak dikenal." },
  nikLength: { en: "NIK must have exactly 16 digits.", id: "NIK harus terdiri dari tepat 16 digit." },
  nikDigits: { en: "NIK may contain digits only.", id: "NIK hanya boleh berisi angka." },
  nikDate: {
    en: "The birth date inside the NIK (digits 7-12) is not a real date.",
    id: "Tanggal lahir di dalam NIK (digit 7-12) bukan tanggal yang valid.",
  },
  dateFormat: { en: "Use the date format YYYY-MM-DD.", id: "Gunakan format tanggal YYYY-MM-DD." },
  dateInFuture: { en: "The date cannot be in the future.", id: "Tanggal tidak boleh di masa depan." },
  periodFormat: { en: "Use the period format YYYY-MM.", id: "Gunakan format periode YYYY-MM." },
  periodInFuture: { en: "The period cannot be in the future.", id: "Periode tidak boleh di masa depan." },
  periodTooEarly: { en: "The period is before 2020.", id: "Periode sebelum tahun 2020." },
  dateTooEarly: { en: "The date cannot be before 1900.", id: "Tanggal tidak boleh sebelum tahun 1900." },
  ...FORM_TEXT,
  invalidCharacters: {
    en: "This text contains characters that are not allowed (control characters or broken encoding).",
    id: "Teks ini berisi karakter yang tidak diizinkan (karakter kontrol atau pengodean rusak).",
  },
  unknownCategory: { en: "Unknown PPKS category.", id: "Kategori PPKS tidak dikenal." },
  unknownRegion: { en: "Unknown region code.", id: "Kode wilayah tidak dikenal." },
  desaOutsideKecamatan: {
    en: "The desa/kelurahan must lie in your kecamatan.",
    id: "Desa/kelurahan harus berada di kecamatan Anda.",
  },
  regionOutsideScope: {
    en: "The region lies outside your jurisdiction.",
    id: "Wilayah berada di luar wilayah kerja Anda.",
  },
  regionWrongLevel: {
    en: "The region code does not match the role's level.",
    id: "Kode wilayah tidak sesuai dengan tingkat peran.",
  },
  adminAboveOwnRegion: {
    en: "You cannot create an admin above your own region.",
    id: "Anda tidak dapat membuat admin di atas wilayah Anda sendiri.",
  },
  ...ACCOUNT_TEXT,
  passwordUnchanged: {
    en: "The new password must differ from the current one.",
    id: "Kata sandi baru harus berbeda dari kata sandi sekarang.",
  },
  passwordIsUsername: {
    en: "The password must not be your username.",
    id: "Kata sandi tidak boleh sama dengan nama pengguna Anda.",
  },
  currentPasswordWrong: {
    en: "The current password is wrong.",
    id: "Kata sandi sekarang salah.",
  },
  timeFormat: {
    en: "Use a date (YYYY-MM-DD) or a time in ISO 8601 (2026-03-01T08:00:00Z).",
    id: "Gunakan tanggal (YYYY-MM-DD) atau waktu ISO 8601 (2026-03-01T08:00:00Z).",
  },
  rangeOrder: { en: "'from' must come before 'to'.", id: "'from' harus lebih awal dari 'to'." },
  revealReason: {
    en: "State why you need to see the full NIK (10 to 500 characters).",
    id: "Tuliskan alasan Anda perlu melihat NIK lengkap (10 sampai 500 karakter).",
  },
  verifyTarget: {
    en: "Name one thing to verify: a region, a referral or a report.",
    id: "Sebutkan satu hal yang akan diverifikasi: wilayah, rujukan, atau laporan.",
  },
  notNegativeInteger: { en: "Use a whole number of 0 or more.", id: "Gunakan bilangan bulat 0 atau lebih." },

  invalidRequest: { en: "The request is invalid.", id: "Permintaan tidak valid." },
  malformedJson: { en: "The request body is not valid JSON.", id: "Isi permintaan bukan JSON yang valid." },
  unsupportedMediaType: {
    en: "Send the request body as application/json.",
    id: "Kirim isi permintaan sebagai application/json.",
  },
  payloadTooLarge: { en: "The request body is too large.", id: "Isi permintaan terlalu besar." },
  headersTooLarge: {
    en: "The request headers are too large (a cookie may have grown: sign out and in again).",
    id: "Header permintaan terlalu besar (mungkin cookie membesar: keluar lalu masuk kembali).",
  },
  badRequest: { en: "The request could not be read.", id: "Permintaan tidak dapat dibaca." },
  unauthenticated: { en: "Please sign in.", id: "Silakan masuk terlebih dahulu." },
  badCredentials: { en: "Wrong username or password.", id: "Nama pengguna atau kata sandi salah." },
  tooManyLogins: {
    en: "Too many failed sign-ins from here. Wait a moment before trying again (see Retry-After).",
    id: "Terlalu banyak percobaan masuk yang gagal dari perangkat ini. Tunggu sebentar sebelum mencoba lagi.",
  },
  forbidden: { en: "You are not allowed to do this.", id: "Anda tidak diizinkan melakukan ini." },
  notFound: { en: "Not found.", id: "Tidak ditemukan." },
  usernameTaken: { en: "This username is already taken.", id: "Nama pengguna ini sudah dipakai." },
  idempotencyMismatch: {
    en: "This Idempotency-Key was already used with a different request.",
    id: "Idempotency-Key ini sudah dipakai untuk permintaan yang berbeda.",
  },
  adminCreated: { en: "The admin account was created.", id: "Akun admin telah dibuat." },
  oneTimePassword: {
    en: "This password is shown only this once and is not stored anywhere else (only its hash is kept). It works for one thing only: signing in to choose a new password, which the app asks for at once.",
    id: "Kata sandi ini hanya ditampilkan sekali ini dan tidak disimpan di tempat lain (hanya hash-nya yang disimpan). Kata sandi ini hanya untuk masuk dan langsung memilih kata sandi baru, yang akan diminta aplikasi.",
  },
  nothingCreated: { en: "No account was created.", id: "Tidak ada akun yang dibuat." },
  changePasswordFirst: {
    en: "Change your password first: the one you signed in with was set by someone else.",
    id: "Ganti kata sandi Anda dulu: kata sandi yang Anda pakai untuk masuk dibuat oleh orang lain.",
  },
  cannotResetOwnPassword: {
    en: "You cannot reset your own password: change it yourself, with your current password.",
    id: "Anda tidak dapat mengatur ulang kata sandi Anda sendiri: gantilah sendiri dengan kata sandi Anda sekarang.",
  },
  cannotDisableSelf: {
    en: "You cannot disable your own account.",
    id: "Anda tidak dapat menonaktifkan akun Anda sendiri.",
  },
  ownItem: {
    en: "You cannot decide on an item you submitted yourself.",
    id: "Anda tidak dapat memutuskan berkas yang Anda ajukan sendiri.",
  },
  notPendingAtYourLevel: {
    en: "This item is not waiting for a decision at your level (it may have been decided already).",
    id: "Berkas ini tidak sedang menunggu keputusan di tingkat Anda (mungkin sudah diputuskan).",
  },
  ...DECISION_TEXT,
  notEditable: {
    en: "This item cannot be changed in its current state.",
    id: "Berkas ini tidak dapat diubah dalam keadaannya sekarang.",
  },
  betweenSteps: {
    en: "This item is moving to its next step right now. Nothing was changed; please try again in a moment.",
    id: "Berkas ini sedang berpindah ke langkah berikutnya. Belum ada yang berubah; silakan coba lagi sebentar lagi.",
  },
  busy: {
    en: "The service is busy. Nothing was saved; please try again in a moment.",
    id: "Layanan sedang sibuk. Belum ada yang tersimpan; silakan coba lagi sebentar lagi.",
  },
  internal: {
    en: "Something went wrong on our side. Your data was not changed; please try again.",
    id: "Terjadi kesalahan di sisi kami. Data Anda tidak berubah; silakan coba lagi.",
  },
} as const satisfies Record<string, Text>;

export type TextKey = keyof typeof TEXT;

export function isTextKey(value: string): value is TextKey {
  return Object.hasOwn(TEXT, value);
}

/** What audit verification can find wrong, by problem code. */
export const AUDIT_PROBLEMS = {
  event_changed: {
    en: "An event's content, sequence or link to the event before it does not match its hash.",
    id: "Isi, urutan, atau tautan suatu peristiwa ke peristiwa sebelumnya tidak cocok dengan hash-nya.",
  },
  event_missing: {
    en: "The ledger records an event that is no longer in the trail.",
    id: "Buku besar mencatat peristiwa yang sudah tidak ada di jejak audit.",
  },
  item_missing: {
    en: "The ledger records an item whose record is no longer in the table.",
    id: "Buku besar mencatat berkas yang catatannya sudah tidak ada di tabel.",
  },
  not_in_ledger: {
    en: "An event or item is not recorded in the ledger.",
    id: "Suatu peristiwa atau berkas tidak tercatat di buku besar.",
  },
  ledger_mismatch: {
    en: "The ledger's hash for an event differs from the event's hash.",
    id: "Hash buku besar untuk suatu peristiwa berbeda dari hash peristiwa itu.",
  },
  head_mismatch: {
    en: "The item's record names a different last event than its trail.",
    id: "Catatan berkas menyebut peristiwa terakhir yang berbeda dari jejak auditnya.",
  },
  digest_mismatch: {
    en: "The ledger's digest differs from the digest kept for that day: ledger entries were changed or removed.",
    id: "Digest buku besar berbeda dari digest yang disimpan untuk hari itu: entri buku besar telah diubah atau dihapus.",
  },
} as const satisfies Record<string, Text>;
