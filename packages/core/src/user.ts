import * as z from "zod";
import { isRegionCode } from "./region.ts";
import { ROLES, type Role, fitsRole } from "./role.ts";
import { text } from "./validation.ts";

// The roles' pure rules live in role.ts, for the browser; this module stays where they are imported from.
export { ROLES, type Role };
export { ROLE_REGION_LEVEL } from "./role.ts";

export const User = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  regionCode: z.string(),
  email: z.string().optional(),
  disabled: z.boolean().optional(),
  /**
   * The password was set by someone else (an admin, or `npm run admin:create`): until its owner chooses a new one,
   * the session may do nothing but that (session.ts).
   */
  mustChangePassword: z.boolean().optional(),
});
export type User = z.infer<typeof User>;

/** A password a person chooses, for their own account or for another's: the length rule is this one, everywhere. */
export const Password = z.string().min(10, { error: "passwordWeak" }).max(200);

/** What an admin sends to create an account. */
export const NewUser = z
  .strictObject({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{3,40}$/, { error: "usernameFormat" }),
    name: text(120),
    role: z.enum(ROLES),
    regionCode: z
      .string()
      .trim()
      .refine((c) => c === "" || isRegionCode(c), { error: "unknownRegion" }),
    email: z.email().max(200).optional(),
    password: Password,
  })
  .superRefine((u, ctx) => {
    if (!fitsRole(u.role, u.regionCode)) {
      ctx.addIssue({ code: "custom", path: ["regionCode"], message: "regionWrongLevel" });
    }
  });
export type NewUser = z.infer<typeof NewUser>;

export const Login = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(100),
  password: z.string().min(1).max(200),
});

/**
 * What a signed-in user sends to change their own password. The new one must differ from the current one; that it
 * is not the username is checked by `checkNewPassword` (account.ts), which knows whose it is.
 */
export const PasswordChange = z
  .strictObject({
    currentPassword: z.string().min(1).max(200),
    newPassword: Password,
  })
  .refine((change) => change.newPassword !== change.currentPassword, {
    path: ["newPassword"],
    error: "passwordUnchanged",
  });
export type PasswordChange = z.infer<typeof PasswordChange>;

/**
 * Who is calling: established once per request from the signed session and the stored account, then passed to every
 * repository call, so that object-level authorization holds by construction.
 */
export interface Actor {
  id: string;
  username: string;
  name: string;
  role: Role;
  regionCode: string;
}

export function actorOf(user: User): Actor {
  return { id: user.id, username: user.username, name: user.name, role: user.role, regionCode: user.regionCode };
}

export { OFFICIAL_ROLES } from "./role.ts";
