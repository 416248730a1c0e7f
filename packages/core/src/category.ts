/**
 * The 26 PPKS (Pemerlu Pelayanan Kesejahteraan Sosial) categories of Permensos 8/2012 as kept by Permensos 5/2019.
 * The list is versioned: a stored referral keeps the code it was filed under even if a later regulation changes the list.
 */
export const CATEGORY_LIST_VERSION = "permensos-5-2019";

export interface Category {
  code: string;
  name: string;
  nameEn: string;
}

export const CATEGORIES: readonly Category[] = [
  { code: "ABT", name: "Anak Balita Terlantar", nameEn: "Neglected toddler" },
  { code: "AT", name: "Anak Terlantar", nameEn: "Neglected child" },
  { code: "ABH", name: "Anak yang Berhadapan dengan Hukum", nameEn: "Child in conflict with the law" },
  { code: "AJ", name: "Anak Jalanan", nameEn: "Street child" },
  { code: "ADK", name: "Anak dengan Kedisabilitasan", nameEn: "Child with a disability" },
  {
    code: "AKTK",
    name: "Anak yang Menjadi Korban Tindak Kekerasan atau Diperlakukan Salah",
    nameEn: "Child victim of violence or mistreatment",
  },
  { code: "AMPK", name: "Anak yang Memerlukan Perlindungan Khusus", nameEn: "Child in need of special protection" },
  { code: "LUT", name: "Lanjut Usia Terlantar", nameEn: "Neglected elderly person" },
  { code: "PD", name: "Penyandang Disabilitas", nameEn: "Person with a disability" },
  { code: "TS", name: "Tuna Susila", nameEn: "Person in prostitution" },
  { code: "GEL", name: "Gelandangan", nameEn: "Homeless person" },
  { code: "PENG", name: "Pengemis", nameEn: "Beggar" },
  { code: "PEM", name: "Pemulung", nameEn: "Scavenger" },
  { code: "KMIN", name: "Kelompok Minoritas", nameEn: "Minority group" },
  {
    code: "BWBLP",
    name: "Bekas Warga Binaan Lembaga Pemasyarakatan",
    nameEn: "Former prison inmate",
  },
  { code: "ODHA", name: "Orang dengan HIV/AIDS", nameEn: "Person living with HIV/AIDS" },
  { code: "KPN", name: "Korban Penyalahgunaan NAPZA", nameEn: "Victim of drug abuse" },
  { code: "KTR", name: "Korban Perdagangan Orang", nameEn: "Victim of human trafficking" },
  { code: "KTK", name: "Korban Tindak Kekerasan", nameEn: "Victim of violence" },
  { code: "PMBS", name: "Pekerja Migran Bermasalah Sosial", nameEn: "Migrant worker with social problems" },
  { code: "KBA", name: "Korban Bencana Alam", nameEn: "Victim of a natural disaster" },
  { code: "KBS", name: "Korban Bencana Sosial", nameEn: "Victim of a social disaster" },
  { code: "PRSE", name: "Perempuan Rawan Sosial Ekonomi", nameEn: "Socio-economically vulnerable woman" },
  { code: "FM", name: "Fakir Miskin", nameEn: "Person in poverty" },
  {
    code: "KBSP",
    name: "Keluarga Bermasalah Sosial Psikologis",
    nameEn: "Family with psychosocial problems",
  },
  { code: "KAT", name: "Komunitas Adat Terpencil", nameEn: "Remote indigenous community" },
];

const CODES = new Set(CATEGORIES.map((c) => c.code));

export function isCategoryCode(code: string): boolean {
  return CODES.has(code);
}
