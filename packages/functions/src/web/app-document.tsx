import type { Text } from "@rujuk/core/bilingual";
import type { Child } from "hono/jsx";
import type { JSX } from "hono/jsx/jsx-runtime";

/** Where a page loads its one script and the stylesheet from (versioned URLs, so a release replaces them). */
export interface PageAssets {
  script: string;
  stylesheet: string;
}

/** What a page shows until its script has started (which removes it), or without JavaScript at all. */
function Loading() {
  return (
    <>
      <p id="boot" class="muted">
        Memuat… <small>Loading</small>
      </p>
      <noscript>
        <p class="alert">
          Aplikasi ini memerlukan JavaScript. <small>JavaScript is required.</small>
        </p>
      </noscript>
    </>
  );
}

/** A page of the web UI: phone-sized, the stylesheet and one deferred script (never inline code). */
function Document(props: { assets: PageAssets; title: string; children: Child }) {
  return (
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={props.assets.stylesheet} />
        <script src={props.assets.script} defer></script>
      </head>
      <body>{props.children}</body>
    </html>
  );
}

/** A document rendered once to its text. Throws if a component in it ever became asynchronous. */
function renderDocument(element: JSX.Element): string {
  // hono types an element as its rendered text; at run time it is a node whose text is a Promise as soon as any
  // component in the tree is async, so the text is checked, not trusted.
  const html: unknown = element instanceof Promise ? element : element.toString();
  if (typeof html !== "string") throw new Error("A page must render synchronously");
  return `<!doctype html>\n${html}\n`;
}

/**
 * The document of a page drawn by its own script (packages/web/src/pages): the page's name, the stylesheet, the
 * script, and the loading line the script replaces. Static, so it is rendered once and cached like an asset; what
 * the page shows is the API's answer to the signed-in caller, never part of the document. The page's language is
 * the user's choice, known only in the browser, so the loading line says both.
 */
export function renderAppDocument(props: { assets: PageAssets; title: Text }): string {
  return renderDocument(
    <Document assets={props.assets} title={`${props.title.id} – Rujuk`}>
      <div id="app">
        <Loading />
      </div>
    </Document>,
  );
}
