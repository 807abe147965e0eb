import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "tools/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // One real Architect sandbox (local DynamoDB, the Connect invoker) for the integration tests.
    globalSetup: ["test/sandbox-setup.ts"],
    testTimeout: 20_000,
    // Passing tests print no info lines: warnings and errors still show, and tests that expect
    // an error capture it (captureLogs) and check it.
    setupFiles: ["test/print-warnings-only.ts"],
  },
});
