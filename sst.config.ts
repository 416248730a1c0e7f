/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Deploys Rujuk with SST v4 (`npx sst deploy --stage <stage>`). For now it declares the app only; the table, the
 * API function and the approval-chain state machine arrive as `infra/*.ts` modules, each returning its resources.
 */
export default $config({
  app(input) {
    return {
      name: "rujuk",
      home: "aws",
      // Referrals and their audit trail are records of the state: never delete them with a stage.
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: input?.stage === "production",
      providers: { aws: { region: "ap-southeast-3" } },
    };
  },
  async run() {
    return {};
  },
});
