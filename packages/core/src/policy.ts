import { Conflict, Forbidden, NotFound } from "./errors.ts";
import type { Level } from "./chain.ts";
import { isWithin } from "./region.ts";
import { TEXT, type Text } from "./text.ts";
import { type Action, mayEver } from "./role-policy.ts";
import type { Actor } from "./user.ts";

export { ACTIONS, type Action, ROLES_FOR, mayEver } from "./role-policy.ts";

/**
 * Who may do what, in one place: routes, plans and the store ask here, and nothing else decides access. The order of
 * the questions is the policy:
 *
 * 1. A role that may never take the action is `forbidden` before any object is looked up: the answer reveals nothing.
 * 2. An object outside the actor's reach (another region, another officer's item) is `not_found`, as if it did not
 *    exist. A region is public reference data, so one outside the actor's is `forbidden` instead.
 * 3. Within reach, what the object's owner or state rules out: deciding on one's own item is `forbidden`; an item
 *    waiting at another level is a `conflict` (it is not waiting for this actor now).
 *
 * `enforce` turns an answer into the domain error that `problem.ts` (functions) maps to HTTP: 404, 403, 409.
 * README.md carries the same policy as a table for people; a test keeps the two alike.
 */

export type Answer = "allow" | "not_found" | "forbidden" | "conflict";

/** What the policy needs to know of an item (an audit trail's item may be known by its region alone). */
export interface ItemFacts {
  kecamatanCode: string;
  submittedBy?: { id: string };
  currentLevel?: Level | null;
}

/** True when `regionCode` lies inside the actor's jurisdiction (`""` is national: everything). */
export function covers(actor: Pick<Actor, "regionCode">, regionCode: string): boolean {
  return isWithin(regionCode, actor.regionCode);
}

/** The submitter's actions reach their own items only; a TKSK reads only their own; everyone else, their region. */
function reaches(actor: Actor, action: Action, item: ItemFacts): boolean {
  const own = item.submittedBy?.id === actor.id;
  if (action === "edit" || action === "resubmit" || action === "withdraw") return own;
  if (actor.role === "tksk") return own;
  return covers(actor, item.kecamatanCode);
}

/** May the actor take the action on this item? */
export function onItem(actor: Actor, action: Action, item: ItemFacts): Answer {
  if (!mayEver(actor.role, action)) return "forbidden";
  if (!reaches(actor, action, item)) return "not_found";
  if (action === "decide") {
    if (item.submittedBy?.id === actor.id) return "forbidden";
    if (item.currentLevel !== actor.role) return "conflict";
  }
  return "allow";
}

/** May the actor take the action in this region (a search, an account to create, a desa to file in)? */
export function inRegion(actor: Actor, action: Action, regionCode: string): Answer {
  if (!mayEver(actor.role, action)) return "forbidden";
  return covers(actor, regionCode) ? "allow" : "forbidden";
}

/** What is done to another's account: managing it (`accounts`: disable) or setting it a one-time password. */
export type AccountAction = Extract<Action, "accounts" | "resetPassword">;

/**
 * May the actor take the action on this account? One outside their region is as if it did not exist; their own is
 * a `conflict`: an admin does not disable themselves, and changes their own password as everyone does.
 */
export function onAccount(
  actor: Actor,
  account: { id: string; regionCode: string },
  action: AccountAction = "accounts",
): Answer {
  if (!mayEver(actor.role, action)) return "forbidden";
  if (!covers(actor, account.regionCode)) return "not_found";
  return account.id === actor.id ? "conflict" : "allow";
}

/** May the actor take the action at all (before any object)? */
export function onAction(actor: Actor, action: Action): Answer {
  return mayEver(actor.role, action) ? "allow" : "forbidden";
}

/** Throws the error an answer other than `allow` stands for, with the message given for that answer, if any. */
export function enforce(answer: Answer, texts: Partial<Record<Answer, Text>> = {}): void {
  switch (answer) {
    case "allow":
      return;
    case "not_found":
      throw new NotFound(texts.not_found);
    case "forbidden":
      throw new Forbidden(texts.forbidden);
    case "conflict":
      throw new Conflict(texts.conflict ?? TEXT.notPendingAtYourLevel);
  }
}

/** `onItem`, enforced; the messages say why where the role alone does not (one's own item, another level). */
export function enforceOnItem(actor: Actor, action: Action, item: ItemFacts): void {
  const answer = onItem(actor, action, item);
  if (answer === "conflict") throw new Conflict(TEXT.notPendingAtYourLevel, { level: item.currentLevel });
  enforce(answer, mayEver(actor.role, action) ? { forbidden: TEXT.ownItem } : {});
}
