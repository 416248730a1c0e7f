import type { Text } from "./bilingual.ts";
import type { ItemKind, Level } from "./chain.ts";
import type { Urgency } from "./deadline.ts";
import type { EventType } from "./event-types.ts";
import type { DecisionCode, Status } from "./item.ts";
import type { Sex } from "./nik.ts";
import type { RegionLevel } from "./region-code.ts";
import type { Role } from "./user.ts";

/**
 * What a person reads where the data holds a code: one label per code, in Bahasa Indonesia (`id`, first) and English
 * (`en`), for pages, emails and exports alike. Each table is a `Record` over its code list, so a code added to the
 * domain without a label fails to compile instead of showing `in_review` to an officer. Labels are capitalised to
 * stand alone (a badge, a table cell, a select option).
 */

/** An item's status (`STATUSES`). */
export const STATUS_LABELS: Readonly<Record<Status, Text>> = {
  in_review: { id: "Sedang diperiksa", en: "In review" },
  returned: { id: "Dikembalikan", en: "Returned" },
  approved: { id: "Disetujui", en: "Approved" },
  rejected: { id: "Ditolak", en: "Rejected" },
  withdrawn: { id: "Ditarik", en: "Withdrawn" },
};

/** A level of the region tree (region-code's `LEVELS`); English keeps the Indonesian names, as officials say them. */
export const REGION_LEVEL_LABELS: Readonly<Record<RegionLevel, Text>> = {
  provinsi: { id: "Provinsi", en: "Province" },
  kabupaten: { id: "Kabupaten/kota", en: "Kabupaten/kota" },
  kecamatan: { id: "Kecamatan", en: "Kecamatan" },
  desa: { id: "Desa/kelurahan", en: "Desa/kelurahan" },
};

/** An approval level (`LEVELS`): the office of the region level it sits at, so the same words. */
export const LEVEL_LABELS: Readonly<Record<Level, Text>> = {
  kecamatan: REGION_LEVEL_LABELS.kecamatan,
  kabupaten: REGION_LEVEL_LABELS.kabupaten,
  provinsi: REGION_LEVEL_LABELS.provinsi,
};

/** A user's role (`ROLES`): the officials by the office they sit in, as they call it themselves. */
export const ROLE_LABELS: Readonly<Record<Role, Text>> = {
  tksk: { id: "TKSK", en: "TKSK" },
  kecamatan: { id: "Petugas kecamatan", en: "Kecamatan officer" },
  kabupaten: { id: "Dinsos kabupaten/kota", en: "Kabupaten/kota social services (Dinsos)" },
  provinsi: { id: "Dinsos provinsi", en: "Provincial social services (Dinsos)" },
  auditor: { id: "Auditor", en: "Auditor" },
  admin: { id: "Admin", en: "Admin" },
};

/** How soon a referral needs an answer (`URGENCIES`). */
export const URGENCY_LABELS: Readonly<Record<Urgency, Text>> = {
  normal: { id: "Biasa", en: "Normal" },
  urgent: { id: "Mendesak", en: "Urgent" },
  emergency: { id: "Darurat", en: "Emergency" },
};

/** A decision as the record shows it once made (`DECISIONS`). */
export const DECISION_LABELS: Readonly<Record<DecisionCode, Text>> = {
  approve: { id: "Disetujui", en: "Approved" },
  reject: { id: "Ditolak", en: "Rejected" },
  return: { id: "Dikembalikan untuk diperbaiki", en: "Returned for revision" },
};

/** A decision as the official takes it: the words on its button (`DECISIONS`). */
export const DECISION_ACTIONS: Readonly<Record<DecisionCode, Text>> = {
  approve: { id: "Setujui", en: "Approve" },
  reject: { id: "Tolak", en: "Reject" },
  return: { id: "Kembalikan", en: "Return for revision" },
};

/** The kind of an item (`ITEM_KINDS`). */
export const KIND_LABELS: Readonly<Record<ItemKind, Text>> = {
  referral: { id: "Rujukan", en: "Referral" },
  report: { id: "Laporan", en: "Report" },
};

/** The referred person's sex (`SEXES`), as the KTP spells it out. */
export const SEX_LABELS: Readonly<Record<Sex, Text>> = {
  L: { id: "Laki-laki", en: "Male" },
  P: { id: "Perempuan", en: "Female" },
};

/**
 * What happened, as an audit trail's event reads (`EVENT_TYPES`): the item's own events, then the auditors' actions.
 * Pages, exports and emails that name an event say it with these.
 */
export const EVENT_LABELS: Readonly<Record<EventType, Text>> = {
  submitted: { id: "Diajukan", en: "Submitted" },
  level_opened: { id: "Masuk ke tingkat berikutnya", en: "Reached the next level" },
  decided: { id: "Diputuskan", en: "Decided" },
  returned: { id: "Dikembalikan ke pengaju", en: "Returned to the submitter" },
  resubmitted: { id: "Diajukan ulang", en: "Resubmitted" },
  edited: { id: "Diubah", en: "Edited" },
  reminded: { id: "Pengingat dikirim", en: "Reminder sent" },
  escalated: { id: "Dinaikkan karena lewat tenggat", en: "Escalated past its deadline" },
  approved: { id: "Disetujui", en: "Approved" },
  rejected: { id: "Ditolak", en: "Rejected" },
  withdrawn: { id: "Ditarik", en: "Withdrawn" },
  notified: { id: "Pemberitahuan dikirim", en: "Notification sent" },
  pii_viewed: { id: "NIK lengkap dilihat", en: "Full NIK viewed" },
  exported: { id: "Data diekspor", en: "Data exported" },
};
