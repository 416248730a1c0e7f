import { Invalid, fieldError } from "./errors.ts";
import { newId } from "./ids.ts";
import { hashPassword } from "./password.ts";
import { findRegion } from "./region.ts";
import type { UserStore } from "./store/users.ts";
import { TEXT } from "./text.ts";
import type { NewUser, User } from "./user.ts";

/**
 * Creates an account from a parsed `NewUser`: the admin route and the first-admin script (`npm run admin:create`)
 * both come here, so an account is never created by rules the other does not share. Whether the caller may create
 * it is the caller's to decide. The schema only checks a region code's form, so the region is looked up here; a taken
 * username is a Conflict from the store, and in either case nothing is written.
 */
export async function createAccount(users: UserStore, input: NewUser): Promise<User> {
  if (input.regionCode !== "" && !(await findRegion(input.regionCode))) {
    throw new Invalid([fieldError("regionCode", TEXT.unknownRegion)]);
  }
  const { password, ...profile } = input;
  return users.create({ id: newId(), ...profile }, await hashPassword(password));
}
