import { TEXT, TooMany } from "@rujuk/core";
import { LOGIN_POLICY, waitFor } from "@rujuk/core/login-throttle";
import type { LoginStore } from "@rujuk/core/store/logins";

/** Whose password is being tried, from where, and when (epoch seconds). */
export interface PasswordAttempt {
  username: string;
  client: string;
  now: number;
}

/**
 * One password check under the sign-in throttle (core/login-throttle.ts). Signing in and proving one's password to
 * change it both come here and count against the same counters, so a stolen session cannot guess the password by
 * changing it, nor add guesses to those made at sign-in. While the account from this client, or this client at all,
 * must wait, it throws TooMany without checking; a wrong password counts a failure on both counters; a right one
 * clears the account's count. The client's count stays: signing in to one's own account must not reset a spray
 * across others.
 */
export async function checkThrottled(
  logins: LoginStore,
  { username, client, now }: PasswordAttempt,
  check: () => Promise<boolean>,
): Promise<boolean> {
  const account = { username, client };
  const [accountFailures, clientFailures] = await Promise.all([logins.get(account), logins.get({ client })]);
  const wait = Math.max(
    waitFor(LOGIN_POLICY.account, accountFailures, now),
    waitFor(LOGIN_POLICY.client, clientFailures, now),
  );
  if (wait > 0) throw new TooMany(TEXT.tooManyLogins, wait);
  if (await check()) {
    if (accountFailures) await logins.clear(account);
    return true;
  }
  await Promise.all([
    logins.recordFailure(account, accountFailures, now),
    logins.recordFailure({ client }, clientFailures, now),
  ]);
  return false;
}
