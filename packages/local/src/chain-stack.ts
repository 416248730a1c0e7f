import { localEndpoint } from "@rujuk/core/aws-local";
import {
  CreateStateMachineCommand,
  SFNClient,
  StateMachineAlreadyExists,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import type { AppDeps } from "@rujuk/functions/deps";
import { type SendSignal, approvalTasks } from "@rujuk/functions/tasks";
import { reconcile } from "@rujuk/functions/workflow/delivery";
import { stepFunctionsWorkflow } from "@rujuk/functions/workflow/step-functions";
import {
  type Clock,
  type Engine,
  type LocalEndpoint,
  SfnError,
  type TaskHandler,
  startLocalEndpoint,
} from "@rujuk/stepfunctions-local";
import { TASK_FUNCTIONS, type TaskFunction } from "@rujuk/core/chain-tasks";
import { approvalChainDefinition, localFunctionNames } from "./approval-chain.ts";
import type { LocalDeps } from "./app-deps.ts";

export const STATE_MACHINE_NAME = "rujuk-approval-chain";

/** The same SDK client as in AWS, pointed at the local endpoint. */
function localSfnClient(endpoint: string): SFNClient {
  return new SFNClient({
    ...localEndpoint(endpoint),
    region: "us-east-1",
  });
}

/** Creates the approval-chain state machine, or updates it to the committed definition. */
async function ensureStateMachine(sfn: SFNClient, definition: string): Promise<string> {
  const roleArn = "arn:aws:iam::123456789012:role/rujuk-local";
  try {
    return (await sfn.send(new CreateStateMachineCommand({ name: STATE_MACHINE_NAME, definition, roleArn })))
      .stateMachineArn!;
  } catch (error) {
    if (!(error instanceof StateMachineAlreadyExists)) throw error;
    const arn = `arn:aws:states:us-east-1:123456789012:stateMachine:${STATE_MACHINE_NAME}`;
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition }));
    return arn;
  }
}

/**
 * How the task handlers signal their own workflow locally. A handler runs inside its execution's step here, and the
 * engine takes an answer to that task only once the step is committed: awaited in the handler, the answer would wait
 * on itself (AWS takes it at once, so the Lambda entry awaits it). So the answer is handed to the engine in-process,
 * which counts it as work under way from this call (`settled()` waits for it, as it would not for a request still on
 * its way over HTTP), and the handler returns. A token no longer waited on means another delivery got there first.
 */
function sendAfterStep(engine: Engine): SendSignal {
  return (token, output) => {
    void engine.sendTaskSuccess({ taskToken: token, output: JSON.stringify(output) }).catch((error: unknown) => {
      if (!(error instanceof SfnError && error.type === "TaskDoesNotExist"))
        console.error("a task's signal failed; the reconciler delivers it", error);
    });
    return Promise.resolve();
  };
}

/**
 * Puts the real approval chain behind the app's deps: the local Step Functions endpoint (persisting in the same
 * DynamoDB Local), the committed state machine, the task handlers registered by their function names, and the
 * Step Functions workflow adapter. Returns deps with that workflow, and the endpoint to stop.
 */
export async function withApprovalChain(
  deps: LocalDeps,
  options: {
    dynamoEndpoint: string;
    port: number;
    tableName?: string;
    engineClock?: Clock;
    /** Puts something around a task handler as it is registered: a benchmark times the tasks with it. */
    wrapTask?: (name: TaskFunction, handler: TaskHandler) => TaskHandler;
  },
): Promise<{ deps: AppDeps; endpoint: LocalEndpoint; sfn: SFNClient; reconcile: () => ReturnType<typeof reconcile> }> {
  const endpoint = await startLocalEndpoint({
    dynamoEndpoint: options.dynamoEndpoint,
    port: options.port,
    ...(options.tableName ? { tableName: options.tableName } : {}),
    ...(options.engineClock ? { clock: options.engineClock } : {}),
    setup(engine) {
      const tasks = approvalTasks(deps, sendAfterStep(engine));
      for (const name of TASK_FUNCTIONS)
        engine.registerHandler(name, options.wrapTask?.(name, tasks[name]) ?? tasks[name]);
    },
  });
  const sfn = localSfnClient(endpoint.endpoint);
  // Locally a task function's "ARN" is the name its handler is registered under.
  const stateMachineArn = await ensureStateMachine(sfn, approvalChainDefinition(localFunctionNames()));
  const workflow = stepFunctionsWorkflow({ sfn, stateMachineArn, items: deps.store.items });
  const wired = { ...deps, workflow };
  return { deps: wired, endpoint, sfn, reconcile: () => reconcile(deps.store.items, workflow) };
}
