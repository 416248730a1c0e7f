import { type Body, api } from "../lib/api.ts";

/** The audit API's answers, as the typed client types them. */
export type EventsPage = Body<typeof api.audit.events.$get>;
export type TrailEvent = EventsPage["items"][number];
export type History = Body<(typeof api.audit.referrals)[":id"]["history"]["$get"]>;
export type Verification = Body<typeof api.audit.verify.$get>;
