/**
 * A positive whole number from the environment variable `name`, or `fallback` when it is unset or empty; anything
 * else is refused with the variable named, so a mistyped setting fails the run instead of measuring something else.
 */
export function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}
