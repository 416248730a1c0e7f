import { newId } from "@rujuk/core/ids";
import { type Region, ancestorAt, childrenOf, isWithin, levelOf } from "@rujuk/core/region";
import { type Actor, type User, actorOf } from "@rujuk/core/user";

/** Where a seeded referral is filed: a kecamatan, its desa, and the kecamatan's TKSK, who files it. */
export interface Place {
  kecamatan: Region;
  desa: Region[];
  tksk: Actor;
}

/**
 * How a scale seed spreads referrals, in slots of 20: one to the measured kecamatan (5 %), three to the rest of its
 * kabupaten (15 %, so 20 % in the kabupaten), four to the rest of its province (40 % in the province) and twelve to
 * other provinces (60 %). Each group goes round its kecamatan in turn, so every one of them fills evenly.
 */
export const SPREAD = [
  { group: "kecamatan", slots: 1 },
  { group: "kabupaten", slots: 3 },
  { group: "provinsi", slots: 4 },
  { group: "elsewhere", slots: 12 },
] as const;
export type Group = (typeof SPREAD)[number]["group"];
const SLOTS = SPREAD.reduce((sum, g) => sum + g.slots, 0);

/** The group of the `i`th referral, and its turn in that group (0, 1, 2, … over the group's referrals). */
export function spreadOf(i: number): { group: Group; turn: number } {
  const round = Math.floor(i / SLOTS);
  let slot = i % SLOTS;
  for (const { group, slots } of SPREAD) {
    if (slot < slots) return { group, turn: round * slots + slot };
    slot -= slots;
  }
  throw new Error("unreachable: the slots cover a round");
}

/** Every kecamatan of a kabupaten or a province. */
async function kecamatanUnder(region: string): Promise<Region[]> {
  if (levelOf(region) === "kabupaten") return childrenOf(region);
  return (await Promise.all((await childrenOf(region)).map((k) => childrenOf(k.code)))).flat();
}

/**
 * The places of a scale seed around `measured` (the TKSK whose kecamatan, kabupaten and province are measured) and
 * over `elsewhere` (province codes). Each kecamatan has one TKSK, as the role is meant: the measured one is the real
 * account; the others exist only as the actor their referrals name (no one signs in as them).
 */
export async function scalePlaces(measured: User, elsewhere: readonly string[]): Promise<Record<Group, Place[]>> {
  const kecamatan = measured.regionCode;
  const kabupaten = ancestorAt(kecamatan, "kabupaten")!;
  const provinsi = ancestorAt(kecamatan, "provinsi")!;
  const place = async (region: Region, tksk?: User): Promise<Place> => ({
    kecamatan: region,
    desa: await childrenOf(region.code),
    tksk: actorOf(
      tksk ?? {
        id: newId(),
        username: `tksk.${region.code}`,
        name: `TKSK ${region.name}`,
        role: "tksk",
        regionCode: region.code,
      },
    ),
  });
  // A kecamatan without any desa in the data could file nothing: it is left out.
  const places = async (regions: Region[]) =>
    (await Promise.all(regions.map((r) => place(r)))).filter((p) => p.desa.length > 0);
  const inKabupaten = await kecamatanUnder(kabupaten);
  const own = inKabupaten.find((r) => r.code === kecamatan);
  if (!own) throw new Error(`no kecamatan ${kecamatan} in the region data`);
  const result = {
    kecamatan: [await place(own, measured)],
    kabupaten: await places(inKabupaten.filter((r) => r !== own)),
    provinsi: await places((await kecamatanUnder(provinsi)).filter((r) => !isWithin(r.code, kabupaten))),
    elsewhere: await places((await Promise.all(elsewhere.map(kecamatanUnder))).flat()),
  };
  for (const [group, list] of Object.entries(result)) {
    if (list.length === 0) throw new Error(`no kecamatan with desa for the ${group} group`);
  }
  return result;
}
