import type { Text } from "@rujuk/core/bilingual";
import type { RefObject } from "hono/jsx/dom";
import { say, tr } from "./lang.ts";

/**
 * The two buttons that end a "are you sure?" step: do it, or cancel. Both wait while it runs, and the first says so
 * (`busyText`). Shared by the decision panel, withdrawing an item and the admin's account actions. `id` names the
 * buttons `<id>-confirm` and `<id>-cancel`; `danger` marks an action that cannot be undone.
 */
export function ConfirmActions(props: {
  id?: string;
  text: Text;
  busyText?: Text;
  danger?: boolean;
  /** Extra classes of the two buttons, for the page's own styles. */
  confirmClass?: string;
  cancelClass?: string;
  busy: boolean;
  confirmRef?: RefObject<HTMLButtonElement | null>;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirmClass = [props.danger ? "danger" : "", props.confirmClass ?? ""].filter(Boolean).join(" ");
  return (
    <div class="actions">
      <button
        type="button"
        {...(props.id ? { id: `${props.id}-confirm` } : {})}
        class={confirmClass || undefined}
        ref={props.confirmRef}
        disabled={props.busy}
        onClick={props.onConfirm}
      >
        {tr(props.busy && props.busyText ? props.busyText : props.text)}
      </button>
      <button
        type="button"
        {...(props.id ? { id: `${props.id}-cancel` } : {})}
        class={["ghost", props.cancelClass ?? ""].filter(Boolean).join(" ")}
        disabled={props.busy}
        onClick={props.onCancel}
      >
        {tr(say("Batal", "Cancel"))}
      </button>
    </div>
  );
}
