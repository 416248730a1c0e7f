import type { Text } from "@rujuk/core/bilingual";
import type { Level } from "@rujuk/core/chain";
import { LEVEL_LABELS } from "@rujuk/core/labels";
import { FIRST_PERIOD, PERIOD_PATTERN, formatPeriod, lastMonth, latestPeriod } from "@rujuk/core/period";
import { type Category, categoryText } from "./categories.ts";
import { Field, type FieldErrors, bind } from "./form.tsx";
import { currentLang, say, tr } from "./lang.ts";
import type { ReportBody } from "./outbox.ts";

/**
 * The monthly report's fields as a TKSK fills them, shared by the new report's form and the edit form of a returned
 * report: the values as typed (counts as the text of their inputs, so a cleared input stays empty rather than 0),
 * what the API takes of them, and the fields themselves.
 */
export interface ReportValues {
  period: string;
  activities: string;
  notes: string;
  /** By category code, as typed; an empty or missing entry is a category with no one to count. */
  counts: Record<string, string>;
  /** The Idempotency-Key of the report once it has been sent (a retry after a crash creates nothing new). */
  key?: string;
}

/** The new report form's query parameter naming a refused report to correct (its outbox key), from the list. */
export const CORRECT_PARAM = "perbaiki";

/** A new report's values: the month before this one where the TKSK works, nothing else filled. */
export function emptyReport(regionCode: string): ReportValues {
  return { period: lastMonth(new Date(), regionCode), activities: "", notes: "", counts: {} };
}

const isText = (value: unknown): value is string => typeof value === "string";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A stored draft, if it still has the shape of this form's values (an older release's draft is dropped). */
export function restoreReport(stored: unknown): ReportValues | undefined {
  if (!isRecord(stored)) return undefined;
  const { period, activities, notes, counts, key } = stored;
  if (!isText(period) || !isText(activities) || !isText(notes) || !isRecord(counts)) return undefined;
  if (key !== undefined && !isText(key)) return undefined;
  const typed: Record<string, string> = {};
  for (const [code, value] of Object.entries(counts)) if (isText(value)) typed[code] = value;
  return { period, activities, notes, counts: typed, ...(key ? { key } : {}) };
}

/** What the API takes: the counts typed (as numbers, the empty ones left out), notes only if written. */
export function reportBody(values: ReportValues): ReportBody {
  const counts: Record<string, number> = {};
  for (const [code, value] of Object.entries(values.counts)) if (value.trim() !== "") counts[code] = Number(value);
  return {
    period: values.period,
    activities: values.activities,
    counts,
    ...(values.notes.trim() ? { notes: values.notes } : {}),
  };
}

/**
 * A report (or a body queued for one) back as the form's values, to correct it. A queued body's counts are typed
 * as the API takes them (anything, checked there), so only numbers are taken back.
 */
export function reportValues(report: {
  period: string;
  activities: string;
  notes?: string | undefined;
  counts: unknown;
}): ReportValues {
  const counts: Record<string, string> = {};
  if (isRecord(report.counts))
    for (const [code, n] of Object.entries(report.counts)) if (typeof n === "number") counts[code] = String(n);
  return { period: report.period, activities: report.activities, notes: report.notes ?? "", counts };
}

/** The error paths the form shows under a field: the API's (`counts.LUT`), all others go to the form's notice. */
export function reportPaths(categories: readonly Category[]): string[] {
  return ["period", "activities", "notes", "counts", ...categories.map((c) => `counts.${c.code}`)];
}

const WRITE_ACTIVITIES = say("Tuliskan kegiatan bulan ini.", "Describe this month's activities.");
const PICK_PERIOD = say("Pilih bulan laporan.", "Choose the report's month.");

/**
 * What can be told before sending, so a report made offline is not queued only to be refused later: a month and
 * some activities. The API checks everything (the month's range, the counts) and its answer is shown field by field.
 */
export function missingFields(values: ReportValues): FieldErrors {
  const errors: Record<string, Text[]> = {};
  if (!PERIOD_PATTERN.test(values.period)) errors.period = [PICK_PERIOD];
  if (!values.activities.trim()) errors.activities = [WRITE_ACTIVITIES];
  return errors;
}

/** A period in words in the page's language: `Oktober 2026`. */
export function periodName(period: string): string {
  return formatPeriod(period, currentLang());
}

/** A period in words in both languages, for a place that takes a `Text`. */
function periodText(period: string): Text {
  return { id: formatPeriod(period, "id"), en: formatPeriod(period, "en") };
}

/** The levels a report passes, in words: `Kabupaten/kota`, or `Kecamatan → Kabupaten/kota`. */
export function chainWords(chain: readonly Level[]): Text {
  const words = (lang: keyof Text) => chain.map((level) => LEVEL_LABELS[level][lang]).join(" → ");
  return { id: words("id"), en: words("en") };
}

const total = (values: ReportValues) =>
  Object.values(values.counts).reduce((sum, v) => sum + (/^\d+$/.test(v.trim()) ? Number(v) : 0), 0);

const onText = (apply: (value: string) => void) => (e: Event) => {
  if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) apply(e.target.value);
};

/**
 * The report's fields: the month (a month picker, up to this month), the number of people served per PPKS category,
 * the activities and notes. `id` prefixes every control's id, so two forms on one page would not clash.
 */
export function ReportFields(props: {
  id: string;
  values: ReportValues;
  onChange: (next: ReportValues) => void;
  errors: FieldErrors;
  categories: readonly Category[];
  disabled?: boolean;
}) {
  const { id, values, errors } = props;
  const change = (patch: Partial<ReportValues>) => props.onChange({ ...props.values, ...patch });
  const countOf = (code: string) => values.counts[code] ?? "";
  return (
    <>
      <Field
        id={`${id}-period`}
        path="period"
        label={say("Bulan laporan", "Report month")}
        hint={PERIOD_PATTERN.test(values.period) ? periodText(values.period) : undefined}
        errors={errors}
      >
        <input
          {...bind(`${id}-period`, "period", errors)}
          type="month"
          min={FIRST_PERIOD}
          max={latestPeriod(new Date())}
          placeholder="YYYY-MM"
          value={values.period}
          disabled={props.disabled}
          onInput={onText((period) => change({ period }))}
        />
      </Field>
      <fieldset class="counts" aria-describedby={`${id}-counts-err`}>
        <legend>{tr(say("Jumlah orang dilayani per kategori PPKS", "People served per PPKS category"))}</legend>
        <p class="hint muted">
          {tr(say("Kosongkan kategori yang tidak ada bulan ini.", "Leave a category empty if there was no one."))}{" "}
          <span id={`${id}-total`}>
            {tr(say("Jumlah:", "Total:"))} <strong>{total(values)}</strong>
          </span>
        </p>
        {props.categories.length === 0 ? (
          <p class="muted">{tr(say("Memuat kategori…", "Loading categories…"))}</p>
        ) : (
          <div class="count-grid">
            {props.categories.map((category) => (
              <Field
                id={`${id}-count-${category.code}`}
                path={`counts.${category.code}`}
                label={categoryText(category)}
                errors={errors}
              >
                <input
                  {...bind(`${id}-count-${category.code}`, `counts.${category.code}`, errors)}
                  type="number"
                  inputmode="numeric"
                  min={0}
                  step={1}
                  value={countOf(category.code)}
                  disabled={props.disabled}
                  onInput={onText((n) => change({ counts: { ...values.counts, [category.code]: n } }))}
                />
              </Field>
            ))}
          </div>
        )}
        <p class="err" id={`${id}-counts-err`}>
          {(errors.counts ?? []).map((e) => tr(e)).join(" ")}
        </p>
      </fieldset>
      <Field
        id={`${id}-activities`}
        path="activities"
        label={say("Kegiatan", "Activities")}
        hint={say(
          "Apa yang Anda kerjakan bulan ini: kunjungan, pendataan, pendampingan.",
          "What you did this month: visits, data collection, accompaniment.",
        )}
        errors={errors}
      >
        <textarea
          {...bind(`${id}-activities`, "activities", errors)}
          maxlength={4000}
          rows={5}
          value={values.activities}
          disabled={props.disabled}
          onInput={onText((activities) => change({ activities }))}
        />
      </Field>
      <Field id={`${id}-notes`} path="notes" label={say("Catatan (tidak wajib)", "Notes (optional)")} errors={errors}>
        <textarea
          {...bind(`${id}-notes`, "notes", errors)}
          maxlength={2000}
          rows={3}
          value={values.notes}
          disabled={props.disabled}
          onInput={onText((notes) => change({ notes }))}
        />
      </Field>
    </>
  );
}
