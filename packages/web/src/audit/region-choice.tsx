import { type Level, isLevel } from "@rujuk/core/chain";
import { LEVEL_LABELS } from "@rujuk/core/labels";
import { LEVELS, type Region } from "@rujuk/core/region-code";
import { useEffect, useState } from "hono/jsx/dom";
import type { FieldErrors } from "../lib/form.tsx";
import { say, tr } from "../lib/lang.ts";
import { childRegions } from "../lib/regions.ts";

/**
 * The region a search covers, chosen by name: one list per level from just below the auditor's region down to the
 * kecamatan (events belong to an item's kecamatan, so no desa), each shown once the one above is chosen. Nothing
 * outside the auditor's region is offered; the API checks again. `value` is the deepest choice, `""` for all.
 */
export function RegionChoice(props: {
  scope: string;
  value: string;
  errors: FieldErrors;
  onChange: (code: string) => void;
}) {
  const { scope, value } = props;
  const depth = scope === "" ? 0 : scope.split(".").length;
  const levels = LEVELS.slice(depth, 3).filter(isLevel);
  // The choice made at each level: the value's ancestors below the scope.
  const parts = value ? value.split(".") : [];
  const chosen = levels.map((_, i) => (parts.length > depth + i ? parts.slice(0, depth + i + 1).join(".") : ""));
  const errors = props.errors.region ?? [];
  if (levels.length === 0) return null;
  return (
    <fieldset class="field region-choice">
      <legend>{tr(say("Wilayah", "Region"))}</legend>
      {levels.map((level, i) =>
        i === 0 || chosen[i - 1] ? (
          <Step
            level={level}
            parent={i === 0 ? scope : (chosen[i - 1] ?? "")}
            value={chosen[i] ?? ""}
            invalid={errors.length > 0}
            onPick={(code) => props.onChange(code || (i === 0 ? "" : (chosen[i - 1] ?? "")))}
          />
        ) : null,
      )}
      <p class="err" id="region-err">
        {errors.map((e) => tr(e)).join(" ")}
      </p>
    </fieldset>
  );
}

function Step(props: {
  level: Level;
  parent: string;
  value: string;
  invalid: boolean;
  onPick: (code: string) => void;
}) {
  const [regions, setRegions] = useState<Region[] | null>(null);
  useEffect(() => {
    setRegions(null);
    void childRegions(props.parent).then((list) =>
      setRegions([...list].sort((a, b) => a.name.localeCompare(b.name, "id"))),
    );
  }, [props.parent]);
  const label = LEVEL_LABELS[props.level];
  const id = `region-${props.level}`;
  return (
    <>
      <label for={id}>{tr(label)}</label>
      <select
        id={id}
        aria-describedby="region-err"
        aria-invalid={props.invalid ? "true" : undefined}
        disabled={regions === null}
        onChange={(e: Event) => props.onPick(e.target instanceof HTMLSelectElement ? e.target.value : "")}
      >
        <option value="" selected={props.value === ""}>
          {regions === null
            ? tr(say("Memuat…", "Loading…"))
            : tr(say(`Semua ${label.id.toLowerCase()}`, `Every ${label.en.toLowerCase()}`))}
        </option>
        {(regions ?? []).map((r) => (
          <option value={r.code} selected={props.value === r.code}>
            {r.name}
          </option>
        ))}
      </select>
    </>
  );
}
