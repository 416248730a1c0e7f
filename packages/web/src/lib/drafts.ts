import { useEffect, useState } from "hono/jsx/dom";
import { readStored, writeStored } from "./storage.ts";

/**
 * A form's draft, kept in this browser as it is typed, per account and per form (`referral:new`,
 * `report:01J…`), so a reload, a crash or a dead battery loses nothing. Cleared once the server has the item.
 */
const keyOf = (account: string, form: string) => `draft.${account}.${form}`;

export function loadDraft(account: string, form: string): unknown {
  return readStored(keyOf(account, form));
}

export function clearDraft(account: string, form: string): void {
  writeStored(keyOf(account, form), undefined);
}

/**
 * The form's values, starting from its draft if there is one (`restore` checks the stored value still fits the
 * form, so a draft of an older release is dropped, not trusted) and saved on every change.
 */
export function useDraft<T>(
  account: string,
  form: string,
  empty: T,
  restore: (stored: unknown) => T | undefined,
): { value: T; set: (next: T) => void; restored: boolean; clear: () => void } {
  const [state, setState] = useState(() => {
    const stored = restore(loadDraft(account, form));
    return { value: stored ?? empty, restored: stored !== undefined };
  });
  useEffect(() => {
    if (state.value !== empty) writeStored(keyOf(account, form), state.value);
  }, [state.value]);
  return {
    value: state.value,
    restored: state.restored,
    set: (next: T) => setState({ value: next, restored: state.restored }),
    clear: () => {
      clearDraft(account, form);
      setState({ value: empty, restored: false });
    },
  };
}
