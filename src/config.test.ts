import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { callerQueueUrl, eventsPort, logLevel, region, stage, tableName, tablesPort } from "./config.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The TypeScript that ships: the app, the server entry and src/, without tests and test support. */
function shippedSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // The plugin runs in Architect's deploy and sandbox, never in a Lambda: it reads its own settings.
    if (entry.isDirectory()) return entry.name === "plugins" ? [] : shippedSources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("the configuration", () => {
  it("is the only shipped module that reads process.env", () => {
    const readers = [...shippedSources(join(root, "src")), ...shippedSources(join(root, "app")), join(root, "server.ts")]
      .filter((file) => readFileSync(file, "utf8").includes("process.env"))
      .map((file) => relative(root, file));
    expect(readers).toEqual(["src/config.ts"]);
  });

  it("finds the local DynamoDB and queue in ARC_SANDBOX first, then beside a sandbox, and never on AWS", () => {
    const arcSandbox = JSON.stringify({ ports: { tables: 5555, events: 4444 } });
    expect(tablesPort({ ARC_SANDBOX: arcSandbox, ARC_TABLES_PORT: "6000" })).toBe(5555);
    expect(eventsPort({ ARC_SANDBOX: arcSandbox, ARC_EVENTS_PORT: "6001" })).toBe(4444);
    expect(tablesPort({ ARC_TABLES_PORT: "6000" })).toBe(6000);
    expect(eventsPort({ ARC_EVENTS_PORT: "6001" })).toBe(6001);
    expect(tablesPort({})).toBeUndefined();
    expect(tablesPort({ ARC_SANDBOX: "{not json" })).toBeUndefined();
    for (const bad of ["", "0", "65536", "55.5", "port"]) expect(tablesPort({ ARC_TABLES_PORT: bad }), bad).toBeUndefined();
  });

  it("names the table from VANITY_TABLE, else sandbox's naming, and refuses to guess anywhere else", () => {
    expect(tableName({ VANITY_TABLE: "Stack-DataTable-X", ARC_SANDBOX: "{}", ARC_APP_NAME: "app" })).toBe("Stack-DataTable-X");
    expect(tableName({ ARC_SANDBOX: "{}", ARC_APP_NAME: "connect-vanity" })).toBe("connect-vanity-staging-data");
    expect(() => tableName({ ARC_APP_NAME: "connect-vanity" })).toThrow(/set VANITY_TABLE/);
  });

  it("reads the stage, region, queue and log level with their defaults", () => {
    expect(stage({})).toBe("testing");
    expect(stage({ ARC_ENV: "production" })).toBe("production");
    expect(() => stage({ ARC_ENV: "prod" })).toThrow(/ARC_ENV must be testing, staging or production/);
    expect(region({})).toBe("us-west-2");
    expect(region({ AWS_REGION: "eu-west-1" })).toBe("eu-west-1");
    expect(callerQueueUrl({ VANITY_CALLER_QUEUE_URL: "" })).toBeUndefined();
    expect(logLevel({ LOG_LEVEL: " Debug " })).toBe("debug");
  });

  it("takes any whole port in range from ARC_TABLES_PORT", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 65535 }), (port) => tablesPort({ ARC_TABLES_PORT: String(port) }) === port));
  });
});
