import type { Text } from "@rujuk/core/bilingual";
import { SEX_LABELS, URGENCY_LABELS } from "@rujuk/core/labels";
import { ErrorLine, Field, errorTarget } from "./field.tsx";

/** A select option's words: the label in Bahasa Indonesia, its English in brackets (an option holds no markup). */
function option(label: Text): string {
  return `${label.id} (${label.en})`;
}

/**
 * The new referral's controls, inside the page's `#ref-form`: each bound to its API field, so the client can read the
 * values and place the server's field errors. The desa and category choices are filled in by the client.
 */
export function ReferralForm() {
  return (
    <>
      <fieldset>
        <legend>
          Orang yang dirujuk <small>Person referred</small>
        </legend>
        <Field
          id="nik"
          path="subject.nik"
          label={{ id: "NIK", en: "16 digit" }}
          control={(bind) => <input {...bind} inputmode="numeric" maxlength={20} autocomplete="off" required />}
        />
        <Field
          id="name"
          path="subject.name"
          label={{ id: "Nama lengkap", en: "Full name" }}
          control={(bind) => <input {...bind} maxlength={120} autocomplete="off" required />}
        />
        <Field
          id="birth"
          path="subject.birthDate"
          label={{ id: "Tanggal lahir", en: "Date of birth" }}
          control={(bind) => <input {...bind} type="date" min="1900-01-01" required />}
        />
        <fieldset {...errorTarget("sex", "subject.sex")}>
          <legend>
            Jenis kelamin <small>Sex</small>
          </legend>
          <div class="choice">
            <label>
              <input type="radio" name="sex" value="L" id="sex-l" /> {SEX_LABELS.L.id} (L)
            </label>
            <label>
              <input type="radio" name="sex" value="P" id="sex-p" /> {SEX_LABELS.P.id} (P)
            </label>
          </div>
          <ErrorLine for="sex" />
        </fieldset>
        <Field
          id="address"
          path="subject.address"
          label={{ id: "Alamat", en: "Address" }}
          control={(bind) => <textarea {...bind} maxlength={300} rows={2} required></textarea>}
        />
        <Field
          id="desa"
          path="subject.desaCode"
          label={{ id: "Desa/kelurahan", en: "Village" }}
          control={(bind) => (
            <select {...bind} required>
              <option value="">— Pilih desa —</option>
            </select>
          )}
        />
      </fieldset>
      <Field
        id="category"
        path="category"
        label={{ id: "Kategori PPKS", en: "Category" }}
        control={(bind) => (
          <select {...bind} required>
            <option value="">— Pilih kategori —</option>
          </select>
        )}
      />
      <Field
        id="urgency"
        path="urgency"
        label={{ id: "Urgensi", en: "Urgency" }}
        control={(bind) => (
          <select {...bind}>
            <option value="normal">{option(URGENCY_LABELS.normal)}</option>
            <option value="urgent">{option(URGENCY_LABELS.urgent)}</option>
            <option value="emergency">{option(URGENCY_LABELS.emergency)}</option>
          </select>
        )}
      />
      <Field
        id="service"
        path="service"
        label={{ id: "Layanan yang dibutuhkan", en: "Service needed" }}
        control={(bind) => <textarea {...bind} maxlength={500} rows={2} required></textarea>}
      />
      <Field
        id="summary"
        path="summary"
        label={{ id: "Ringkasan kasus", en: "Case summary" }}
        control={(bind) => <textarea {...bind} maxlength={4000} rows={4} required></textarea>}
      />
      <label class="check">
        <input type="checkbox" {...errorTarget("consent", "consent")} required />
        <span>
          Orang yang dirujuk (atau walinya) setuju untuk dirujuk. <small>Consent given</small>
        </span>
      </label>
      <ErrorLine for="consent" />
    </>
  );
}
