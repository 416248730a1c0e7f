import { HOME_PAGE, PAGES, PASSWORD_PAGE } from "@rujuk/core/pages";
import { remembered } from "../lib/account.ts";

// `/` has nothing of its own: it opens the page of the account last signed in here at once, without asking the
// server (that page asks, and sends a session that has ended to sign-in); with no account known here, sign-in.
const me = remembered();
location.replace(!me ? PAGES.signIn : me.mustChangePassword ? PASSWORD_PAGE : HOME_PAGE[me.role]);
