import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// A region set that exists nowhere in idn-area-data, so a hit proves these files were read and not the package's.
const UPPER = {
  "provinces.csv": "code,name\n99,Provinsi Uji\n",
  "regencies.csv": "code,province_code,name\n99.01,99,Kabupaten Uji\n",
  "districts.csv": "code,regency_code,name\n99.01.01,99.01,Kecamatan Uji\n",
};
const VILLAGES = 'code,district_code,name\n99.01.01.2001,99.01.01,"Desa ""Uji"", Satu"\n99.01.01.2002,99.01.01,Dua\n';

let dir: string;

/** region.ts keeps what it has read for the life of the module, so each case loads a fresh copy. */
async function freshRegion() {
  vi.resetModules();
  return import("./region.ts");
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "rujuk-regions-"));
  for (const [file, text] of Object.entries(UPPER)) writeFileSync(join(dir, file), text);
  // Relative, as in Lambda ("regions" under /var/task): resolved against the working directory.
  vi.stubEnv("RUJUK_REGION_DATA", relative(process.cwd(), dir));
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("region data from RUJUK_REGION_DATA", () => {
  it("reads the four files from that directory, and the villages only once a desa is asked for", async () => {
    const region = await freshRegion();
    // No villages.csv yet: the upper levels must not need it.
    expect(await region.childrenOf("")).toEqual([{ code: "99", name: "Provinsi Uji", level: "provinsi" }]);
    expect(await region.findRegion("99.01.01")).toEqual({
      code: "99.01.01",
      name: "Kecamatan Uji",
      level: "kecamatan",
    });
    expect(await region.findRegion("64")).toBeUndefined();

    writeFileSync(join(dir, "villages.csv"), VILLAGES);
    expect(await region.childrenOf("99.01.01")).toEqual([
      { code: "99.01.01.2001", name: 'Desa "Uji", Satu', level: "desa" },
      { code: "99.01.01.2002", name: "Dua", level: "desa" },
    ]);
  });

  it("refuses a file whose columns are not the expected ones", async () => {
    writeFileSync(join(dir, "regencies.csv"), "code,name,province_code\n99.01,Kabupaten Uji,99\n");
    const region = await freshRegion();
    await expect(region.findRegion("99")).rejects.toThrow("expected the columns code,province_code,name");
  });
});
