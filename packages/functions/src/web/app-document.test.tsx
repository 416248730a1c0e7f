import { describe, expect, it } from "vitest";
import { renderAppDocument } from "./app-document.tsx";

describe("a typed page's document", () => {
  const page = renderAppDocument({
    assets: { script: "/js/x.js?v=s", stylesheet: "/app.css?v=c" },
    title: { id: "Kotak masuk", en: "Inbox" },
  });

  it("loads the given stylesheet and its one script, deferred, and names the page", () => {
    expect(page.startsWith('<!doctype html>\n<html lang="id"><head>')).toBe(true);
    expect(page).toContain('<link rel="stylesheet" href="/app.css?v=c"/>');
    expect(page).toContain('<script src="/js/x.js?v=s" defer=""></script>');
    expect(page).toContain("<title>Kotak masuk – Rujuk</title>");
  });

  it("has the place its script draws in, with what shows until then, and no inline script", () => {
    expect(page).toContain('<div id="app"><p id="boot" class="muted">');
    expect(page).toContain("<noscript>");
    expect(page.match(/<script/g)).toHaveLength(1);
  });
});
