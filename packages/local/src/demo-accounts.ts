import type { Role } from "@rujuk/core/user";

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  regionCode: string;
  name: string;
  email: string;
}

// Two kabupaten/kota of Kalimantan Timur (64) and one of Nusa Tenggara Barat (52); every TKSK has a kecamatan official
// in the same kecamatan. Local demo only: these passwords are printed on start and must never exist in AWS.
const rows: [string, Role, string, string][] = [
  ["tksk.ancalong", "tksk", "64.08.01", "Siti Rahmawati"],
  ["kec.ancalong", "kecamatan", "64.08.01", "Budi Santoso"],
  ["kab.kutim", "kabupaten", "64.08", "Dewi Lestari"],
  ["auditor.kutim", "auditor", "64.08", "Agus Salim"],
  ["admin.kutim", "admin", "64.08", "Rina Wulandari"],
  ["tksk.palaran", "tksk", "64.72.01", "Yohanes Paulus"],
  ["kec.palaran", "kecamatan", "64.72.01", "Nur Aini"],
  ["kab.samarinda", "kabupaten", "64.72", "Hendra Gunawan"],
  ["auditor.samarinda", "auditor", "64.72", "Maria Ulfa"],
  ["admin.samarinda", "admin", "64.72", "Fajar Nugroho"],
  ["prov.kaltim", "provinsi", "64", "Ratna Sari"],
  ["auditor.kaltim", "auditor", "64", "Irfan Hakim"],
  ["admin.kaltim", "admin", "64", "Lestari Handayani"],
  ["tksk.gerung", "tksk", "52.01.01", "Lalu Muhammad"],
  ["kec.gerung", "kecamatan", "52.01.01", "Baiq Nurul"],
  ["kab.lobar", "kabupaten", "52.01", "Made Wirawan"],
  ["prov.ntb", "provinsi", "52", "Siti Hajar"],
  ["auditor.ntb", "auditor", "52", "Zainal Arifin"],
  ["admin.ntb", "admin", "52", "Dian Pratiwi"],
  ["auditor.nasional", "auditor", "", "Wahyu Hidayat"],
];

export const DEMO_ACCOUNTS: DemoAccount[] = rows.map(([username, role, regionCode, name]) => ({
  username,
  password: `demo-${username}`,
  role,
  regionCode,
  name,
  email: `${username}@rujuk.test`,
}));
