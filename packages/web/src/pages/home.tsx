import { HOME_PAGE } from "@rujuk/core/pages";
import { signedIn } from "../lib/session.ts";

// `/` has nothing of its own: each role starts on its own page (signing in first, if need be).
void signedIn().then((me) => {
  if (me) location.replace(HOME_PAGE[me.role]);
});
