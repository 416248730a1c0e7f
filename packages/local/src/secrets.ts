import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface LocalSecrets {
  sessionSecret: string;
  nikKey: string;
}

/**
 * Local-mode secrets, made once and kept beside the data: a restart must keep sessions valid and, above all, keep
 * the NIK key, or duplicate detection would stop matching referrals stored before the restart.
 */
export async function localSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = join(dataDir, "secrets.json");
  try {
    return JSON.parse(await readFile(file, "utf8")) as LocalSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secrets = {
    sessionSecret: randomBytes(32).toString("base64url"),
    nikKey: randomBytes(32).toString("base64url"),
  };
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
  return secrets;
}
