import type { Text } from "@rujuk/core/bilingual";
import { useEffect, useState } from "hono/jsx/dom";
import { type Body, api, send } from "./api.ts";

/** A PPKS category as the API lists it: its code and its name in each language. */
export type Category = Body<typeof api.categories.$get>[number];

let asked: Promise<Category[]> | undefined;

/**
 * The PPKS categories (GET /api/categories), asked once per page; the browser and the service worker keep the
 * answer a day. Empty when it cannot be had (offline before the list was ever kept): a page then shows codes.
 */
export function categories(): Promise<Category[]> {
  asked ??= send(() => api.categories.$get()).then((r) => {
    if (r.ok) return r.data;
    asked = undefined;
    return [];
  });
  return asked;
}

/** A category's name in both languages, for `tr`. */
export function categoryText(category: Category): Text {
  return { id: category.name, en: category.nameEn };
}

/** The categories for a page to draw: empty until they arrive. */
export function useCategories(): Category[] {
  const [list, setList] = useState<Category[]>([]);
  useEffect(() => {
    void categories().then(setList);
  }, []);
  return list;
}

/** The name of category `code` in the page's words, or the code while (or if) the list is not there. */
export function categoryName(list: readonly Category[], code: string): Text {
  const found = list.find((c) => c.code === code);
  return found ? categoryText(found) : { id: code, en: code };
}
