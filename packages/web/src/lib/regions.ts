import { parentCode } from "@rujuk/core/region-code";
import { api, send } from "./api.ts";

/**
 * Region names for codes, from the API's reference lists (a code's siblings, asked once per parent per page and
 * cached by the browser and the service worker for a day), so a page says "Kec. Samarinda Ulu", not "64.72.01".
 */
const lists = new Map<string, Promise<Map<string, string>>>();

function siblingsOf(code: string): Promise<Map<string, string>> {
  const parent = parentCode(code);
  let list = lists.get(parent);
  if (!list) {
    list = send(() => api.regions.$get({ query: parent ? { parent } : {} })).then(
      (r) => new Map(r.ok ? r.data.map((region) => [region.code, region.name]) : []),
    );
    lists.set(parent, list);
  }
  return list;
}

/** The name of the region `code`, or the code itself when it cannot be found (offline, say). */
export async function regionName(code: string): Promise<string> {
  if (code === "") return "";
  return (await siblingsOf(code)).get(code) ?? code;
}

/** The regions one level below `parent` (the provinces for `""`), for a picker. */
export async function childRegions(parent: string) {
  const r = await send(() => api.regions.$get({ query: parent ? { parent } : {} }));
  return r.ok ? r.data : [];
}
