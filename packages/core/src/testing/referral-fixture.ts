import type { ReferralView } from "../item-state.ts";

/**
 * A referral as its readers see it, filed at `at` in kecamatan 64.08.01 and waiting at its first level: the fields
 * unit tests build stored items and table rows from.
 */
export function referralView(at: string): ReferralView {
  return {
    id: "R1",
    number: "RJK-261124-ABCDEF",
    status: "in_review",
    currentLevel: "kecamatan",
    chain: ["kecamatan", "kabupaten", "provinsi"],
    createdAt: at,
    updatedAt: at,
    submittedBy: { id: "tksk-1", name: "TKSK" },
    kecamatanCode: "64.08.01",
    dueAt: null,
    decisions: [],
    subject: {
      nik: "6408014507800001",
      name: "Siti",
      birthDate: "1980-07-05",
      sex: "P",
      address: "Jl. Poros",
      desaCode: "64.08.01.2001",
    },
    category: "01",
    categoryListVersion: "permensos-5-2019",
    urgency: "normal",
    service: "Panti",
    summary: "Lansia terlantar",
    consent: true,
  };
}
