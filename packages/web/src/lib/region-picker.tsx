import { type Level, isLevel } from "@rujuk/core/chain";
import { LEVEL_LABELS } from "@rujuk/core/labels";
import { LEVELS, type Region } from "@rujuk/core/region-code";
import { type Role, deepestLevel, depthOf, fitsRole } from "@rujuk/core/role";
import { useEffect, useState } from "hono/jsx/dom";
import type { FieldErrors } from "./form.tsx";
import { say, tr } from "./lang.ts";
import { childRegions, regionName } from "./regions.ts";

const NATIONAL = say("Nasional", "National");

/** The name of region `code` once the reference list answers (the code until then); "Nasional" for `""`. */
export function useRegionName(code: string): string {
  const [name, setName] = useState(code === "" ? tr(NATIONAL) : code);
  useEffect(() => {
    if (code === "") return setName(tr(NATIONAL));
    void regionName(code).then(setName);
  }, [code]);
  return name;
}

export function RegionName(props: { code: string }) {
  return <>{useRegionName(props.code)}</>;
}

/**
 * The levels the picker steps through: from just below `scope` down to the deepest `role` may sit at (never a desa,
 * so each is an approval level with its label).
 */
function stepsOf(scope: string, role: Role): Level[] {
  return LEVELS.slice(depthOf(scope), LEVELS.indexOf(deepestLevel(role)) + 1).filter(isLevel);
}

/** The region a chain of choices names: the last one made, or `scope` itself before any. */
export function pickedRegion(scope: string, chain: readonly string[]): string {
  return chain.length ? chain[chain.length - 1]! : scope;
}

/** One level's choice: the regions under `parent` by name (the reference list, cached per parent). */
function Step(props: {
  id: string;
  parent: string;
  level: Level;
  role: Role;
  value: string;
  invalid: boolean;
  onPick: (code: string) => void;
}) {
  const [regions, setRegions] = useState<Region[] | null>(null);
  const parentName = useRegionName(props.parent);
  useEffect(() => {
    setRegions(null);
    void childRegions(props.parent).then((list) =>
      setRegions([...list].sort((a, b) => a.name.localeCompare(b.name, "id"))),
    );
  }, [props.parent]);
  const label = LEVEL_LABELS[props.level];
  // Stopping here is a choice too when the role may sit in the region above (an auditor of the whole kabupaten).
  const whole = props.parent === "" ? NATIONAL : say(`Seluruh ${parentName}`, `All of ${parentName}`);
  const none = fitsRole(props.role, props.parent)
    ? whole
    : say(`Pilih ${tr(label).toLowerCase()}`, `Choose a ${tr(label).toLowerCase()}`);
  return (
    <>
      <label for={props.id}>{tr(label)}</label>
      <select
        id={props.id}
        data-level={props.level}
        aria-describedby="region-err"
        aria-invalid={props.invalid ? "true" : undefined}
        disabled={regions === null}
        onChange={(e: Event) => props.onPick(e.target instanceof HTMLSelectElement ? e.target.value : "")}
      >
        <option value="" selected={props.value === ""}>
          {regions === null ? tr(say("Memuat…", "Loading…")) : tr(none)}
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

/**
 * Where an account sits, chosen by name inside `scope` (the admin's region): one list per level, from just below
 * the scope down to the level core's `ROLE_REGION_LEVEL` gives the role, each shown once the one above is chosen.
 * Nothing outside the scope is ever offered; the API checks again. `chain` holds a code per level chosen.
 */
export function RegionPicker(props: {
  scope: string;
  role: Role;
  chain: readonly string[];
  errors: FieldErrors;
  onChange: (chain: string[]) => void;
}) {
  const { scope, role, chain } = props;
  const steps = stepsOf(scope, role);
  const errors = props.errors.regionCode ?? [];
  const fixed = useRegionName(scope);
  return (
    <fieldset class="field region-picker" data-path="regionCode">
      <legend>{tr(say("Wilayah", "Region"))}</legend>
      {steps.length === 0 ? (
        <p id="region-fixed">{fixed}</p>
      ) : (
        steps.map((level, i) =>
          i === 0 || chain[i - 1] ? (
            <Step
              id={`region-${level}`}
              parent={i === 0 ? scope : chain[i - 1]!}
              level={level}
              role={role}
              value={chain[i] ?? ""}
              invalid={errors.length > 0}
              onPick={(code) => props.onChange(code ? [...chain.slice(0, i), code] : chain.slice(0, i))}
            />
          ) : null,
        )
      )}
      <p class="err" id="region-err">
        {errors.map((e) => tr(e)).join(" ")}
      </p>
    </fieldset>
  );
}
