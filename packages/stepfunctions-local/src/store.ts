import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import {
  EventDetails,
  ExecutionRecord,
  HistoryEvent,
  Position,
  Retries,
  StateMachineRecord,
  TokenRecord,
  type TokenStatus,
  Variables,
  wakeAt,
} from "./records.ts";

const pad = (n: number, width: number) => String(Math.max(0, Math.floor(n))).padStart(width, "0");
const EXEC = "EXEC#";
const execKey = (arn: string) => ({ PK: `${EXEC}${arn}`, SK: "EXEC" });
const eventKey = (arn: string, id: number) => ({ PK: `${EXEC}${arn}`, SK: `EVENT#${pad(id, 10)}` });
const tokenKey = (token: string) => ({ PK: `TOKEN#${token}`, SK: "TOKEN" });

/** Raised when a conditional write finds the row changed (another step won) or already there. */
export class StaleWrite extends Error {
  override name = "StaleWrite";
}

function executionRow(record: ExecutionRecord, now: number) {
  const wake = wakeAt(record, now);
  return {
    ...execKey(record.executionArn),
    ...record,
    position: JSON.stringify(record.position),
    variables: JSON.stringify(record.variables),
    retries: JSON.stringify(record.retries),
    GSI1PK: `EXECS#${record.stateMachineArn}`,
    GSI1SK: `${pad(record.startDate, 15)}#${record.name}`,
    ...(wake === undefined ? {} : { GSI2PK: "TIMERS", GSI2SK: `${pad(wake, 15)}#${record.executionArn}` }),
  };
}

/**
 * A column of JSON text, read as what `schema` parses from the JSON: text that is not JSON is a row of the wrong
 * shape as much as JSON of another one.
 */
function jsonText<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        ctx.addIssue({ code: "custom", message: "Invalid input: expected JSON text", input: text });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

// Parsing a row keeps the record's own attributes: the table and index keys drop out.
const ExecutionRow = ExecutionRecord.extend({
  position: jsonText(Position),
  variables: jsonText(Variables),
  retries: jsonText(Retries),
});

function eventRow(arn: string, event: HistoryEvent) {
  return { ...eventKey(arn, event.id), ...event, details: event.details ? JSON.stringify(event.details) : undefined };
}

const EventRow = HistoryEvent.extend({ details: jsonText(EventDetails).optional() });

/** An execution's row or index entry, whose key holds the execution's ARN. */
const ExecutionEntry = z.object({ PK: z.string().startsWith(EXEC) });
const arnOf = (entry: unknown) => ExecutionEntry.parse(entry).PK.slice(EXEC.length);

/** An entry of the timer index: its sort key starts with the wake time. */
const TimerEntry = z.object({ GSI2SK: z.string().regex(/^\d+#/) });

export interface TokenWrite {
  token: TokenRecord;
  /** The status the token must have for the write to apply; absent for a new token. */
  expect?: TokenStatus;
}

/** The engine's persistence: every step of an execution is one conditional transaction. */
export function engineStore(db: DynamoDBDocumentClient, table: string) {
  return {
    async putStateMachine(record: StateMachineRecord, mode: "create" | "update"): Promise<void> {
      try {
        await db.send(
          new PutCommand({
            TableName: table,
            Item: { PK: "STATEMACHINES", SK: record.stateMachineArn, ...record },
            ConditionExpression: mode === "create" ? "attribute_not_exists(PK)" : "attribute_exists(PK)",
          }),
        );
      } catch (error) {
        if (error instanceof Error && error.name === "ConditionalCheckFailedException") throw new StaleWrite();
        throw error;
      }
    },

    async getStateMachine(arn: string): Promise<StateMachineRecord | undefined> {
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: { PK: "STATEMACHINES", SK: arn }, ConsistentRead: true }),
      );
      return Item ? StateMachineRecord.parse(Item) : undefined;
    },

    async listStateMachines(): Promise<StateMachineRecord[]> {
      const records: StateMachineRecord[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: "PK = :pk",
            ExpressionAttributeValues: { ":pk": "STATEMACHINES" },
            ExclusiveStartKey: start,
          }),
        );
        for (const row of page.Items ?? []) records.push(StateMachineRecord.parse(row));
        start = page.LastEvaluatedKey;
      } while (start);
      return records;
    },

    /** Writes a new execution and its first events; `StaleWrite` if an execution of that ARN exists. */
    async createExecution(record: ExecutionRecord, events: HistoryEvent[], now: number): Promise<void> {
      await this.commit(record, events, [], now, "create");
    },

    async getExecution(arn: string): Promise<ExecutionRecord | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: execKey(arn), ConsistentRead: true }));
      return Item ? ExecutionRow.parse(Item) : undefined;
    },

    /** Execution ARNs of a state machine, newest first, a page at a time. */
    async listExecutionArns(
      stateMachineArn: string,
      limit: number,
      cursor?: Record<string, unknown>,
    ): Promise<{ arns: string[]; next?: Record<string, unknown> | undefined }> {
      const page = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: "GSI1",
          KeyConditionExpression: "GSI1PK = :pk",
          ExpressionAttributeValues: { ":pk": `EXECS#${stateMachineArn}` },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursor,
        }),
      );
      return { arns: (page.Items ?? []).map(arnOf), next: page.LastEvaluatedKey };
    },

    /**
     * Commits one step: the execution as it now stands (only if its version is still the one the step started from),
     * the step's history events, and its token changes, all or nothing. `StaleWrite` when another step won.
     */
    async commit(
      record: ExecutionRecord,
      events: HistoryEvent[],
      tokens: TokenWrite[],
      now: number,
      mode: "create" | "update" = "update",
    ): Promise<void> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: executionRow(record, now),
                  ...(mode === "create"
                    ? { ConditionExpression: "attribute_not_exists(PK)" }
                    : {
                        ConditionExpression: "version = :previous",
                        ExpressionAttributeValues: { ":previous": record.version - 1 },
                      }),
                },
              },
              ...events.map((event) => ({
                Put: {
                  TableName: table,
                  Item: eventRow(record.executionArn, event),
                  ConditionExpression: "attribute_not_exists(PK)",
                },
              })),
              ...tokens.map(({ token, expect }) => ({
                Put: {
                  TableName: table,
                  Item: { ...tokenKey(token.token), ...token },
                  ...(expect
                    ? {
                        ConditionExpression: "#status = :expected",
                        ExpressionAttributeNames: { "#status": "status" },
                        ExpressionAttributeValues: { ":expected": expect },
                      }
                    : { ConditionExpression: "attribute_not_exists(PK)" }),
                },
              })),
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          const reasons = error.CancellationReasons ?? [];
          if (reasons.some((r) => r.Code === "ConditionalCheckFailed")) throw new StaleWrite();
        }
        throw error;
      }
    },

    async history(
      arn: string,
      options: { reverse: boolean; limit: number; cursor?: Record<string, unknown> | undefined },
    ): Promise<{ events: HistoryEvent[]; next?: Record<string, unknown> | undefined }> {
      const page = await db.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: "PK = :pk AND begins_with(SK, :event)",
          ExpressionAttributeValues: { ":pk": `EXEC#${arn}`, ":event": "EVENT#" },
          ScanIndexForward: !options.reverse,
          Limit: options.limit,
          ExclusiveStartKey: options.cursor,
          ConsistentRead: true,
        }),
      );
      return { events: (page.Items ?? []).map((row) => EventRow.parse(row)), next: page.LastEvaluatedKey };
    },

    async getToken(token: string): Promise<TokenRecord | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: tokenKey(token), ConsistentRead: true }));
      return Item ? TokenRecord.parse(Item) : undefined;
    },

    /** ARNs of running executions whose wake time has come, oldest first. */
    async due(now: number, limit = 100): Promise<string[]> {
      const page = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: "GSI2",
          KeyConditionExpression: "GSI2PK = :timers AND GSI2SK <= :now",
          ExpressionAttributeValues: { ":timers": "TIMERS", ":now": `${pad(now, 15)}#~` },
          Limit: limit,
        }),
      );
      return (page.Items ?? []).map(arnOf);
    },

    /** The earliest wake time of any running execution. */
    async nextWake(): Promise<number | undefined> {
      const page = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: "GSI2",
          KeyConditionExpression: "GSI2PK = :timers",
          ExpressionAttributeValues: { ":timers": "TIMERS" },
          Limit: 1,
        }),
      );
      const entry = page.Items?.[0];
      return entry ? Number(TimerEntry.parse(entry).GSI2SK.split("#")[0]) : undefined;
    },
  };
}

export type EngineStore = ReturnType<typeof engineStore>;
