import type { AuditEvent } from "../audit.ts";
import type { ItemKind } from "../chain.ts";
import {
  type Break,
  type DayDigest,
  type LedgerHeads,
  checkChain,
  chainKey,
  digestAccumulator,
  parseChainKey,
} from "../ledger.ts";
import { AUDIT_PROBLEMS, type Text } from "../text.ts";
import { type AuditStore, MalformedEvent } from "./audit.ts";
import type { ItemStore } from "./items.ts";

/** What verification found; `firstBroken` names the first problem in ledger order. */
export interface VerifyResult {
  ok: boolean;
  /** Events checked. */
  checked: number;
  /** Chains (items, and auditors' own logs) checked. */
  chains: number;
  /** How many chains are broken (and one more for a digest that does not match). */
  broken: number;
  firstBroken?: {
    item: string | null;
    kind: "referral" | "report" | "auditor" | "ledger";
    seq?: number;
    problem: Break["problem"];
    detail: string;
    detail_id: string;
  };
  /** The ledger's chained digest as of its last day, to keep outside the system (region checks only). */
  digest?: { through: string | null; value: string | null };
}

export interface KeptDigest {
  /** The UTC day the digest was taken for, `YYYY-MM-DD`. */
  through: string;
  value: string;
}

const CONCURRENCY = 8;

function describe(
  found: Break | { chain: null; problem: "digest_mismatch" },
): NonNullable<VerifyResult["firstBroken"]> {
  const text: Text = AUDIT_PROBLEMS[found.problem];
  const chain = found.chain === null ? null : parseChainKey(found.chain);
  return {
    item: chain?.id ?? null,
    kind: chain?.kind ?? "ledger",
    ...("seq" in found && found.seq !== undefined ? { seq: found.seq } : {}),
    problem: found.problem,
    detail: text.en,
    detail_id: text.id,
  };
}

/** Runs `work` over `inputs` with a few at a time, keeping results in input order. */
async function pool<I, O>(inputs: readonly I[], work: (input: I) => Promise<O>, onDone?: (done: number) => void) {
  const results = new Array<O>(inputs.length);
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, inputs.length) }, async () => {
      while (next < inputs.length) {
        const i = next++;
        results[i] = await work(inputs[i]!);
        onDone?.(++done);
      }
    }),
  );
  return results;
}

/**
 * Verification: recomputes every hash chain and checks it against the region ledger, the items' records and, when
 * given, a digest kept outside the system. Reads only; the same code serves the API and `npm run audit:verify`.
 */
export function verifier(stores: { audit: AuditStore; items: ItemStore }) {
  const { audit, items } = stores;

  /** A chain's events, or the break a malformed one is: a stored event changed so much it is no event at all. */
  async function eventsOf(chain: string): Promise<AuditEvent[] | Break> {
    try {
      return await audit.events(chain);
    } catch (error) {
      if (!(error instanceof MalformedEvent)) throw error;
      return { chain, problem: "event_changed", ...(error.seq === undefined ? {} : { seq: error.seq }) };
    }
  }

  function check(
    chain: string,
    events: AuditEvent[] | Break,
    ledger: LedgerHeads,
    head: Parameters<typeof checkChain>[3],
  ) {
    if (!Array.isArray(events)) return { events: 0, problem: events };
    return { events: events.length, problem: checkChain(chain, events, ledger, head) };
  }

  async function checkOne(chain: string, ledger: LedgerHeads) {
    const { kind, id } = parseChainKey(chain);
    const [events, head] = await Promise.all([
      eventsOf(chain),
      kind === "auditor" ? Promise.resolve(undefined) : items.auditHead(kind, id),
    ]);
    return check(chain, events, ledger, head);
  }

  function summarise(results: { events: number; problem: Break | null }[], extra: Break[] = []): VerifyResult {
    const problems = [...results.map((r) => r.problem).filter((p): p is Break => p !== null), ...extra];
    const first = problems[0];
    return {
      ok: problems.length === 0,
      checked: results.reduce((sum, r) => sum + r.events, 0),
      chains: results.length,
      broken: problems.length,
      ...(first ? { firstBroken: describe(first) } : {}),
    };
  }

  return {
    /** One item's chain, its ledger entries (read by key) and its record. */
    async item(kind: ItemKind, id: string): Promise<VerifyResult> {
      const chain = chainKey(kind, id);
      const [events, head] = await Promise.all([eventsOf(chain), items.auditHead(kind, id)]);
      const ledger: LedgerHeads = new Map();
      if (Array.isArray(events))
        for (const row of await audit.ledgerOf(events, head?.region ?? "")) ledger.set(row.seq, row.hash);
      return summarise([check(chain, events, ledger, head)]);
    },

    /**
     * Every chain the ledger of `scope` names, and every item the region index lists there. Progress goes to
     * `onProgress` (chains checked, chains in all) for long runs.
     */
    async region(
      scope: string,
      options: { kept?: KeptDigest | undefined; onProgress?: (done: number, total: number) => void } = {},
    ): Promise<VerifyResult> {
      const chains = new Map<string, LedgerHeads>();
      const digests = digestAccumulator();
      for await (const row of audit.ledger(["items", "access"], scope)) {
        let heads = chains.get(row.chain);
        if (!heads) {
          heads = new Map();
          chains.set(row.chain, heads);
        }
        heads.set(row.seq, row.hash);
        digests.add(row);
      }
      const days = digests.finish();

      // An item the region index lists but the ledger never heard of was not written by the app.
      const unledgered: Break[] = [];
      for (const kind of ["referral", "report"] as const) {
        for await (const id of items.idsIn(kind, scope)) {
          const chain = chainKey(kind, id);
          if (!chains.has(chain)) unledgered.push({ chain, problem: "not_in_ledger" });
        }
      }

      const list = [...chains.keys()];
      const results = await pool(
        list,
        (chain) => checkOne(chain, chains.get(chain)!),
        (done) => options.onProgress?.(done, list.length),
      );
      const result = summarise(results, unledgered);
      const latest = days.at(-1);
      result.digest = { through: latest?.day ?? null, value: latest?.digest ?? null };
      if (options.kept && !keptMatches(days, options.kept)) {
        result.ok = false;
        result.broken++;
        result.firstBroken ??= describe({ chain: null, problem: "digest_mismatch" });
      }
      return result;
    },
  };
}

/** True when the ledger's digest as of the kept day is the kept value. */
function keptMatches(days: readonly DayDigest[], kept: KeptDigest): boolean {
  const asOf = days.filter((d) => d.day <= kept.through).at(-1);
  return (asOf?.digest ?? null) === kept.value;
}
