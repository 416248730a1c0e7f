import * as z from "zod";
import { CATEGORY_LIST_VERSION, isCategoryCode } from "./category.ts";
import { chainFor } from "./chain.ts";
import { URGENCIES } from "./deadline.ts";
import { type FieldError, Invalid, fieldError } from "./errors.ts";
import { ItemBase, newItemBase } from "./item.ts";
import { NIK_MISMATCH, SEXES, birthDateProblem, checkNik, maskNik, nikDisagreements } from "./nik.ts";
import { inRegion } from "./policy.ts";
import { findRegion, levelOf } from "./region.ts";
import { TEXT } from "./text.ts";
import type { Actor } from "./user.ts";
import { text } from "./validation.ts";

const NIK_ERRORS = { length: "nikLength", digits: "nikDigits", date: "nikDate" } as const;

export const Nik = z.string().superRefine((nik, ctx) => {
  const check = checkNik(nik);
  if (!check.ok) ctx.addIssue({ code: "custom", message: NIK_ERRORS[check.reason] });
});

export const PastDate = z.string().superRefine((date, ctx) => {
  const problem = birthDateProblem(date);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const Subject = z
  .strictObject({
    nik: Nik,
    name: text(120),
    birthDate: PastDate,
    sex: z.enum(SEXES),
    address: text(300),
    desaCode: z
      .string()
      .min(1, { abort: true })
      .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, { error: "unknownRegion" }),
  })
  .superRefine((subject, ctx) => {
    for (const field of nikDisagreements(subject))
      ctx.addIssue({ code: "custom", path: [field], message: NIK_MISMATCH[field] });
  });
export type Subject = z.infer<typeof Subject>;

export const CategoryCode = z.string().refine(isCategoryCode, { error: "unknownCategory" });

/** What a TKSK sends to file a referral. */
export const ReferralInput = z.strictObject({
  subject: Subject,
  category: CategoryCode,
  urgency: z.enum(URGENCIES).default("normal"),
  service: text(500, { multiline: true }),
  summary: text(4000, { multiline: true }),
  consent: z.literal(true, { error: "consentRequired" }),
});
export type ReferralInput = z.infer<typeof ReferralInput>;

export const Referral = ItemBase.extend({
  subject: Subject,
  category: z.string(),
  categoryListVersion: z.string(),
  urgency: z.enum(URGENCIES),
  service: z.string(),
  summary: z.string(),
  consent: z.literal(true),
});
export type Referral = z.infer<typeof Referral>;

/**
 * The referral as the actor sees it. A list hides the NIK's birth-date digits: it is for finding a case; the full
 * NIK is in the referral itself, which every read of is scoped the same way. Auditors see only the last four digits
 * anywhere: revealing a NIK to them takes a stated reason and is itself audited.
 */
export function viewFor(actor: Actor, referral: Referral, list: boolean): Referral {
  const nik = referral.subject.nik;
  const shown = actor.role === "auditor" ? maskNik(nik) : list ? `${nik.slice(0, 6)}******${nik.slice(12)}` : nik;
  return shown === nik ? referral : { ...referral, subject: { ...referral.subject, nik: shown } };
}

/** Checks that need the region directory: the desa must exist and lie in the submitting TKSK's kecamatan. */
export async function checkReferralPlace(input: ReferralInput, actor: Actor): Promise<void> {
  const errors: FieldError[] = [];
  const desa = input.subject.desaCode;
  if (!(await findRegion(desa)) || levelOf(desa) !== "desa") {
    errors.push(fieldError("subject.desaCode", TEXT.unknownRegion));
  } else if (inRegion(actor, "file", desa) !== "allow") {
    errors.push(fieldError("subject.desaCode", TEXT.desaOutsideKecamatan));
  }
  if (errors.length) throw new Invalid(errors);
}

export function newReferral(input: ReferralInput, actor: Actor, id: string, now: Date): Referral {
  return {
    ...newItemBase("referral", id, chainFor("referral"), actor, now),
    subject: input.subject,
    category: input.category,
    categoryListVersion: CATEGORY_LIST_VERSION,
    urgency: input.urgency,
    service: input.service,
    summary: input.summary,
    consent: true,
  };
}
