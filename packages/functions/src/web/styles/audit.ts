/** The stylesheet part of the audit pages (joined into the one stylesheet by styles.ts). */
export const CSS = String.raw``;
