/**
 * A valid referral as the demo TKSK of Muara Ancalong (64.08.01) would file it; override any part. Shared by the
 * tests and the benchmark so both send exactly what the API accepts.
 */
export function demoReferral(overrides: Record<string, unknown> = {}, subject: Record<string, unknown> = {}) {
  return {
    subject: {
      nik: "6408014507800001",
      name: "Sarni",
      birthDate: "1980-07-05",
      sex: "P",
      address: "RT 02, Desa Senyiur",
      desaCode: "64.08.01.2001",
      ...subject,
    },
    category: "LUT",
    urgency: "normal",
    service: "Pendampingan dan rujukan ke panti werdha",
    summary: "Lansia tinggal sendiri tanpa keluarga, kesulitan makan sehari-hari.",
    consent: true,
    ...overrides,
  };
}
