import { REGION_LEVEL_LABELS, SEX_LABELS, URGENCY_LABELS } from "@rujuk/core/labels";
import { formatDate } from "@rujuk/core/local-time";
import type { Body, api } from "./api.ts";
import { CATEGORIES, categoryName } from "./categories.ts";
import { Facts, RegionName } from "./item-view.tsx";
import { currentLang, say, tr } from "./lang.ts";
import { labelOf } from "./label-of.ts";

/** A referral as the API answers `GET /api/referrals/:id`. */
export type ReferralRead = Body<(typeof api.referrals)[":id"]["$get"]>;

/**
 * What a referral says of the person and the case, as its page and the inbox's pane both show it: one list of
 * facts, so the two never name a field differently. The NIK is as the API gives it (masked where the reader may
 * not see it whole).
 */
export function PersonFacts(props: { item: ReferralRead; id: string }) {
  const { item } = props;
  const s = item.subject;
  const sex = labelOf(SEX_LABELS, s.sex);
  return (
    <Facts
      id={props.id}
      rows={[
        [say("Nama", "Name"), s.name],
        [say("NIK", "NIK"), s.nik],
        [say("Tanggal lahir", "Date of birth"), formatDate(s.birthDate, currentLang())],
        [say("Jenis kelamin", "Sex"), sex ? tr(sex) : s.sex],
        [say("Alamat", "Address"), s.address],
        [REGION_LEVEL_LABELS.desa, <RegionName code={s.desaCode} />],
        [REGION_LEVEL_LABELS.kecamatan, <RegionName code={item.kecamatanCode} />],
      ]}
    />
  );
}

/** What the referral asks for. */
export function CaseFacts(props: { item: ReferralRead; id: string }) {
  const { item } = props;
  return (
    <Facts
      id={props.id}
      rows={[
        [say("Kategori PPKS", "PPKS category"), tr(categoryName(CATEGORIES, item.category))],
        [say("Urgensi", "Urgency"), tr(URGENCY_LABELS[item.urgency])],
        [say("Layanan yang dibutuhkan", "Service needed"), item.service],
        [say("Ringkasan kasus", "Case summary"), item.summary],
      ]}
    />
  );
}
