import type { Text } from "@rujuk/core/bilingual";
import { Document, Loading, type ShellAssets, renderDocument } from "./shell.tsx";

/**
 * The document of a page drawn by its own script (packages/web/src/pages): the page's name, the stylesheet, the
 * script, and the loading line the script replaces. Static, so it is rendered once and cached like an asset; what
 * the page shows is the API's answer to the signed-in caller, never part of the document.
 */
export function renderAppDocument(props: { assets: ShellAssets; title: Text }): string {
  return renderDocument(
    <Document assets={props.assets} title={`${props.title.id} – Rujuk`}>
      <div id="app">
        <Loading id="boot" />
      </div>
    </Document>,
  );
}
