import { DomainError, TEXT, type Text } from "@rujuk/core";
import { createAccount } from "@rujuk/core/account";
import { oneTimePassword } from "@rujuk/core/password";
import { findRegion } from "@rujuk/core/region";
import { createDocumentClient, createStore } from "@rujuk/core/store/index";
import { NewUser } from "@rujuk/core/user";
import { parse } from "@rujuk/core/validation";
import { Resource } from "sst/resource";
import { commandLine } from "./command-line.ts";

/**
 * `npm run admin:create -- --username <u> --region <code>`: the first admin of a newly deployed stage, who then
 * creates every other account in the app. It runs under `sst shell`, which hands it the stage's table names and the
 * operator's AWS credentials, and applies the same schema and region check as `POST /api/admin/users`. The password
 * it prints is a one-time password: the admin must choose their own at the first sign-in.
 * Exit code 0: created; 1: refused (bad input, taken username), nothing written; 2: it could not run.
 */
const USAGE = `Usage: SST_STAGE=<stage> npm run admin:create -- --username <name> --region <code> [options]

  --username <name>   3-40 lowercase letters, digits, dots, dashes or underscores
  --region <code>     the admin's region: a province (64), kabupaten/kota (64.08) or kecamatan (64.08.01);
                      --region "" for the whole country
  --name "<name>"     the admin's full name (default "Administrator")
  --email <address>   where the app sends the admin's notifications
  --stage <stage>     refuse to run unless sst shell is connected to this stage

Under sst shell it writes to the stage's table (the SST link "Table"); without it, to RUJUK_TABLE, at
DYNAMODB_ENDPOINT if set (e.g. http://127.0.0.1:8000 for npm start), else in AWS.`;

/**
 * The physical name of a table SST links (its `Dynamo` components link `{ name }`). SST's own reader is used rather
 * than the variables themselves because it also reads the other forms sst shell passes links in (one JSON variable
 * on Windows). Reading a link it does not have throws, hence the `in`.
 */
function linked(name: "Table" | "AuditTable"): string | undefined {
  const links = Resource as unknown as Record<string, { name?: unknown } | undefined>;
  const value = name in links ? links[name]?.name : undefined;
  return typeof value === "string" && value ? value : undefined;
}

const FLAGS: Record<string, string> = {
  username: "--username",
  name: "--name",
  regionCode: "--region",
  email: "--email",
};
const both = (text: Text) => `${text.id} / ${text.en}`;

const { args, fail } = commandLine(USAGE, {
  username: { type: "string" },
  region: { type: "string" },
  name: { type: "string" },
  email: { type: "string" },
  stage: { type: "string" },
  help: { type: "boolean", short: "h" },
});

// Forgetting SST_STAGE connects sst shell to the operator's personal stage; --stage turns that into a refusal.
const stage = "App" in Resource ? Resource.App.stage : undefined;
if (args.stage !== undefined && args.stage !== stage) {
  fail(
    stage === undefined
      ? `--stage ${args.stage}: not running under sst shell. Run: SST_STAGE=${args.stage} npm run admin:create -- …`
      : `--stage ${args.stage}: sst shell is connected to stage "${stage}". Run: SST_STAGE=${args.stage} npm run admin:create -- …`,
  );
}
if (stage !== undefined && !linked("Table")) {
  fail(`Stage "${stage}" has no linked table "Table": is it deployed? (npx sst deploy --stage ${stage})`);
}
const table =
  linked("Table") ||
  process.env.RUJUK_TABLE ||
  fail("No table: run it through npm run admin:create (sst shell), or set RUJUK_TABLE.");

const endpoint = process.env.DYNAMODB_ENDPOINT;
const store = createStore(
  createDocumentClient({ endpoint, ...(endpoint ? { region: "local" } : {}) }),
  table,
  undefined,
  linked("AuditTable") ?? process.env.RUJUK_AUDIT_TABLE,
);
console.error(
  `Creating the admin in ${stage === undefined ? "" : `stage ${stage}, `}table ${table} (${endpoint ?? "AWS"})…`,
);

// Read off the terminal and typed once: the admin's first sign-in must replace it (createAccount marks it so).
const password = oneTimePassword();
try {
  const input = parse(NewUser, {
    username: args.username,
    name: args.name ?? "Administrator",
    role: "admin",
    regionCode: args.region,
    email: args.email,
    password,
  });
  const user = await createAccount(store.users, input);
  const region = user.regionCode === "" ? "(nasional / national)" : (await findRegion(user.regionCode))?.name;
  console.log(both(TEXT.adminCreated));
  console.log();
  if (stage !== undefined) console.log(`  stage:     ${stage}`);
  console.log(`  username:  ${user.username}`);
  console.log(`  region:    ${user.regionCode} ${region ?? ""}`.trimEnd());
  console.log(`  password:  ${password}`);
  console.log();
  console.log(TEXT.oneTimePassword.id);
  console.log(TEXT.oneTimePassword.en);
} catch (error) {
  if (!(error instanceof DomainError)) {
    console.error(`Could not create the admin: ${(error as Error).message}\n${both(TEXT.nothingCreated)}`);
    process.exit(2);
  }
  console.error(both(error.text));
  for (const field of error.errors ?? []) {
    console.error(`  ${FLAGS[field.path] ?? field.path}: ${field.message_id} / ${field.message}`);
  }
  console.error(both(TEXT.nothingCreated));
  process.exit(1);
}
