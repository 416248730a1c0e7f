import { useEffect, useState } from "hono/jsx/dom";
import type { Failure } from "../lib/api.ts";
import { fieldErrors } from "../lib/form.tsx";
import { say, tr } from "../lib/lang.ts";
import { startPage } from "../lib/page.tsx";
import type { Me } from "../lib/session.ts";
import { Downloads } from "../audit/downloads.tsx";
import { ItemHistory } from "../audit/history.tsx";
import { Results } from "../audit/results.tsx";
import { ROLES_FOR } from "@rujuk/core/role-policy";
import { SearchForm } from "../audit/search-form.tsx";
import { VerifyButton } from "../audit/verify.tsx";
import { SEARCH_KEYS, type View, readView, viewPath } from "../audit/view.ts";

/**
 * The auditor's workspace at /audit: search the trail of their region, open an item's whole history, download the
 * search, check the chains are intact. What is shown lives in the URL, so reload and Back keep it; on a phone an
 * open item fills the screen, on a laptop it sits beside the search.
 */
function Audit(props: { me: Me }) {
  const scope = props.me.regionCode;
  const [view, setView] = useState<View>(() => readView(location.search, scope));
  const [failure, setFailure] = useState<Failure | null>(null);
  const [actorName, setActorName] = useState<string | undefined>(undefined);

  useEffect(() => {
    const back = () => setView(readView(location.search, scope));
    window.addEventListener("popstate", back);
    return () => window.removeEventListener("popstate", back);
  }, []);

  const go = (next: View) => {
    history.pushState(null, "", viewPath(next));
    setView(next);
  };
  const { search, item } = view;
  const errors = failure ? fieldErrors(failure, SEARCH_KEYS).byPath : {};

  return (
    <div class={item ? "audit with-item" : "audit"}>
      <section aria-labelledby="search-h" class="audit-search">
        <h2 id="search-h">{tr(say("Cari peristiwa", "Search events"))}</h2>
        <SearchForm
          scope={scope}
          search={search}
          actorName={actorName}
          errors={errors}
          onSearch={(next) => go({ search: next, item })}
        />
        <Downloads search={search} scope={scope} />
        <VerifyButton id="verify-region" target={{ region: search.region || scope }} />
      </section>
      {item ? (
        <ItemHistory
          me={props.me}
          item={item}
          closeHref={viewPath({ search, item: null })}
          onClose={() => go({ search, item: null })}
        />
      ) : null}
      <Results
        scope={scope}
        search={search}
        onFailure={setFailure}
        onOpen={(next) => go({ search, item: next })}
        onActor={(actor) => {
          setActorName(actor.name);
          go({ search: { ...search, actor: actor.id }, item });
        }}
        onActorNamed={setActorName}
      />
    </div>
  );
}

void startPage({ roles: ROLES_FOR.audit, content: (me) => <Audit me={me} /> });
