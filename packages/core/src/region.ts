import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { parseCsv } from "./csv.ts";

import { LEVELS, type Region, type RegionLevel, isRegionCode, levelOf } from "./region-code.ts";

export * from "./region-code.ts";

interface Directory {
  byCode: Map<string, Region>;
  children: Map<string, Region[]>;
}

// The village list is ten times the rest, so it is read only when a desa is first asked for.
let upper: Promise<Directory> | undefined;
let villages: Promise<Directory> | undefined;

function index(rows: { code: string; name: string; parent: string; level: RegionLevel }[]): Directory {
  const byCode = new Map<string, Region>();
  const children = new Map<string, Region[]>();
  for (const row of rows) {
    const region = { code: row.code, name: row.name, level: row.level };
    byCode.set(row.code, region);
    const siblings = children.get(row.parent);
    if (siblings) siblings.push(region);
    else children.set(row.parent, [region]);
  }
  return { byCode, children };
}

/**
 * Where the region CSV files are: `RUJUK_REGION_DATA` (relative to the working directory; a Lambda bundle carries
 * the files beside it, see infra/build.ts), else idn-area-data's own `data/`. That package is only located when the
 * variable is unset, so a bundle never needs it.
 */
function dataDir(): string {
  const configured = process.env.RUJUK_REGION_DATA;
  if (configured) return resolve(configured);
  return join(dirname(createRequire(import.meta.url).resolve("idn-area-data")), "..", "data");
}

interface Area {
  code: string;
  parent: string;
  name: string;
}

/**
 * One of idn-area-data's CSV files: `code,name` for provinces, `code,<parentColumn>,name` below them. The header is
 * checked rather than trusted, so a data release that reorders columns fails loudly instead of swapping codes and
 * names, and so is every row's shape.
 */
async function readAreas(file: string, parentColumn?: string): Promise<Area[]> {
  const header = parentColumn ? ["code", parentColumn, "name"] : ["code", "name"];
  const path = join(dataDir(), `${file}.csv`);
  const [first, ...rows] = parseCsv(await readFile(path, "utf8"));
  if (first?.join() !== header.join()) {
    throw new Error(`${path}: expected the columns ${header.join(",")}, found ${first?.join(",") ?? "none"}`);
  }
  const bad = rows.findIndex((row) => row.length !== header.length);
  if (bad >= 0) throw new Error(`${path}: row ${bad + 2} has ${rows[bad]!.length} fields, not ${header.length}`);
  return parentColumn
    ? (rows as [string, string, string][]).map(([code, parent, name]) => ({ code, parent, name }))
    : (rows as [string, string][]).map(([code, name]) => ({ code, parent: "", name }));
}

function loadUpper(): Promise<Directory> {
  upper ??= Promise.all([
    readAreas("provinces"),
    readAreas("regencies", "province_code"),
    readAreas("districts", "regency_code"),
  ]).then(([provinces, regencies, districts]) =>
    index([
      ...provinces.map((area) => ({ ...area, level: "provinsi" as const })),
      ...regencies.map((area) => ({ ...area, level: "kabupaten" as const })),
      ...districts.map((area) => ({ ...area, level: "kecamatan" as const })),
    ]),
  );
  return upper;
}

function loadVillages(): Promise<Directory> {
  villages ??= readAreas("villages", "district_code").then((areas) =>
    index(areas.map((area) => ({ ...area, level: "desa" as const }))),
  );
  return villages;
}

function directoryFor(level: RegionLevel | null): Promise<Directory> {
  return level === "desa" ? loadVillages() : loadUpper();
}

/** The region with this code, or `undefined` when no such region exists. */
export async function findRegion(code: string): Promise<Region | undefined> {
  if (!isRegionCode(code)) return undefined;
  return (await directoryFor(levelOf(code))).byCode.get(code);
}

/** The regions directly below `parent` (provinces for `""`), sorted by code; empty for an unknown parent. */
export async function childrenOf(parent: string): Promise<Region[]> {
  if (parent !== "" && !isRegionCode(parent)) return [];
  const childLevel = parent === "" ? "provinsi" : LEVELS[LEVELS.indexOf(levelOf(parent)!) + 1];
  if (!childLevel) return [];
  const list = (await directoryFor(childLevel)).children.get(parent) ?? [];
  return [...list].sort((a, b) => a.code.localeCompare(b.code));
}
