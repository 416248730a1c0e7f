import { AuditEvent } from "@rujuk/core/audit";
import { User } from "@rujuk/core/user";
import * as z from "zod";
import { named } from "./openapi.ts";

/** An account, as the routes that answer with one name it (sign-in, the caller, account management). */
export const UserAnswer = named("User", User, "output");

/** An audit event as the API answers it: for auditors, `masked` names the fields whose NIKs were masked. */
export const EventAnswer = named("AuditEvent", AuditEvent.extend({ masked: z.array(z.string()).optional() }), "output");
