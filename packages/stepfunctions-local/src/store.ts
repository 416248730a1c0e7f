import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import {
  type ExecutionRecord,
  type HistoryEvent,
  type StateMachineRecord,
  type TokenRecord,
  type TokenStatus,
  wakeAt,
} from "./records.ts";

const pad = (n: number, width: number) => String(Math.max(0, Math.floor(n))).padStart(width, "0");
const execKey = (arn: string) => ({ PK: `EXEC#${arn}`, SK: "EXEC" });
const eventKey = (arn: string, id: number) => ({ PK: `EXEC#${arn}`, SK: `EVENT#${pad(id, 10)}` });
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

function executionFrom(row: Record<string, unknown>): ExecutionRecord {
  const { PK: _pk, SK: _sk, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, ...rest } = row;
  return {
    ...(rest as unknown as ExecutionRecord),
    position: JSON.parse(row.position as string),
    variables: JSON.parse(row.variables as string),
    retries: JSON.parse(row.retries as string),
  };
}

function eventRow(arn: string, event: HistoryEvent) {
  return { ...eventKey(arn, event.id), ...event, details: event.details ? JSON.stringify(event.details) : undefined };
}

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
        if ((error as Error).name === "ConditionalCheckFailedException") throw new StaleWrite();
        throw error;
      }
    },

    async getStateMachine(arn: string): Promise<StateMachineRecord | undefined> {
      const { Item } = await db.send(
        new GetCommand({ TableName: table, Key: { PK: "STATEMACHINES", SK: arn }, ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const { PK: _pk, SK: _sk, ...record } = Item;
      return record as StateMachineRecord;
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
        for (const { PK: _pk, SK: _sk, ...record } of page.Items ?? []) records.push(record as StateMachineRecord);
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
      return Item ? executionFrom(Item) : undefined;
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
      return { arns: (page.Items ?? []).map((row) => (row.PK as string).slice(5)), next: page.LastEvaluatedKey };
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
      const events = (page.Items ?? []).map(({ PK: _pk, SK: _sk, details, ...event }) => ({
        ...(event as HistoryEvent),
        ...(details ? { details: JSON.parse(details as string) } : {}),
      }));
      return { events, next: page.LastEvaluatedKey };
    },

    async getToken(token: string): Promise<TokenRecord | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: tokenKey(token), ConsistentRead: true }));
      if (!Item) return undefined;
      const { PK: _pk, SK: _sk, ...record } = Item;
      return record as TokenRecord;
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
      return (page.Items ?? []).map((row) => (row.PK as string).slice(5));
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
      const sk = page.Items?.[0]?.GSI2SK as string | undefined;
      return sk ? Number(sk.split("#")[0]) : undefined;
    },
  };
}

export type EngineStore = ReturnType<typeof engineStore>;
