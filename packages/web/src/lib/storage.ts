/**
 * This browser's storage for what must outlive a reload, a crash or a closed tab: JSON under `rujuk.<key>`. A
 * browser that refuses storage (some private windows) still works, but keeps nothing.
 */
export function readStored(key: string): unknown {
  try {
    const text = localStorage.getItem(`rujuk.${key}`);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(`rujuk.${key}`);
    else localStorage.setItem(`rujuk.${key}`, JSON.stringify(value));
  } catch {
    // Full or refused: the form still works; only a reload would lose what is typed.
  }
}
