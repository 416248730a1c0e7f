import type { Text } from "@rujuk/core/bilingual";
import { type Urgency, URGENCIES } from "@rujuk/core/deadline";
import { FORM_TEXT } from "@rujuk/core/form-text";
import { REGION_LEVEL_LABELS, SEX_LABELS, URGENCY_LABELS } from "@rujuk/core/labels";
import { NIK_MISMATCH, SEXES, isSex, nikDisagreements } from "@rujuk/core/nik";
import { useEffect, useState } from "hono/jsx/dom";
import { categoryText, useCategories } from "./categories.ts";
import { Field, type FieldErrors, bind } from "./form.tsx";
import { say, tr } from "./lang.ts";
import type { ReferralBody } from "./outbox.ts";
import { childRegions } from "./regions.ts";

/**
 * A referral's fields as the TKSK types them, for the new-referral form and for correcting a returned referral:
 * the values as a draft keeps them, the body the API takes, and the controls, each bound to the API path its
 * errors come back under.
 */
export interface ReferralValues {
  nik: string;
  name: string;
  birthDate: string;
  sex: string;
  address: string;
  desaCode: string;
  category: string;
  urgency: Urgency;
  service: string;
  summary: string;
  consent: boolean;
}

export const EMPTY_REFERRAL: ReferralValues = {
  nik: "",
  name: "",
  birthDate: "",
  sex: "",
  address: "",
  desaCode: "",
  category: "",
  urgency: "normal",
  service: "",
  summary: "",
  consent: false,
};

/** Every path the form has a control for: an API error on any other path is shown above the form. */
export const REFERRAL_PATHS = [
  "subject.nik",
  "subject.name",
  "subject.birthDate",
  "subject.sex",
  "subject.address",
  "subject.desaCode",
  "category",
  "urgency",
  "service",
  "summary",
  "consent",
] as const;

const TEXT_FIELDS = [
  "nik",
  "name",
  "birthDate",
  "sex",
  "address",
  "desaCode",
  "category",
  "service",
  "summary",
] as const;

const isUrgency = (value: unknown): value is Urgency => URGENCIES.some((u) => u === value);

/** A stored draft's values, if they still have this form's shape (a draft of an older release is dropped). */
export function restoreValues(stored: unknown): ReferralValues | undefined {
  if (typeof stored !== "object" || stored === null) return undefined;
  const fields: Record<string, unknown> = Object.fromEntries(Object.entries(stored));
  const read = (key: string): unknown => fields[key];
  const values = { ...EMPTY_REFERRAL };
  for (const field of TEXT_FIELDS) {
    const value = read(field);
    if (typeof value !== "string") return undefined;
    values[field] = value;
  }
  const urgency = read("urgency");
  const consent = read("consent");
  if (!isUrgency(urgency) || typeof consent !== "boolean") return undefined;
  return { ...values, urgency, consent };
}

/** A referral's fields (an item, or a body waiting in the outbox) as the form's values. */
export function referralValues(item: {
  subject: { nik: string; name: string; birthDate: string; sex: string; address: string; desaCode: string };
  category: string;
  urgency?: Urgency;
  service: string;
  summary: string;
  consent: boolean;
}): ReferralValues {
  const { subject, category, urgency, service, summary, consent } = item;
  return picked({ ...subject, category, urgency: urgency ?? "normal", service, summary, consent });
}

/** Exactly the API's fields, whatever else the values object carries. */
function picked(v: ReferralValues): ReferralValues {
  return {
    nik: v.nik,
    name: v.name,
    birthDate: v.birthDate,
    sex: v.sex,
    address: v.address,
    desaCode: v.desaCode,
    category: v.category,
    urgency: v.urgency,
    service: v.service,
    summary: v.summary,
    consent: v.consent,
  };
}

/**
 * The body the API takes, or what must be filled first: a sex and the consent, which the body cannot even be
 * written without. Every other rule is the API's, and its answer comes back under the fields.
 */
export function referralBody(values: ReferralValues): { body: ReferralBody } | { errors: FieldErrors } {
  const v = picked(values);
  const errors: Record<string, Text[]> = {};
  if (!isSex(v.sex)) errors["subject.sex"] = [FORM_TEXT.required];
  if (!v.consent) errors.consent = [FORM_TEXT.consentRequired];
  if (!isSex(v.sex) || !v.consent) return { errors };
  return {
    body: {
      subject: {
        // Officers copy a NIK from a KTP in groups of digits; the API takes the digits alone.
        nik: v.nik.replace(/\s+/g, ""),
        name: v.name,
        birthDate: v.birthDate,
        sex: v.sex,
        address: v.address,
        desaCode: v.desaCode,
      },
      category: v.category,
      urgency: v.urgency,
      service: v.service,
      summary: v.summary,
      consent: true,
    },
  };
}

const MISMATCHES: readonly Text[] = Object.values(NIK_MISMATCH).map((key) => FORM_TEXT[key]);

/**
 * The errors to show: the API's last answer, with core's NIK rule (the same one the API applies) checked again as
 * the officer types, so a mismatch shows at once and goes once the fields agree.
 */
export function shownErrors(server: FieldErrors, values: ReferralValues): FieldErrors {
  const shown: Record<string, Text[]> = {};
  for (const [path, texts] of Object.entries(server)) {
    const kept = texts.filter((t) => !MISMATCHES.some((m) => m.id === t.id));
    if (kept.length) shown[path] = kept;
  }
  const subject = { nik: values.nik.replace(/\s+/g, ""), birthDate: values.birthDate, sex: values.sex };
  for (const field of nikDisagreements(subject))
    (shown[`subject.${field}`] ??= []).push(FORM_TEXT[NIK_MISMATCH[field]]);
  return shown;
}

/** The server's errors without those of `path`, once the officer has changed that field. */
export function withoutPath(errors: FieldErrors, path: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([p]) => p !== path));
}

type Region = Awaited<ReturnType<typeof childRegions>>[number];

/** The desa/kelurahan of a kecamatan, by name. */
function useDesas(kecamatan: string): Region[] {
  const [list, setList] = useState<Region[]>([]);
  useEffect(() => {
    void childRegions(kecamatan).then((desas) => setList([...desas].sort((a, b) => a.name.localeCompare(b.name))));
  }, [kecamatan]);
  return list;
}

const valueOf = (e: Event): string =>
  e.target instanceof HTMLInputElement ||
  e.target instanceof HTMLTextAreaElement ||
  e.target instanceof HTMLSelectElement
    ? e.target.value
    : "";

/**
 * The controls of a referral, inside the page's form: the person (NIK, name, birth date, sex, address, desa by name
 * within `kecamatan`), the category (by name in the page's language), urgency, service, summary and consent.
 */
export function ReferralFields(props: {
  values: ReferralValues;
  kecamatan: string;
  errors: FieldErrors;
  disabled?: boolean;
  /** The whole values after a change, and the API path of the field changed. */
  onChange: (next: ReferralValues, path: string) => void;
}) {
  const { values: v, disabled } = props;
  const desas = useDesas(props.kecamatan);
  const list = useCategories();
  const errors = shownErrors(props.errors, v);
  const set = (field: keyof ReferralValues, path: string) => (e: Event) =>
    props.onChange({ ...v, [field]: valueOf(e) }, path);
  const sexInvalid = (errors["subject.sex"]?.length ?? 0) > 0;
  return (
    <>
      <fieldset>
        <legend>{tr(say("Orang yang dirujuk", "Person referred"))}</legend>
        <Field
          id="nik"
          path="subject.nik"
          label={say("NIK", "NIK")}
          hint={say("16 digit", "16 digits")}
          errors={errors}
        >
          <input
            {...bind("nik", "subject.nik", errors)}
            inputmode="numeric"
            maxlength={20}
            autocomplete="off"
            value={v.nik}
            disabled={disabled}
            onInput={set("nik", "subject.nik")}
          />
        </Field>
        <Field id="name" path="subject.name" label={say("Nama lengkap", "Full name")} errors={errors}>
          <input
            {...bind("name", "subject.name", errors)}
            maxlength={120}
            autocomplete="off"
            value={v.name}
            disabled={disabled}
            onInput={set("name", "subject.name")}
          />
        </Field>
        <Field id="birth" path="subject.birthDate" label={say("Tanggal lahir", "Date of birth")} errors={errors}>
          <input
            {...bind("birth", "subject.birthDate", errors)}
            type="date"
            min="1900-01-01"
            max={new Date().toISOString().slice(0, 10)}
            value={v.birthDate}
            disabled={disabled}
            onInput={set("birthDate", "subject.birthDate")}
          />
        </Field>
        <fieldset
          id="sex"
          data-path="subject.sex"
          aria-describedby="sex-err"
          aria-invalid={sexInvalid ? "true" : undefined}
        >
          <legend>{tr(say("Jenis kelamin", "Sex"))}</legend>
          <div class="choice">
            {SEXES.map((sex) => (
              <label>
                <input
                  type="radio"
                  name="subject.sex"
                  id={`sex-${sex.toLowerCase()}`}
                  value={sex}
                  checked={v.sex === sex}
                  disabled={disabled}
                  onChange={set("sex", "subject.sex")}
                />{" "}
                {tr(SEX_LABELS[sex])}
              </label>
            ))}
          </div>
          <p class="err" id="sex-err">
            {(errors["subject.sex"] ?? []).map((e) => tr(e)).join(" ")}
          </p>
        </fieldset>
        <Field id="address" path="subject.address" label={say("Alamat", "Address")} errors={errors}>
          <textarea
            {...bind("address", "subject.address", errors)}
            maxlength={300}
            rows={2}
            value={v.address}
            disabled={disabled}
            onInput={set("address", "subject.address")}
          />
        </Field>
        <Field id="desa" path="subject.desaCode" label={REGION_LEVEL_LABELS.desa} errors={errors}>
          <select
            {...bind("desa", "subject.desaCode", errors)}
            value={v.desaCode}
            disabled={disabled}
            onChange={set("desaCode", "subject.desaCode")}
          >
            <option value="">{tr(say("— Pilih desa/kelurahan —", "— Choose the village —"))}</option>
            {desas.map((d) => (
              <option value={d.code}>{d.name}</option>
            ))}
            {v.desaCode && !desas.some((d) => d.code === v.desaCode) ? (
              <option value={v.desaCode}>{v.desaCode}</option>
            ) : null}
          </select>
        </Field>
      </fieldset>
      <Field id="category" path="category" label={say("Kategori PPKS", "PPKS category")} errors={errors}>
        <select
          {...bind("category", "category", errors)}
          value={v.category}
          disabled={disabled}
          onChange={set("category", "category")}
        >
          <option value="">{tr(say("— Pilih kategori —", "— Choose the category —"))}</option>
          {list.map((c) => (
            <option value={c.code}>{tr(categoryText(c))}</option>
          ))}
          {v.category && !list.some((c) => c.code === v.category) ? (
            <option value={v.category}>{v.category}</option>
          ) : null}
        </select>
      </Field>
      <Field id="urgency" path="urgency" label={say("Urgensi", "Urgency")} errors={errors}>
        <select
          {...bind("urgency", "urgency", errors)}
          value={v.urgency}
          disabled={disabled}
          onChange={(e: Event) => {
            const urgency = valueOf(e);
            if (isUrgency(urgency)) props.onChange({ ...v, urgency }, "urgency");
          }}
        >
          {URGENCIES.map((u) => (
            <option value={u}>{tr(URGENCY_LABELS[u])}</option>
          ))}
        </select>
      </Field>
      <Field id="service" path="service" label={say("Layanan yang dibutuhkan", "Service needed")} errors={errors}>
        <textarea
          {...bind("service", "service", errors)}
          maxlength={500}
          rows={2}
          value={v.service}
          disabled={disabled}
          onInput={set("service", "service")}
        />
      </Field>
      <Field id="summary" path="summary" label={say("Ringkasan kasus", "Case summary")} errors={errors}>
        <textarea
          {...bind("summary", "summary", errors)}
          maxlength={4000}
          rows={4}
          value={v.summary}
          disabled={disabled}
          onInput={set("summary", "summary")}
        />
      </Field>
      <label class="check">
        <input
          type="checkbox"
          {...bind("consent", "consent", errors)}
          checked={v.consent}
          disabled={disabled}
          onChange={(e: Event) => {
            if (e.target instanceof HTMLInputElement) props.onChange({ ...v, consent: e.target.checked }, "consent");
          }}
        />
        <span>
          {tr(
            say(
              "Orang yang dirujuk (atau walinya) setuju untuk dirujuk.",
              "The person (or their guardian) agrees to be referred.",
            ),
          )}
        </span>
      </label>
      <p class="err" id="consent-err">
        {(errors.consent ?? []).map((e) => tr(e)).join(" ")}
      </p>
    </>
  );
}
