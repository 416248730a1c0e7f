import * as z from "zod";
import { chainFor } from "./chain.ts";
import { ItemBase, newItemBase } from "./item.ts";
import { FIRST_PERIOD, PERIOD_PATTERN, latestPeriod } from "./period.ts";
import { CategoryCode } from "./referral.ts";
import type { Actor } from "./user.ts";
import { text } from "./validation.ts";

export { FIRST_PERIOD };

/** A month from FIRST_PERIOD to this one (period.ts: the rule without zod, for the browser's form). */
export const Period = z
  .string()
  .regex(PERIOD_PATTERN, { error: "periodFormat" })
  .refine((p) => p >= FIRST_PERIOD, { error: "periodTooEarly" })
  .refine((p) => p <= latestPeriod(new Date()), { error: "periodInFuture" });

/** What a TKSK sends for a periodic report: activities and how many people of each PPKS category were served. */
export const ReportInput = z.strictObject({
  period: Period,
  activities: text(4000, { multiline: true }),
  counts: z.preprocess(
    (value, ctx) => {
      // zod's record skips a `__proto__` key without a word (JSON.parse makes it an ordinary own key): name it here,
      // as the record names every other key that is not a category code.
      if (value && typeof value === "object" && Object.hasOwn(value, "__proto__")) {
        ctx.addIssue({ code: "custom", path: ["__proto__"], message: "unknownCategory", input: value });
      }
      return value;
    },
    z.record(
      CategoryCode,
      z.int({ error: "notNegativeInteger" }).min(0, { error: "notNegativeInteger" }).max(1_000_000),
    ),
  ),
  notes: text(2000, { multiline: true }).optional(),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const Report = ItemBase.extend({
  period: z.string(),
  activities: z.string(),
  counts: z.record(z.string(), z.number()),
  notes: z.string().optional(),
});
export type Report = z.infer<typeof Report>;

export function newReport(input: ReportInput, actor: Actor, id: string, now: Date): Report {
  return {
    ...newItemBase("report", id, chainFor("report"), actor, now),
    period: input.period,
    activities: input.activities,
    counts: input.counts,
    ...(input.notes === undefined ? {} : { notes: input.notes }),
  };
}
