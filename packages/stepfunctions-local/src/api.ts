import { Hono } from "hono";
import type { Operations } from "./operations.ts";
import { SfnError } from "./errors.ts";
import type { ExecutionRecord, HistoryEvent, StateMachineRecord } from "./records.ts";

/**
 * The Step Functions API over HTTP in AWS's JSON 1.0 protocol: `POST /` with `X-Amz-Target:
 * AWSStepFunctions.<Action>`, timestamps as epoch seconds, errors as `{ "__type", "message" }`. With only the
 * endpoint changed, `@aws-sdk/client-sfn` and other Step Functions tools talk to it as to AWS.
 */
const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

function machineSummary(m: StateMachineRecord) {
  return { stateMachineArn: m.stateMachineArn, name: m.name, type: m.type, creationDate: seconds(m.creationDate) };
}

function executionSummary(e: ExecutionRecord) {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: seconds(e.startDate),
    ...(e.stopDate === undefined ? {} : { stopDate: seconds(e.stopDate) }),
  };
}

function historyEvent(event: HistoryEvent) {
  return {
    id: event.id,
    previousEventId: event.previousEventId,
    timestamp: seconds(event.timestamp),
    type: event.type,
    ...(event.details ? { [event.details[0]]: event.details[1] } : {}),
  };
}

type Body = Record<string, unknown>;
const str = (value: unknown) => (typeof value === "string" ? value : undefined);

function actions(operations: Operations): Record<string, (body: Body) => Promise<unknown>> {
  return {
    async CreateStateMachine(b) {
      const m = await operations.createStateMachine({
        name: str(b.name),
        definition: str(b.definition),
        roleArn: str(b.roleArn),
        type: str(b.type),
      });
      return { stateMachineArn: m.stateMachineArn, creationDate: seconds(m.creationDate) };
    },
    async DescribeStateMachine(b) {
      const m = await operations.describeStateMachine(str(b.stateMachineArn));
      return { ...machineSummary(m), status: "ACTIVE", definition: m.definition, roleArn: m.roleArn };
    },
    async ListStateMachines() {
      return { stateMachines: (await operations.listStateMachines()).map(machineSummary) };
    },
    async UpdateStateMachine(b) {
      const m = await operations.updateStateMachine({
        stateMachineArn: str(b.stateMachineArn),
        definition: str(b.definition),
        roleArn: str(b.roleArn),
      });
      return { updateDate: seconds(m.updateDate) };
    },
    async StartExecution(b) {
      const e = await operations.startExecution({
        stateMachineArn: str(b.stateMachineArn),
        name: str(b.name),
        input: str(b.input),
      });
      return { executionArn: e.executionArn, startDate: seconds(e.startDate) };
    },
    async DescribeExecution(b) {
      const e = await operations.describeExecution(str(b.executionArn));
      return {
        ...executionSummary(e),
        input: e.input,
        inputDetails: { included: true },
        ...(e.output === undefined ? {} : { output: e.output, outputDetails: { included: true } }),
        ...(e.error === undefined ? {} : { error: e.error }),
        ...(e.cause === undefined ? {} : { cause: e.cause }),
      };
    },
    async ListExecutions(b) {
      const page = await operations.listExecutions({
        stateMachineArn: str(b.stateMachineArn),
        statusFilter: str(b.statusFilter) as ExecutionRecord["status"] | undefined,
        maxResults: typeof b.maxResults === "number" ? b.maxResults : undefined,
        nextToken: str(b.nextToken),
      });
      return {
        executions: page.executions.map(executionSummary),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
    async StopExecution(b) {
      const { stopDate } = await operations.stopExecution({
        executionArn: str(b.executionArn),
        error: str(b.error),
        cause: str(b.cause),
      });
      return { stopDate: seconds(stopDate) };
    },
    async GetExecutionHistory(b) {
      const page = await operations.getExecutionHistory({
        executionArn: str(b.executionArn),
        maxResults: typeof b.maxResults === "number" ? b.maxResults : undefined,
        nextToken: str(b.nextToken),
        reverseOrder: b.reverseOrder === true,
      });
      return { events: page.events.map(historyEvent), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
    SendTaskSuccess: (b) => operations.sendTaskSuccess({ taskToken: str(b.taskToken), output: str(b.output) }),
    SendTaskFailure: (b) =>
      operations.sendTaskFailure({ taskToken: str(b.taskToken), error: str(b.error), cause: str(b.cause) }),
    SendTaskHeartbeat: (b) => operations.sendTaskHeartbeat({ taskToken: str(b.taskToken) }),
  };
}

function awsError(type: string, message: string, status: 400 | 500 = 400): Response {
  return new Response(JSON.stringify({ __type: type, message }), {
    status,
    headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-errortype": type },
  });
}

/** The HTTP front of the API's operations (an `Engine` is one). */
export function sfnApi(operations: Operations) {
  const table = actions(operations);
  return new Hono().post("/", async (c) => {
    const target = c.req.header("x-amz-target") ?? "";
    const [service, action] = target.split(".");
    const handler = service === "AWSStepFunctions" && action ? table[action] : undefined;
    if (!handler) return awsError("UnknownOperationException", `Unsupported operation: ${target || "(none)"}`);
    let body: Body;
    try {
      const text = await c.req.text();
      body = text ? (JSON.parse(text) as Body) : {};
    } catch {
      return awsError("SerializationException", "The request body is not valid JSON");
    }
    try {
      const result = await handler(body);
      return new Response(JSON.stringify(result ?? {}), {
        headers: { "content-type": "application/x-amz-json-1.0" },
      });
    } catch (error) {
      if (error instanceof SfnError) return awsError(error.type, error.message);
      console.error(`${action} failed`, error);
      return awsError("InternalFailure", "The local Step Functions endpoint failed; see its log", 500);
    }
  });
}
