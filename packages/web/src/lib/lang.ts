import type { Lang, Text } from "@rujuk/core/bilingual";

/**
 * The language the pages speak: Bahasa Indonesia unless the user chose English, remembered in this browser. Every
 * page draws each sentence once, in this language (`tr`), never both side by side.
 */
const KEY = "rujuk.lang";

export function currentLang(): Lang {
  try {
    return localStorage.getItem(KEY) === "en" ? "en" : "id";
  } catch {
    // Storage refused (a private window on some phones): Indonesian, as the app starts.
    return "id";
  }
}

/** Remembers `lang` and redraws the page in it (state worth keeping is in drafts, which survive the reload). */
export function chooseLang(lang: Lang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Not remembered, but still shown for this page.
  }
  location.reload();
}

/** `text` in the page's language. */
export function tr(text: Text): string {
  return text[currentLang()];
}

/** A sentence written here, for the page's own words (core's texts and labels are already `Text`). */
export function say(id: string, en: string): Text {
  return { id, en };
}
