import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "tools/**/*.test.ts"],
    environment: "node",
    // One real Architect sandbox (local DynamoDB, the Connect invoker) for the integration tests.
    globalSetup: ["src/test/sandbox-setup.ts"],
    testTimeout: 20_000,
  },
});
