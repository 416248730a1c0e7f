import type { Notifier } from "@rujuk/core/notify";
import type { ApprovalWorkflow } from "@rujuk/core/workflow";
import type { Store } from "@rujuk/core/store/index";

export interface DevAccount {
  username: string;
  password: string;
  role: string;
  regionCode: string;
  name: string;
}

/** Everything the app needs from outside, passed in so tests and local mode choose real or faulty parts. */
export interface AppDeps {
  store: Store;
  workflow: ApprovalWorkflow;
  /** Signs session tokens. */
  sessionSecret: string;
  /** Keys the NIK hash of the duplicate index. */
  nikKey: string;
  /** Local mode serves the demo accounts and drops the Secure flag from cookies (plain http://localhost). */
  local: boolean;
  devAccounts?: DevAccount[];
  clock?: () => Date;
  /** Tells officials and submitters what happened (in-app and email); absent, the chain runs silently. */
  notifier?: Notifier;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
}

export type Env = {
  Variables: {
    actor: import("@rujuk/core/user").Actor;
    viaCookie: boolean;
    cursors: import("./cursor.ts").CursorSeal;
  };
};
