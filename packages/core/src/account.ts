import { Invalid, fieldError } from "./errors.ts";
import { newId } from "./ids.ts";
import { hashPassword, oneTimePassword } from "./password.ts";
import { findRegion } from "./region.ts";
import type { AccountSession, Credentials, UserStore } from "./store/users.ts";
import { TEXT } from "./text.ts";
import type { NewUser, PasswordChange, User } from "./user.ts";

/**
 * Creates an account from a parsed `NewUser`: the admin route and the first-admin script (`npm run admin:create`)
 * both come here, so an account is never created by rules the other does not share. Whether the caller may create
 * it is the caller's to decide. The schema only checks a region code's form, so the region is looked up here; a taken
 * username is a Conflict from the store, and in either case nothing is written.
 *
 * Whoever created the account knows its password (the admin who typed it, the operator the script showed it to), so
 * it is marked `mustChangePassword`: its owner's first sign-in can do nothing but choose their own.
 */
export async function createAccount(users: UserStore, input: NewUser): Promise<User> {
  if (input.regionCode !== "" && !(await findRegion(input.regionCode))) {
    throw new Invalid([fieldError("regionCode", TEXT.unknownRegion)]);
  }
  const { password, ...profile } = input;
  return users.create({ id: newId(), ...profile, mustChangePassword: true }, await hashPassword(password));
}

/**
 * Gives an account a one-time password made here (`oneTimePassword`) that its owner must change at the next sign-in,
 * and ends its sessions. The password is answered once, for the admin to pass on, and kept only as its hash. Whether
 * the caller may reset this account is the caller's to decide (policy `onAccount`); a missing one is NotFound.
 */
export async function resetPassword(users: UserStore, id: string): Promise<{ user: User; temporaryPassword: string }> {
  const temporaryPassword = oneTimePassword();
  const user = await users.resetPassword(id, await hashPassword(temporaryPassword));
  return { user, temporaryPassword };
}

/**
 * What a new password must be beyond its schema (`PasswordChange`: long enough, not the current one), given whose it
 * is: not the owner's username, in any case. Checked before the current password is, so a refusal here writes
 * nothing, not even a failed attempt.
 */
export function checkNewPassword(username: string, change: PasswordChange): void {
  if (change.newPassword.trim().toLowerCase() === username.toLowerCase()) {
    throw new Invalid([fieldError("newPassword", TEXT.passwordIsUsername)]);
  }
}

/**
 * Stores the new password of an owner who has just proved their current one against `proved`, clears
 * `mustChangePassword` and ends every session; answers the account and the session version a new token must carry.
 * If the password changed in between (an admin's reset), the proof no longer holds and nothing is written.
 */
export async function changePassword(
  users: UserStore,
  proved: Credentials,
  newPassword: string,
): Promise<AccountSession> {
  const changed = await users.changePassword(proved.user.id, proved.passwordHash, await hashPassword(newPassword));
  if (!changed) throw new Invalid([fieldError("currentPassword", TEXT.currentPasswordWrong)]);
  return changed;
}
