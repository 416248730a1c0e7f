import { type FieldError, fieldError } from "@rujuk/core/field-error";
import { NIK_MISMATCH, nikDisagreements } from "@rujuk/core/nik";
import { FORM_TEXT } from "@rujuk/core/form-text";

/**
 * The domain rules the page checks as the officer types, taken from core so each is written once. `npm run
 * render:client` bundles this module into `generated/rules.ts`, which the page script (client.ts) starts with; the
 * script finds the rules on `globalThis.RujukRules`. They answer in the API's own field-error shape, so the form
 * shows a rule's message the same way whether the page or the server found it.
 */
export const rules = {
  /** Where the NIK disagrees with the birth date and sex typed so far, as `subject.<field>` errors. */
  nikMismatches(subject: { nik: string; birthDate: string; sex: string }): FieldError[] {
    return nikDisagreements(subject).map((field) => fieldError(`subject.${field}`, FORM_TEXT[NIK_MISMATCH[field]]));
  },
};

Object.assign(globalThis, { RujukRules: rules });
