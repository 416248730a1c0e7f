import * as z from "zod";
import type { Lang, Text } from "./bilingual.ts";
import type { ItemKind, Level } from "./chain.ts";
import { KIND_LABELS, LEVEL_LABELS } from "./labels.ts";
import { formatDateTime } from "./local-time.ts";
import { NIK_IN_TEXT } from "./nik.ts";
import { itemPath } from "./pages.ts";

/**
 * In-app notifications and their emails: the types, and every sentence they say, in Bahasa Indonesia (first) and
 * English. Pure: no I/O. The NIK is never an input here, and any 16-digit run in free text is masked, so a
 * notification or an email cannot carry a NIK even when an official types one into a comment.
 */
export const NOTIFICATION_TYPES = [
  /** An item reached the recipient's level and waits for their decision. */
  "level_opened",
  /** The deadline at the recipient's level passed. */
  "reminder",
  /** To the level above: the level below is overdue. */
  "escalation",
  /** To the submitter: the item came back for revision. */
  "returned",
  /** To the submitter: the final level approved. */
  "approved",
  /** To the submitter: a level rejected it. */
  "rejected",
  /** To officials who had it open: the submitter withdrew it. */
  "withdrawn",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** What a notification may say about an item. There is deliberately no field for the NIK. */
export interface NotificationFacts {
  kind: ItemKind;
  /** The item's readable number, e.g. `RJK-250304-7QX2MA`. */
  number: string;
  level?: Level | undefined;
  /** The kecamatan the item was filed in: its province decides the time zone a deadline is shown in. */
  regionCode: string;
  /** The referred person's name: shown in the app only, never emailed. */
  subjectName?: string | undefined;
  /** A decision's comment: shown in the app only, never emailed. */
  comment?: string | undefined;
  /** ISO 8601, shown in the item's local time (`regionCode`). */
  dueAt?: string | undefined;
}

/** An in-app notification as the API returns it. `text` is Bahasa Indonesia, `textEn` English. */
export const Notification = z.object({
  id: z.string(),
  type: z.enum(NOTIFICATION_TYPES),
  referralId: z.string().optional(),
  reportId: z.string().optional(),
  text: z.string(),
  textEn: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof Notification>;

export interface EmailContent {
  subject: string;
  text: string;
}

/** `tingkat kecamatan` / `the kecamatan level`: a level's label inside a sentence, where it is a common noun. */
function levelPhrase(level: Level): Text {
  const label = LEVEL_LABELS[level];
  return { id: `tingkat ${label.id.toLowerCase()}`, en: `the ${label.en.toLowerCase()} level` };
}

const EMAIL = {
  greeting: { id: "Yth. Bapak/Ibu,", en: "Dear Sir or Madam," },
  open: { id: "Buka di Rujuk:", en: "Open in Rujuk:" },
  footer: {
    id: "Email ini dikirim otomatis oleh Rujuk. Rincian kasus dan keputusan hanya tersedia setelah Anda masuk ke aplikasi. Mohon tidak membalas email ini.",
    en: "This email was sent automatically by Rujuk. Case details and decisions are only available after you sign in to the app. Please do not reply to this email.",
  },
  english: "English",
  separator: "-".repeat(60),
} as const;

/** Masks anything shaped like a NIK (16 digits, optionally grouped) and flattens line breaks. */
function safe(value: string): string {
  return value
    .replace(NIK_IN_TEXT, "****************")
    .replace(/[\r\n\t]+/g, " ")
    .trim();
}

/** A deadline as the item's region reads it (`1 Des 2026, 14.05 WITA`), in the recipient's language. */
function formatDue(dueAt: string, regionCode: string, lang: Lang): string {
  return safe(formatDateTime(dueAt, regionCode, lang));
}

interface Parts {
  /** `Rujukan RJK-…` / `Referral RJK-…` */
  item: Text;
  level: Text | undefined;
  due: Text | undefined;
}

function partsOf(facts: NotificationFacts): Parts {
  const kind = KIND_LABELS[facts.kind];
  const number = safe(facts.number);
  const { dueAt, regionCode } = facts;
  return {
    item: { id: `${kind.id} ${number}`, en: `${kind.en} ${number}` },
    level: facts.level ? levelPhrase(facts.level) : undefined,
    due: dueAt ? { id: formatDue(dueAt, regionCode, "id"), en: formatDue(dueAt, regionCode, "en") } : undefined,
  };
}

/** `" di tingkat X"` / `" at the X level"`, or nothing without a level. */
function atLevel(level: Text | undefined): Text {
  return level ? { id: ` di ${level.id}`, en: ` at ${level.en}` } : { id: "", en: "" };
}

/** The core sentence of each type, without personal data: shared by the app text and the email. */
function headline(type: NotificationType, p: Parts): Text {
  const at = atLevel(p.level);
  const due = p.due;
  switch (type) {
    case "level_opened":
      return {
        id: `${p.item.id} menunggu keputusan Anda${at.id}.${due ? ` Batas waktu: ${due.id}.` : ""}`,
        en: `${p.item.en} is waiting for your decision${at.en}.${due ? ` Deadline: ${due.en}.` : ""}`,
      };
    case "reminder":
      return {
        id: `Pengingat: ${p.item.id}${at.id} telah melewati batas waktu${due ? ` (${due.id})` : ""}. Mohon segera diputuskan.`,
        en: `Reminder: ${p.item.en}${at.en} is past its deadline${due ? ` (${due.en})` : ""}. Please decide it soon.`,
      };
    case "escalation":
      return {
        id: `Eskalasi: ${p.item.id} tertunda${at.id} melewati batas waktu${due ? ` (${due.id})` : ""}. Mohon ditindaklanjuti.`,
        en: `Escalation: ${p.item.en} is overdue${at.en}${due ? ` (deadline ${due.en})` : ""}. Please follow it up.`,
      };
    case "returned":
      return {
        id: `${p.item.id} dikembalikan kepada Anda${p.level ? ` oleh ${p.level.id}` : ""} untuk diperbaiki.`,
        en: `${p.item.en} was returned to you${p.level ? ` by ${p.level.en}` : ""} for revision.`,
      };
    case "approved":
      return {
        id: `${p.item.id} telah disetujui${at.id}.`,
        en: `${p.item.en} was approved${at.en}.`,
      };
    case "rejected":
      return {
        id: `${p.item.id} ditolak${at.id}.`,
        en: `${p.item.en} was rejected${at.en}.`,
      };
    case "withdrawn":
      return {
        id: `${p.item.id} telah ditarik oleh pengaju dan tidak perlu diputuskan lagi.`,
        en: `${p.item.en} was withdrawn by its submitter and no longer needs a decision.`,
      };
  }
}

const SUBJECT: Record<NotificationType, (item: string) => string> = {
  level_opened: (item) => `${item} menunggu keputusan Anda`,
  reminder: (item) => `Pengingat: ${item} melewati batas waktu`,
  escalation: (item) => `Eskalasi: ${item} tertunda`,
  returned: (item) => `${item} dikembalikan untuk diperbaiki`,
  approved: (item) => `${item} disetujui`,
  rejected: (item) => `${item} ditolak`,
  withdrawn: (item) => `${item} ditarik oleh pengaju`,
};

/**
 * The in-app text of a notification, in both languages. It may name the referred person and quote a decision's
 * comment (the app shows it only to signed-in users allowed to read the item); NIK-like digits are masked.
 */
export function notificationText(type: NotificationType, facts: NotificationFacts): Text {
  const main = headline(type, partsOf(facts));
  const name = facts.subjectName ? safe(facts.subjectName) : "";
  const comment = facts.comment ? safe(facts.comment) : "";
  const id = [main.id, name && `Atas nama: ${name}.`, comment && `Catatan: "${comment}"`].filter(Boolean);
  const en = [main.en, name && `Person: ${name}.`, comment && `Comment: "${comment}"`].filter(Boolean);
  return { id: id.join(" "), en: en.join(" ") };
}

/**
 * The link an email carries: the item's page in the app (`/rujukan/<id>`, `/laporan/<id>`), which asks the reader to
 * sign in and then opens the item. Never an API URL, so an email can never carry a link that performs a decision.
 */
export function itemLink(baseUrl: string, kind: ItemKind, itemId: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${itemPath(kind, itemId)}`;
}

/** True for a link an email may carry: http(s), and not into the API (where decisions are made). */
export function isSafeEmailLink(link: string): boolean {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return false;
  const target = `${url.pathname}${url.search}${url.hash}`.toLowerCase();
  return !/(^|\/)api(\/|$)|decision|[?&](action|token)=/.test(target);
}

/**
 * An email for a notification: an Indonesian subject, a body in Bahasa Indonesia then English below a separator, and
 * a link to the item in the app. Emails leave our systems, so they carry less than the app: no person's name, no
 * comment, no NIK, only the item's number, level and deadline. Throws on a link that is not a plain app link.
 */
export function emailFor(type: NotificationType, facts: NotificationFacts, link: string): EmailContent {
  if (!isSafeEmailLink(link)) throw new Error(`Refusing to email a link that is not a plain app link: ${link}`);
  const parts = partsOf(facts);
  const main = headline(type, parts);
  const text = [
    EMAIL.greeting.id,
    "",
    main.id,
    "",
    `${EMAIL.open.id} ${link}`,
    "",
    EMAIL.footer.id,
    "",
    EMAIL.separator,
    EMAIL.english,
    "",
    EMAIL.greeting.en,
    "",
    main.en,
    "",
    `${EMAIL.open.en} ${link}`,
    "",
    EMAIL.footer.en,
    "",
  ].join("\n");
  return { subject: `[Rujuk] ${SUBJECT[type](parts.item.id)}`, text };
}
