export * from "./errors.ts";
export * from "./text.ts";
