import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { LEVELS, type Level } from "@rujuk/core/chain";
import { PAGES, itemPath } from "@rujuk/core/pages";
import { lastMonth } from "@rujuk/core/period";
import type { Browser } from "playwright-core";
import { demoReferral } from "./demo-referral.ts";
import { type ApiAs, type PageStack, SCREENS, apiAs, launchChromium, sessions, startPageStack } from "./page-stack.ts";
import { PAGE_USABLE } from "./page-usable.ts";

/**
 * `npm run screenshots`: the README's pictures of each role's main page (docs/screenshots/*.png), taken from the real
 * app with the real approval chain (page-stack.ts) over a little demo data filed and decided through the API as the
 * demo accounts: referrals waiting, returned with a note, rejected and approved, two open ones of the same NIK (so
 * the duplicate flag shows), a monthly report, the notifications the chain sends, and two more accounts for the
 * admin. Chromium shows each page in Indonesian at a phone's width (360 px) and, for the roles that work at a desk,
 * a laptop's (1280 px); each picture is one screen (not the whole page), as Chromium writes it.
 * Any page or console error fails the run, as it fails a browser test.
 */

const OUT = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
const KECAMATAN = "64.08.01";
// Who decides at each level of a referral of Muara Ancalong (demo-accounts.ts).
const OFFICIAL: Readonly<Record<Level, string>> = {
  kecamatan: "kec.ancalong",
  kabupaten: "kab.kutim",
  provinsi: "prov.kaltim",
};

interface Seeded {
  returned: string;
  duplicate: string;
  approved: string;
}

/**
 * Files and decides the demo data through the API. What still waits is filed first and what is decided after, so the
 * TKSK's list (newest first) opens on an approved, a returned and a rejected referral, and the inbox on the rest.
 */
async function seed(stack: PageStack): Promise<Seeded> {
  const settled = () => stack.chain.engine.settled();
  const tksk = await apiAs(stack.base, "tksk.ancalong");
  const officials = new Map<string, ApiAs>();
  const as = async (username: string) => {
    const known = officials.get(username) ?? (await apiAs(stack.base, username));
    officials.set(username, known);
    return known;
  };
  const file = async (overrides: Record<string, unknown>, subject: Record<string, unknown>) => {
    const filed = await tksk("POST", "/api/referrals", demoReferral(overrides, subject));
    await settled();
    if (typeof filed.id !== "string") throw new Error("a filed referral has no id");
    return filed.id;
  };
  // The official of the level the referral waits at decides: the chain (and so who comes next) is core's to choose.
  const decide = async (id: string, decision: "approve" | "return" | "reject", comment?: string) => {
    const { currentLevel } = await tksk("GET", `/api/referrals/${id}`);
    const level = LEVELS.find((l) => l === currentLevel);
    if (!level) throw new Error(`referral ${id} waits at no level (${String(currentLevel)})`);
    const official = await as(OFFICIAL[level]);
    await official("POST", `/api/referrals/${id}/decisions`, { decision, ...(comment ? { comment } : {}) });
    await settled();
  };

  await tksk("POST", "/api/reports", {
    period: lastMonth(new Date(), KECAMATAN),
    activities:
      "Kunjungan rumah ke 14 keluarga di Senyiur dan Kelinjau Ilir; pendampingan dua lansia ke puskesmas; " +
      "rapat koordinasi dengan kepala desa Long Nah.",
    counts: { LUT: 3, AT: 1, PD: 2, FM: 5 },
    notes: "Jalan ke Long Nah putus dua minggu karena banjir.",
  });
  await settled();

  await file(
    {
      category: "KTK",
      urgency: "emergency",
      service: "Perlindungan di rumah aman UPTD PPA dan pendampingan hukum",
      summary: "Korban kekerasan dalam rumah tangga, luka ringan, takut pulang ke rumah.",
    },
    {
      nik: "6408015809950005",
      name: "Rina Marlina",
      birthDate: "1995-09-18",
      sex: "P",
      address: "RT 03, Desa Gemar Baru",
      desaCode: "64.08.01.2009",
    },
  );
  // The same person twice, by two visits: the officials see each flagged with the other.
  await file({}, {});
  const duplicate = await file(
    {
      category: "FM",
      service: "Bantuan sembako dan pemeriksaan kesehatan rutin",
      summary: "Lansia tinggal sendiri, sering tidak makan; tetangga melapor kondisinya menurun.",
    },
    {},
  );

  const approved = await file(
    {
      category: "PD",
      service: "Kursi roda dan terapi rutin di RSUD Kudungga",
      summary: "Lumpuh kedua kaki sejak kecelakaan kerja, tidak bisa ke puskesmas tanpa bantuan.",
    },
    {
      nik: "6408012304610004",
      name: "Paulus Ding",
      birthDate: "1961-04-23",
      sex: "L",
      address: "RT 05, Desa Long Nah",
      desaCode: "64.08.01.2004",
    },
  );
  // Approved at every level of its chain, however long core makes it.
  for (const [i] of LEVELS.entries()) {
    const { status } = await tksk("GET", `/api/referrals/${approved}`);
    if (status !== "in_review") break;
    await decide(approved, "approve", i === 0 ? undefined : "Berkas lengkap, layanan sesuai kebutuhan.");
  }

  const rejected = await file(
    {
      category: "FM",
      service: "Bantuan sembako bulanan",
      summary: "Buruh harian, penghasilan tidak tetap, tiga anak usia sekolah.",
    },
    {
      nik: "6408013001880006",
      name: "Ahmad Fauzi",
      birthDate: "1988-01-30",
      sex: "L",
      address: "RT 01, Desa Kelinjau Ulu",
      desaCode: "64.08.01.2003",
    },
  );
  await decide(rejected, "reject", "Sudah menerima PKH dan BPNT tahun ini; ajukan lagi bila keadaannya berubah.");

  const returned = await file(
    {
      category: "AT",
      urgency: "urgent",
      service: "Pengasuhan sementara di LKSA dan pendaftaran sekolah",
      summary: "Anak ditinggal orang tua bekerja di luar daerah, tinggal dengan tetangga yang tidak sanggup merawat.",
    },
    {
      nik: "6408011203140003",
      name: "Muhammad Rizky",
      birthDate: "2014-03-12",
      sex: "L",
      address: "Desa Kelinjau Ilir",
      desaCode: "64.08.01.2002",
    },
  );
  await decide(returned, "approve");
  await decide(
    returned,
    "return",
    "Alamat kurang lengkap: tulis RT/RW dan nama dusun, dan nama tetangga yang merawat.",
  );

  // The kecamatan has read one notification: the list shows read and unread.
  const kecamatan = await as(OFFICIAL.kecamatan);
  const { items } = await kecamatan("GET", "/api/notifications");
  const oldest: unknown = Array.isArray(items) ? items.at(-1) : undefined;
  const id = oldest && typeof oldest === "object" && "id" in oldest ? oldest.id : undefined;
  if (typeof id !== "string") throw new Error("the kecamatan official has no notification");
  await kecamatan("POST", `/api/notifications/${id}/read`);

  // Two more accounts of Kutai Timur: a new TKSK still to choose a password, and one who has left, disabled.
  const admin = await apiAs(stack.base, "admin.kutim");
  const account = (username: string, name: string, regionCode: string) =>
    admin("POST", "/api/admin/users", {
      username,
      name,
      role: "tksk",
      regionCode,
      email: `${username}@rujuk.test`,
      password: "sementara-2026",
    });
  await account("tksk.wahau", "Yuliana Hie", "64.08.02");
  const left = await account("tksk.bengalon", "Rudi Hartono", "64.08.09");
  if (typeof left.id === "string") await admin("POST", `/api/admin/users/${left.id}/disable`);

  return { returned, duplicate, approved };
}

type Screen = keyof typeof SCREENS;

interface Shot {
  file: string;
  account: string;
  screen: Screen;
  url: string;
  /** Shown once the page has drawn what the picture is of. */
  ready: string[];
  /** Clicked first: what the picture shows folded or opened. */
  click?: string;
  /** Scrolled to the top of the screen first, when the picture is of a part further down. */
  scrollTo?: string;
}

function usable(path: string): string {
  const selector = PAGE_USABLE[path]?.selector;
  if (!selector) throw new Error(`page-usable.ts names no control for ${path}`);
  return selector;
}

function shots(items: Seeded): Shot[] {
  const inboxOpen = `${PAGES.inbox}?buka=referral:${items.duplicate}`;
  const auditOpen = `${PAGES.audit}?item=referral:${items.approved}`;
  const history = "#history-events > li";
  const tksk = "tksk.ancalong";
  return [
    {
      file: "tksk-referrals-phone",
      account: tksk,
      screen: "phone",
      url: PAGES.referrals,
      ready: [usable(PAGES.referrals)],
    },
    {
      file: "tksk-new-referral-phone",
      account: tksk,
      screen: "phone",
      url: PAGES.newReferral,
      ready: [usable(PAGES.newReferral)],
    },
    {
      file: "tksk-returned-referral-phone",
      account: tksk,
      screen: "phone",
      url: itemPath("referral", items.returned),
      ready: ["#return-note", "#fix-form"],
      scrollTo: "#fix",
    },
    {
      file: "kecamatan-inbox-phone",
      account: OFFICIAL.kecamatan,
      screen: "phone",
      url: PAGES.inbox,
      ready: [usable(PAGES.inbox)],
    },
    {
      file: "kecamatan-inbox-laptop",
      account: OFFICIAL.kecamatan,
      screen: "laptop",
      url: inboxOpen,
      ready: [usable(PAGES.inbox), "#detail #d-dupes", "#d-timeline li"],
      // The filters folded away, as an official who is not filtering leaves them: the list beside the item shows.
      click: ".inbox-filters summary",
    },
    { file: "auditor-audit-phone", account: "auditor.kutim", screen: "phone", url: auditOpen, ready: [history] },
    {
      file: "auditor-audit-laptop",
      account: "auditor.kutim",
      screen: "laptop",
      url: auditOpen,
      ready: [history, usable(PAGES.audit)],
    },
    {
      file: "admin-users-phone",
      account: "admin.kutim",
      screen: "phone",
      url: PAGES.users,
      ready: [usable(PAGES.users)],
    },
    {
      file: "admin-users-laptop",
      account: "admin.kutim",
      screen: "laptop",
      url: PAGES.users,
      ready: [usable(PAGES.users)],
    },
  ];
}

async function take(browser: Browser, base: string, shot: Shot, state: Parameters<Browser["newContext"]>[0]) {
  // No service worker: its install would fetch beside the page and keep the network from going quiet.
  const context = await browser.newContext({
    ...state,
    viewport: SCREENS[shot.screen],
    locale: "id-ID",
    serviceWorkers: "block",
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    await page.goto(`${base}${shot.url}`);
    for (const selector of shot.ready) await page.locator(selector).filter({ visible: true }).first().waitFor();
    // Region and category names come after the item: the picture waits for the last answer.
    await page.waitForLoadState("networkidle");
    await page.evaluate("document.fonts.ready.then(() => true)");
    if (shot.click) await page.locator(shot.click).click();
    // A string, evaluated in the page: this package's code has no DOM types.
    if (shot.scrollTo)
      await page.evaluate(
        `document.querySelector(${JSON.stringify(shot.scrollTo)}).scrollIntoView({ block: "start" })`,
      );
    const taken = await page.screenshot({ animations: "disabled", caret: "hide" });
    if (problems.length) throw new Error(`${shot.url} as ${shot.account}: ${problems.join("; ")}`);
    return taken;
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

let stack: PageStack | undefined;
let browser: Browser | undefined;
try {
  stack = await startPageStack("rujuk-screenshots");
  const list = shots(await seed(stack));
  browser = await launchChromium();
  const states = await sessions(browser, stack.base, [...new Set(list.map((s) => s.account))]);
  await mkdir(OUT, { recursive: true });
  for (const shot of list) {
    const png = await take(browser, stack.base, shot, { storageState: states.get(shot.account) });
    const path = `${OUT}${shot.file}.png`;
    await writeFile(path, png);
    console.log(`${path}: ${kb(png.length)} KB`);
  }
} catch (error) {
  console.error("\nScreenshots FAILED:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await browser?.close();
  await stack?.close();
}
// The SDK's keep-alive sockets would hold the process open for a while; everything worth closing is closed.
process.exit(process.exitCode ?? 0);
