/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Deploys Rujuk with SST v4: `npx sst deploy --stage <stage>` (DEPLOY.md). Each concern is a small module in
 * `infra/` returning what it made. `npm run check:infra` synthesises this program offline and checks it.
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
    const { storage } = await import("./infra/storage.ts");
    const { email, secrets } = await import("./infra/email.ts");
    const { api, gateway } = await import("./infra/api.ts");
    const { stateMachineArn, workflow } = await import("./infra/workflow.ts");
    const { alarms } = await import("./infra/alarms.ts");
    const access = await import("./infra/permissions.ts");

    const { table, auditTable } = storage();
    const keys = secrets();
    const mail = email();
    const front = gateway();
    const machine = stateMachineArn();

    // Every function: the tables, the keys, the state machine's ARN.
    const base = {
      environment: {
        RUJUK_TABLE: table.name,
        RUJUK_AUDIT_TABLE: auditTable.name,
        RUJUK_SESSION_SECRET: keys.session.value,
        RUJUK_NIK_KEY: keys.nikKey.value,
        RUJUK_STATE_MACHINE_ARN: machine.arn,
      },
      permissions: [...access.tableAccess(table), ...access.auditAccess(auditTable)],
    };
    // The tasks bundle also notifies (the reconciler shares it, but sends nothing); only the task functions may send.
    const notifying = {
      ...base.environment,
      RUJUK_APP_URL: front.url,
      ...(mail ? { RUJUK_EMAIL_FROM: mail.from } : {}),
    };
    const driving = access.workflowAccess(machine.arn);
    const chain = workflow(
      {
        tasks: {
          environment: notifying,
          permissions: [
            ...base.permissions,
            // OpenApproval answers its own task when a decision met the level's last token timed out.
            ...access.taskAnswerAccess(machine.arn),
            ...(mail ? access.emailAccess(mail.email, mail.from) : []),
          ],
        },
        reconciler: { environment: notifying, permissions: [...base.permissions, ...driving] },
      },
      machine,
    );
    const route = api(front, { environment: base.environment, permissions: [...base.permissions, ...driving] });
    const watch = alarms({
      stateMachine: chain.stateMachine,
      gateway: front,
      functions: {
        ...Object.fromEntries(Object.entries(chain.tasks).map(([name, fn]) => [name, fn.name])),
        Reconcile: chain.reconciler.nodes.function.name,
        Api: route.nodes.function.name,
      },
      tables: { Table: table, AuditTable: auditTable },
    });

    return { url: front.url, stateMachine: chain.stateMachine.arn, alarms: watch.topic.arn };
  },
});
