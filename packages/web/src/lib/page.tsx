import { HOME_PAGE } from "@rujuk/core/pages";
import type { Role } from "@rujuk/core/user";
import type { Child } from "hono/jsx";
import { render } from "hono/jsx/dom";
import { NO_CONNECTION } from "./api.ts";
import { Frame } from "./chrome.tsx";
import { currentLang, say, tr } from "./lang.ts";
import { keepForOffline } from "./offline.ts";
import { type Me, signedIn } from "./session.ts";

const NOT_YOURS = say("Halaman ini bukan untuk peran Anda.", "This page is not for your role.");
const TO_HOME = say("Ke halaman utama", "To your home page");

/** Where the server's document lets the script draw, and what it shows until then (shell: AppDocument). */
function root(): HTMLElement {
  keepForOffline();
  const app = document.getElementById("app");
  if (!app) throw new Error("The page has no #app");
  document.getElementById("boot")?.remove();
  document.documentElement.lang = currentLang();
  return app;
}

/**
 * Starts a signed-in page: finds who is signed in, checks the page is for their role, and draws `content` in the
 * header's frame. The server checks every call the page makes; this check only spares a user a page of refusals.
 */
export async function startPage(options: {
  /** Who the page is for: those roles, or `"any"` signed-in account. */
  roles: readonly Role[] | "any";
  content: (me: Me) => Child;
  /** Instead of the header's frame (the change-password page, where nothing else may be opened yet). */
  frame?: (me: Me, content: Child) => Child;
}): Promise<void> {
  const { me, leaving } = await signedIn();
  if (leaving) return;
  const app = root();
  if (!me) {
    render(<p class="alert">{tr(NO_CONNECTION)}</p>, app);
    return;
  }
  if (options.frame) {
    render(options.frame(me, options.content(me)), app);
    return;
  }
  if (options.roles !== "any" && !options.roles.includes(me.role)) {
    render(
      <Frame me={me}>
        <section>
          <p class="alert">{tr(NOT_YOURS)}</p>
          <a href={HOME_PAGE[me.role]}>{tr(TO_HOME)}</a>
        </section>
      </Frame>,
      app,
    );
    return;
  }
  render(<Frame me={me}>{options.content(me)}</Frame>, app);
}

/** Starts a page for anyone (sign-in): no header's account, just `content`. */
export function startPublicPage(content: () => Child): void {
  render(<main>{content()}</main>, root());
}
