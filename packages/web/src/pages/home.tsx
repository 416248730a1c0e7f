import { HOME_PAGE, PAGES } from "@rujuk/core/pages";
import { signedIn } from "../lib/session.ts";

// `/` has nothing of its own: each role starts on its own page; without a connection or an account known here,
// sign-in (which the service worker keeps) says what it can.
void signedIn().then(({ me, leaving }) => {
  if (me) location.replace(HOME_PAGE[me.role]);
  else if (!leaving) location.replace(PAGES.signIn);
});
