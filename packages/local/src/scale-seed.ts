import { CATEGORIES } from "@rujuk/core/category";
import { newId } from "@rujuk/core/ids";
import { ReferralInput } from "@rujuk/core/referral";
import { type SeedPut, openedReferral } from "./opened-referral.ts";
import { type Group, type Place, spreadOf } from "./scale-places.ts";

const NAMES = ["Sarni", "Rahmat Hidayat", "Siti Aminah", "Yohanes Lado", "Wayan Sudarta", "Nurhayati", "Andi Baso"];
const SERVICES = [
  "Pendampingan dan rujukan ke panti werdha",
  "Bantuan sembako dan pendampingan keluarga",
  "Rujukan ke layanan rehabilitasi sosial",
];
const SUMMARIES = [
  "Lansia tinggal sendiri tanpa keluarga, kesulitan makan sehari-hari.",
  "Keluarga tidak mampu, kepala keluarga sakit menahun dan tidak bekerja.",
  "Anak putus sekolah, orang tua bekerja di luar daerah tanpa kabar.",
];
// Of every 20 referrals in a kecamatan, one an emergency and three urgent.
const urgencyOf = (n: number) => (n % 20 === 0 ? "emergency" : n % 20 <= 3 ? "urgent" : "normal");

/**
 * The form a TKSK would send for the `n`th referral of a kecamatan: a valid NIK of that kecamatan whose birth date
 * and sex agree with the form (a different one for every `n` up to 21,840 a kecamatan, so no two referrals name the
 * same person), in one of its desa. Parsed by the API's own schema.
 */
function referralForm(place: Place, n: number, i: number): ReferralInput {
  const day = 1 + (n % 28);
  const month = 1 + (Math.floor(n / 28) % 12);
  const year = 1940 + (Math.floor(n / 336) % 65);
  const sex = n % 2 === 0 ? "P" : "L";
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  const nik =
    place.kecamatan.code.replaceAll(".", "") +
    pad(sex === "P" ? day + 40 : day) +
    pad(month) +
    pad(year % 100) +
    pad(1 + Math.floor(n / 21_840), 4);
  const desa = place.desa[n % place.desa.length]!;
  return ReferralInput.parse({
    subject: {
      nik,
      name: NAMES[i % NAMES.length],
      birthDate: `${year}-${pad(month)}-${pad(day)}`,
      sex,
      address: `RT ${pad(1 + (n % 12))}, ${desa.name}`,
      desaCode: desa.code,
    },
    category: CATEGORIES[i % CATEGORIES.length]!.code,
    urgency: urgencyOf(n),
    service: SERVICES[i % SERVICES.length],
    summary: SUMMARIES[i % SUMMARIES.length],
    consent: true,
  });
}

export interface SeedOptions {
  tables: { table: string; auditTable: string };
  nikKey: string;
  /** When the 0th referral is filed (ms since the epoch); each next one `gapMs` later. */
  start: number;
  gapMs: number;
}

/**
 * The `i`th referral of a scale seed, opened at its first level 2 s after it was filed: its id, its kecamatan and
 * the rows to write. Where it lies follows `spreadOf`; within its group, the group's kecamatan take turns.
 */
export function scaleReferral(
  places: Record<Group, Place[]>,
  i: number,
  options: SeedOptions,
): { id: string; kecamatan: string; puts: SeedPut[] } {
  const { group, turn } = spreadOf(i);
  const list = places[group];
  const place = list[turn % list.length]!;
  const filedAt = new Date(options.start + i * options.gapMs);
  const id = newId(filedAt.getTime());
  const puts = openedReferral(options.tables, {
    actor: place.tksk,
    input: referralForm(place, Math.floor(turn / list.length), i),
    id,
    filedAt,
    openedAt: new Date(filedAt.getTime() + 2_000),
    nikKey: options.nikKey,
  });
  return { id, kecamatan: place.kecamatan.code, puts };
}
