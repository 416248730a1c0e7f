import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".data/", ".sst/", "infra/generated/", "packages/functions/src/web/generated/", "coverage/"] },
  js.configs.recommended,
  // Type-checked: a promise nobody awaits, an await of a non-promise, a method passed without its object are errors.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ["./tsconfig.json", "./tsconfig.infra.json", "./packages/web/tsconfig.json", "./packages/web/tsconfig.worker.json"], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-floating-promises": "error",
      // Tests read answers as JSON (`any`) on purpose, to check what goes over the wire whatever its type, and infra
      // types through SST's generated platform globals, which the linter's program does not resolve; the packages'
      // code parses what it reads (stored rows, requests, task payloads), so there `any` is an error (below).
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "no-console": "off",
    },
  },
  {
    files: ["packages/*/src/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}", "**/testing/**"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "error",
      "@typescript-eslint/no-unsafe-assignment": "error",
      "@typescript-eslint/no-unsafe-call": "error",
      "@typescript-eslint/no-unsafe-argument": "error",
      "@typescript-eslint/no-unsafe-return": "error",
    },
  },
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
  // SST types its config through a generated reference; that is the documented way to write sst.config.ts.
  { files: ["sst.config.ts"], rules: { "@typescript-eslint/triple-slash-reference": "off" } },
);
