import { HOME_PAGE, PAGES, PASSWORD_PAGE } from "@rujuk/core/pages";

/**
 * When each page counts as usable for the page benchmark (bench-pages.ts): the page's main control, found by a CSS
 * selector, is visible and enabled. A form is usable when its submit button is; a list when its first row shows.
 * `account` is the demo account the page is opened as (its role is the one the page is for); none for sign-in. One entry per page path of the server's table (SCRIPTED) and the password
 * page: a test checks it, so a new page cannot be left out of the benchmark. Whoever changes a page's markup keeps
 * its selector true: the benchmark fails, naming the selector, when it never shows.
 */
export interface Usable {
  account: string | undefined;
  selector: string;
  /** What the selector stands for, in the benchmark's table. */
  control: string;
  /** Where the page ends when it sends the user on (`/` opens the role's home page); else the page itself. */
  lands?: string;
}

// A list's first row (a `.list` of the base styles, or a table's). The benchmark files a referral and a report first,
// so every list it opens has one: an empty list's line would say nothing of how long the rows take.
const FIRST_ROW = "main .list > li, main table tbody > tr";
const SUBMIT = "main form button[type=submit]";
// An item's page: its facts, drawn once the item has come from the API.
const ITEM_FACTS = "main dl";

export const PAGE_USABLE: Readonly<Record<string, Usable>> = {
  [PAGES.home]: {
    account: "tksk.ancalong",
    selector: FIRST_ROW,
    control: "the TKSK's home: first referral",
    lands: HOME_PAGE.tksk,
  },
  [PAGES.signIn]: { account: undefined, selector: SUBMIT, control: "sign-in button" },
  [PAGES.inbox]: { account: "kec.ancalong", selector: FIRST_ROW, control: "first item" },
  [PAGES.referrals]: { account: "tksk.ancalong", selector: FIRST_ROW, control: "first referral" },
  [PAGES.newReferral]: { account: "tksk.ancalong", selector: SUBMIT, control: "submit button" },
  [PAGES.referral]: { account: "tksk.ancalong", selector: ITEM_FACTS, control: "the referral's facts" },
  [PAGES.reports]: { account: "tksk.ancalong", selector: FIRST_ROW, control: "first report" },
  [PAGES.newReport]: { account: "tksk.ancalong", selector: SUBMIT, control: "submit button" },
  [PAGES.report]: { account: "tksk.ancalong", selector: ITEM_FACTS, control: "the report's facts" },
  [PAGES.notifications]: { account: "kec.ancalong", selector: FIRST_ROW, control: "first notification" },
  [PAGES.audit]: { account: "auditor.kutim", selector: FIRST_ROW, control: "first event" },
  [PAGES.users]: { account: "admin.kutim", selector: FIRST_ROW, control: "first account" },
  [PASSWORD_PAGE]: { account: "tksk.ancalong", selector: SUBMIT, control: "submit button" },
};
