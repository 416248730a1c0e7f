import {
  QueryCommand,
  TransactWriteCommand,
  GetCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { Conflict, NotFound } from "../errors.ts";
import { covers } from "../policy.ts";
import { TEXT } from "../text.ts";
import { type Actor, User } from "../user.ts";
import { indexPage, rowsFor } from "./batch.ts";
import { recentCache } from "./recent.ts";
import { failedConditions, isConditionalFailure } from "./errors.ts";
import type { Page, PageRequest } from "./page.ts";

const userKey = (id: string) => ({ PK: `USER#${id}`, SK: "USER" });
const usernameKey = (username: string) => ({ PK: `USERNAME#${username}`, SK: "USERNAME" });

/** An account as stored: the user, its password hash and its session version; keys and index entries drop out. */
const StoredUser = User.extend({
  passwordHash: z.string(),
  /** Bumped to end every session of the account at once (sign-out); tokens carry the version they were issued at. */
  sessionVersion: z.number().int().optional(),
});
type StoredUser = z.infer<typeof StoredUser>;

/** The claim on a username: the account that holds it. */
const UsernameClaim = z.object({ userId: z.string() });

/** The user of a stored account, without what never leaves the store (hash, session version). */
function userOf(stored: StoredUser): User {
  const { id, username, name, role, regionCode, email, disabled, mustChangePassword } = stored;
  return {
    id,
    username,
    name,
    role,
    regionCode,
    ...(email ? { email } : {}),
    ...(disabled ? { disabled } : {}),
    ...(mustChangePassword ? { mustChangePassword } : {}),
  };
}

/** The account and the session version its tokens must carry. */
export interface AccountSession {
  user: User;
  sessionVersion: number;
}

/** What signing in, or proving one's password again, needs of an account. */
export interface Credentials extends AccountSession {
  passwordHash: string;
}

const sessionOf = (stored: StoredUser): AccountSession => ({
  user: userOf(stored),
  sessionVersion: stored.sessionVersion ?? 0,
});

const credentialsOf = (stored: StoredUser): Credentials => ({
  ...sessionOf(stored),
  passwordHash: stored.passwordHash,
});

const toUser = (row: Record<string, unknown>): User => userOf(StoredUser.parse(row));

/**
 * How stale the account a request is authorised by may be: a sign-in check reads it at most this long ago on the
 * same instance. So a disabled account, a changed role or a sign-out takes effect on every other instance within
 * this time, and on the instance that made the change at once.
 */
export const ACCOUNT_CACHE_MS = 5_000;

/** Accounts. Password hashes go in and are checked here; they never come out in a `User`. */
export function userStore(db: DynamoDBDocumentClient, table: string, clock: () => Date = () => new Date()) {
  // One Lambda instance serves its users' requests one after another; a few thousand accounts are a few MB at most.
  const recent = recentCache<AccountSession | undefined>({ maxAgeMs: ACCOUNT_CACHE_MS, maxEntries: 5_000, clock });
  /** A write to the account: this instance forgets what it read of it, whether or not the write succeeds. */
  const writing = async <T>(id: string, write: () => Promise<T>): Promise<T> => {
    recent.forget(id);
    try {
      return await write();
    } finally {
      recent.forget(id);
    }
  };
  return {
    /** Creates the account and claims its username in one transaction; a taken username is a Conflict. */
    async create(user: User, passwordHash: string): Promise<User> {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: { ...usernameKey(user.username), userId: user.id },
                  ConditionExpression: "attribute_not_exists(PK)",
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: {
                    ...userKey(user.id),
                    ...user,
                    passwordHash,
                    GSI1PK: "USERS",
                    GSI1SK: `${user.regionCode}#${user.username}`,
                  },
                  ConditionExpression: "attribute_not_exists(PK)",
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (failedConditions(error).includes(0)) throw new Conflict(TEXT.usernameTaken, { username: user.username });
        throw error;
      }
      return user;
    },

    async get(id: string): Promise<User | undefined> {
      return (await this.session(id))?.user;
    },

    /** The account and the session version its tokens must carry. */
    async session(id: string): Promise<AccountSession | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: userKey(id) }));
      return Item ? sessionOf(StoredUser.parse(Item)) : undefined;
    },

    /**
     * The account as this instance read it at most ACCOUNT_CACHE_MS ago: what authorising a request reads, so a
     * burst of requests costs one read per user, not one each.
     */
    recentSession(id: string): Promise<AccountSession | undefined> {
      return recent.get(id, () => this.session(id));
    },

    /** The account, its session version and its password hash, for sign-in only. */
    async credentials(username: string): Promise<Credentials | undefined> {
      const claim = await db.send(new GetCommand({ TableName: table, Key: usernameKey(username) }));
      if (!claim.Item) return undefined;
      const { userId } = UsernameClaim.parse(claim.Item);
      return this.credentialsById(userId);
    },

    /** The same by account id: for a signed-in user who proves their password again (changing it). */
    async credentialsById(id: string): Promise<Credentials | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: userKey(id) }));
      return Item ? credentialsOf(StoredUser.parse(Item)) : undefined;
    },

    /**
     * Gives the account a password someone else set, which its owner must change at the next sign-in, and ends its
     * sessions: one update, so no session outlives the old password. A missing account is NotFound.
     */
    resetPassword(id: string, passwordHash: string): Promise<User> {
      return writing(id, async () => {
        try {
          const { Attributes } = await db.send(
            new UpdateCommand({
              TableName: table,
              Key: userKey(id),
              UpdateExpression: "SET passwordHash = :hash, mustChangePassword = :true ADD sessionVersion :one",
              ConditionExpression: "attribute_exists(PK)",
              ExpressionAttributeValues: { ":hash": passwordHash, ":true": true, ":one": 1 },
              ReturnValues: "ALL_NEW",
            }),
          );
          return toUser(Attributes!);
        } catch (error) {
          if (isConditionalFailure(error)) throw new NotFound();
          throw error;
        }
      });
    },

    /**
     * Replaces the password its owner just proved (`currentHash`) with one they chose, clears `mustChangePassword`
     * and ends every session, in one update; answers the account and its new session version. Undefined, writing
     * nothing, when the hash is no longer the one proved: the password was reset or changed meanwhile, and the newer
     * one stands.
     */
    changePassword(id: string, currentHash: string, passwordHash: string): Promise<AccountSession | undefined> {
      return writing(id, async () => {
        try {
          const { Attributes } = await db.send(
            new UpdateCommand({
              TableName: table,
              Key: userKey(id),
              UpdateExpression: "SET passwordHash = :hash REMOVE mustChangePassword ADD sessionVersion :one",
              ConditionExpression: "passwordHash = :current",
              ExpressionAttributeValues: { ":hash": passwordHash, ":current": currentHash, ":one": 1 },
              ReturnValues: "ALL_NEW",
            }),
          );
          return sessionOf(StoredUser.parse(Attributes));
        } catch (error) {
          if (isConditionalFailure(error)) return undefined;
          throw error;
        }
      });
    },

    /** Ends every session of the account: tokens issued before now stop working. */
    endSessions(id: string): Promise<void> {
      return writing(id, async () => {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: userKey(id),
            UpdateExpression: "ADD sessionVersion :one",
            ConditionExpression: "attribute_exists(PK)",
            ExpressionAttributeValues: { ":one": 1 },
          }),
        );
      });
    },

    /** Accounts inside the actor's region, ordered by region then username. */
    async listFor(actor: Actor, page: PageRequest): Promise<Page<User>> {
      const scoped = actor.regionCode !== "";
      return indexPage(
        db,
        {
          TableName: table,
          IndexName: "GSI1",
          KeyConditionExpression: scoped ? "GSI1PK = :pk AND begins_with(GSI1SK, :region)" : "GSI1PK = :pk",
          ExpressionAttributeValues: { ":pk": "USERS", ...(scoped ? { ":region": actor.regionCode } : {}) },
        },
        page,
        (row) => {
          const user = toUser(row);
          return covers(actor, user.regionCode) ? user : undefined;
        },
      );
    },

    /** Active accounts of one role whose region is exactly `regionCode`: the officials of a level in a region. */
    async withRoleIn(role: User["role"], regionCode: string): Promise<User[]> {
      const found: User[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: table,
            IndexName: "GSI1",
            KeyConditionExpression: "GSI1PK = :pk AND begins_with(GSI1SK, :region)",
            ExpressionAttributeValues: { ":pk": "USERS", ":region": `${regionCode}#` },
            ExclusiveStartKey: start,
          }),
        );
        for (const row of await rowsFor(db, table, page.Items ?? [])) {
          const user = toUser(row);
          if (user.role === role && !user.disabled) found.push(user);
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return found;
    },

    disable(id: string): Promise<User> {
      return writing(id, async () => {
        try {
          const { Attributes } = await db.send(
            new UpdateCommand({
              TableName: table,
              Key: userKey(id),
              UpdateExpression: "SET disabled = :true",
              ConditionExpression: "attribute_exists(PK)",
              ExpressionAttributeValues: { ":true": true },
              ReturnValues: "ALL_NEW",
            }),
          );
          return toUser(Attributes!);
        } catch (error) {
          if (isConditionalFailure(error)) throw new NotFound();
          throw error;
        }
      });
    },
  };
}

export type UserStore = ReturnType<typeof userStore>;
