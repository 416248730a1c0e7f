import { describe, expect, it, vi } from "vitest";

describe("sst.config.ts", () => {
  it("is an SST $config whose app() names the app, keeps production data and runs in Jakarta (run() is checked by the synth in infra.test.ts)", async () => {
    vi.stubGlobal("$config", (config: unknown) => config);
    // A computed specifier keeps the type checker out: sst.config.ts is typed by SST's generated .sst/platform files.
    const file = "../sst.config.ts";
    const { default: config } = await import(/* @vite-ignore */ file);
    const prod = config.app({ stage: "production" });
    expect(prod).toMatchObject({ name: "rujuk", home: "aws", removal: "retain", protect: true });
    expect(prod.providers.aws.region).toBe("ap-southeast-3");
    expect(config.app({ stage: "dev" })).toMatchObject({ removal: "remove", protect: false });
    vi.unstubAllGlobals();
  });
});
