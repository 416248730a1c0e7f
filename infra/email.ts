/**
 * The SES sender for notifications. `RUJUK_EMAIL_SENDER` (set when deploying) is a domain the team controls, or one
 * address; SES must verify it (DEPLOY.md). Without it, notifications are in-app only, which suits a trial stage but
 * not production.
 */
export function email() {
  const sender = process.env.RUJUK_EMAIL_SENDER;
  if (!sender) {
    if ($app.protect) {
      throw new Error(
        "RUJUK_EMAIL_SENDER is required for production (a domain or address SES can verify); see DEPLOY.md",
      );
    }
    return undefined;
  }
  const isDomain = !sender.includes("@");
  const from = isDomain ? `rujuk@${sender}` : sender;
  // SST writes a domain's DKIM records into its Route 53 zone; with DNS elsewhere, the team adds them (DEPLOY.md).
  const manualDns = isDomain && process.env.RUJUK_EMAIL_DNS === "manual";
  return { email: new sst.aws.Email("Email", { sender, ...(manualDns ? { dns: false as const } : {}) }), from };
}

/** The keys the app signs sessions and hashes NIKs with: set with `npx sst secret set <Name> <value> --stage …`. */
export function secrets() {
  return { session: new sst.Secret("SessionSecret"), nikKey: new sst.Secret("NikKey") };
}
