import type { Text } from "@rujuk/core/bilingual";
import { CATEGORIES, type Category } from "@rujuk/core/category";

export { CATEGORIES };
import { tr } from "./lang.ts";

export type { Category };

/**
 * The PPKS categories: core's list itself, shipped with the page (the API checks every item against the same list),
 * so a form offers them and a page names them without a request, online or not.
 */
export function useCategories(): readonly Category[] {
  return CATEGORIES;
}

/** A category's name in both languages, for `tr`. */
export function categoryText(category: Category): Text {
  return { id: category.name, en: category.nameEn };
}

/** The name of category `code` in both languages, or the code of one the list does not have. */
export function categoryName(list: readonly Category[], code: string): Text {
  const found = list.find((c) => c.code === code);
  return found ? categoryText(found) : { id: code, en: code };
}

/** `code – name` in the page's language, where officials scan a list by code. */
export function categoryLabel(code: string): string {
  return `${code} – ${tr(categoryName(CATEGORIES, code))}`;
}
