/**
 * A user-facing sentence in Bahasa Indonesia (`id`, the UI's first language) and English (`en`). Its own module so
 * that the sentence tables (text.ts, and form-text.ts, which text.ts spreads) share the shape without importing each
 * other.
 */
export interface Text {
  en: string;
  id: string;
}

/** A language the UI speaks: one of the keys of `Text`. */
export type Lang = keyof Text;
