// The connect plugin: the local invoker of the sandbox that test/sandbox-setup.ts started
// (which runs the built Lambda, build/connect/index.mjs), and the CloudFormation it adds,
// on the template Architect really packages from app.arc (offline).
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { callersToDelete, uniqueNumber } from "../../test/local-db.js";
import { statSync } from "node:fs";
import plugin, {
  addConnectCallerResources,
  bundleRebuilder,
  changesConnectBundle,
  lambdaEnv,
  MAX_EVENT_BYTES,
  MAX_EVENT_DEPTH,
  nestingDepth,
} from "./connect.js";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function restoreEnv(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const invoker = `http://localhost:${process.env.CONNECT_INVOKE_PORT}/`;
const created = callersToDelete();

describe("the local invoker", () => {
  it("runs the Connect Lambda on a POSTed event and answers its response", async () => {
    const e164 = uniqueNumber();
    created.push(e164);
    const event = {
      Name: "ContactFlowEvent",
      Details: { Parameters: {}, ContactData: { CustomerEndpoint: { Address: e164, Type: "TELEPHONE_NUMBER" } } },
    };
    const post = () => fetch(invoker, { method: "POST", body: JSON.stringify(event) });
    const first = await post();
    expect(first.status).toBe(200);
    const body = (await first.json()) as Record<string, string>;
    expect(body).toMatchObject({ status: "OK", source: "new", vanity1: expect.stringMatching(/^1-/) });
    expect(await (await post()).json()).toEqual({ ...body, source: "existing" });
  });

  it("refuses an event too large (413) or nested too deep (400), and keeps answering", async () => {
    const large = await fetch(invoker, { method: "POST", body: JSON.stringify({ pad: "x".repeat(MAX_EVENT_BYTES) }) });
    expect(large.status).toBe(413);
    // A few tens of KB of nesting once brought the whole sandbox down with a stack overflow.
    const deep = await fetch(invoker, { method: "POST", body: "[".repeat(20_000) + "]".repeat(20_000) });
    expect(deep.status).toBe(400);
    expect(await deep.json()).toEqual({ error: `The event is nested deeper than ${MAX_EVENT_DEPTH} levels.` });
    const event = {
      Name: "ContactFlowEvent",
      Details: { Parameters: {}, ContactData: { CustomerEndpoint: { Address: "anonymous", Type: "TELEPHONE_NUMBER" } } },
    };
    const after = await fetch(invoker, { method: "POST", body: JSON.stringify(event) });
    expect(after.status).toBe(200);
    expect((await after.json()).status).toBe("NO_NUMBER");
  });

  it("measures nesting without parsing, strings and escapes skipped", () => {
    expect(nestingDepth('{"a":[1,{"b":"[[[{{{"}]}')).toBe(3);
    expect(nestingDepth('"\\"[[[["')).toBe(0);
    expect(nestingDepth("[".repeat(100))).toBe(100);
    expect(nestingDepth("")).toBe(0);
  });

  it("listens on this machine only (127.0.0.1), not on every interface", async () => {
    const { execSync } = await import("node:child_process");
    const listening = execSync("cat /proc/net/tcp /proc/net/tcp6 2>/dev/null", { encoding: "utf8" });
    const port = Number(process.env.CONNECT_INVOKE_PORT).toString(16).toUpperCase().padStart(4, "0");
    // Local address column: 0100007F:PORT is 127.0.0.1; 00000000:PORT would be every interface.
    const rows = listening.split("\n").filter((row) => row.includes(`:${port} `) && / 0A /.test(row));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.trim().split(/\s+/)[1]).toBe(`0100007F:${port}`);
  });

  it("answers GET with how to use it, and a body that is not JSON with 400", async () => {
    const usage = await fetch(invoker);
    expect(usage.status).toBe(200);
    expect(await usage.text()).toContain("POST a Connect contact flow event");
    const bad = await fetch(invoker, { method: "POST", body: "{not json" });
    expect(bad.status).toBe(400);
  });

  it("runs the Lambda in warm environments by default, and says so", async () => {
    expect(await (await fetch(invoker)).text()).toMatch(/^Lambda: warm, up to \d+ environments reused between invocations$/m);
  });

  it("with CONNECT_INVOKER=cold, hands each event to sandbox's own invoke", async () => {
    const saved = { mode: process.env.CONNECT_INVOKER, port: process.env.CONNECT_INVOKE_PORT };
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const invoke = vi.fn(async () => ({ status: "OK" }));
    try {
      process.env.CONNECT_INVOKER = "cold";
      process.env.CONNECT_INVOKE_PORT = String(await freePort());
      await plugin.sandbox.start({ invoke }); // cold: sandbox's own invoke needs no inventory
      const url = `http://localhost:${process.env.CONNECT_INVOKE_PORT}/`;
      expect(await (await fetch(url)).text()).toMatch(/^Lambda: cold, a new process for every invocation/m);
      const answer = await fetch(url, { method: "POST", body: JSON.stringify({ Name: "ContactFlowEvent" }) });
      expect(await answer.json()).toEqual({ status: "OK" });
      expect(invoke).toHaveBeenCalledExactlyOnceWith({
        pragma: "customLambdas",
        name: "connect-caller",
        payload: { Name: "ContactFlowEvent" },
      });
    } finally {
      await plugin.sandbox.end();
      restoreEnv("CONNECT_INVOKER", saved.mode);
      restoreEnv("CONNECT_INVOKE_PORT", saved.port);
      log.mockRestore();
    }
  });

  it("refuses an unknown CONNECT_INVOKER mode or a bad number of environments, saying what to use", async () => {
    const saved = { mode: process.env.CONNECT_INVOKER, environments: process.env.CONNECT_INVOKE_ENVIRONMENTS };
    const inventory = { inv: { _project: { env: { local: null, plugins: null } }, customLambdas: [] } };
    try {
      process.env.CONNECT_INVOKER = "lukewarm";
      await expect(plugin.sandbox.start({ invoke: async () => ({}), inventory })).rejects.toThrow(
        'CONNECT_INVOKER is "lukewarm"; use warm (the default) or cold.',
      );
      process.env.CONNECT_INVOKER = "warm";
      for (const bad of ["0", "two", "1.5"]) {
        process.env.CONNECT_INVOKE_ENVIRONMENTS = bad;
        await expect(plugin.sandbox.start({ invoke: async () => ({}), inventory })).rejects.toThrow(
          `CONNECT_INVOKE_ENVIRONMENTS is "${bad}"; use a whole number, at least 1.`,
        );
      }
    } finally {
      restoreEnv("CONNECT_INVOKER", saved.mode);
      restoreEnv("CONNECT_INVOKE_ENVIRONMENTS", saved.environments);
    }
  });

  it("gives warm environments what sandbox gives a Lambda: ARC_* and the project's env for ARC_ENV, credentials, names", () => {
    const inventory = {
      inv: { _project: { env: { local: { testing: { LOCAL_ADMIN_PASSWORD: "x" } }, plugins: { testing: { QUIET: "1" } } } } },
    };
    const lambda = { pragma: "customLambdas", name: "connect-caller", src: "/app/build/connect", config: { memory: 1152 } };
    const kept = {
      ARC_ENV: "testing",
      ARC_SANDBOX: '{"ports":{}}',
      LOCAL_ADMIN_PASSWORD: "x",
      QUIET: "1",
      PATH: "/bin",
      AWS_REGION: "us-west-2",
    };
    const env = lambdaEnv(inventory, lambda, { ...kept, HOME: "/home/someone", NODE_OPTIONS: "--inspect" });
    expect(env).toEqual({
      ...kept,
      AWS_ACCESS_KEY_ID: "arcDummyAccessKey",
      AWS_SECRET_ACCESS_KEY: "arcDummySecretKey",
      AWS_LAMBDA_FUNCTION_NAME: "@customLambdas connect-caller",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1152",
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      LAMBDA_TASK_ROOT: "/app/build/connect",
      TZ: "UTC",
    });
  });

  it("warns and carries on, instead of crashing sandbox, when its port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as { port: number }).port;
    const saved = process.env.CONNECT_INVOKE_PORT;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      process.env.CONNECT_INVOKE_PORT = String(port);
      await expect(plugin.sandbox.start({ invoke: async () => ({}) })).resolves.toBeUndefined();
      expect(warn.mock.calls.join(" ")).toMatch(new RegExp(`port ${port} is already in use.*CONNECT_INVOKE_PORT`));
      await plugin.sandbox.end();
    } finally {
      process.env.CONNECT_INVOKE_PORT = saved;
      warn.mockRestore();
      blocker.close();
    }
  });
});

describe("under arc sandbox's file watcher (npm run dev)", () => {
  it("rebuilds the Lambda's bundle for a change to its sources, and only for those", () => {
    for (const source of [
      "src/connect/handler.ts",
      "src/vanity/search.ts",
      "src/data/callers.server.ts",
      "src/log.ts",
      "src/vanity/vanity-dictionary.bin",
    ]) {
      expect(changesConnectBundle(join(root, source)), source).toBe(true);
    }
    for (const other of [
      "src/vanity/search.test.ts",
      "test/fixtures/bad-events.json",
      "src/plugins/connect.js",
      "app/root.tsx",
      "build/connect/index.mjs",
      "README.md",
    ]) {
      expect(changesConnectBundle(join(root, other)), other).toBe(false);
    }
  });

  it("builds one at a time: changes during a build get one more build, not one each", async () => {
    const builds: Array<() => void> = [];
    const rebuild = bundleRebuilder(() => new Promise<void>((resolve) => builds.push(resolve)));
    const source = join(root, "src/vanity/search.ts");
    const first = rebuild(source);
    void rebuild(source);
    void rebuild(source);
    void rebuild(join(root, "README.md")); // not a source: no build of its own
    expect(builds).toHaveLength(1);
    builds[0]!();
    await new Promise((r) => setTimeout(r, 10));
    expect(builds).toHaveLength(2); // the two changes during the first build: one more
    builds[1]!();
    await first;
    expect(builds).toHaveLength(2);
  });

  it("really rebuilds build/connect/index.mjs, which the warm invoker then runs", async () => {
    const bundle = join(root, "build/connect/index.mjs");
    const before = statSync(bundle).mtimeMs;
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await plugin.sandbox.watcher({ filename: join(root, "src/vanity/format.ts") });
      expect(log.mock.calls.join(" ")).toMatch(/Connect Lambda rebuilt in \d+ ms/);
    } finally {
      log.mockRestore();
    }
    expect(statSync(bundle).mtimeMs).toBeGreaterThan(before);
    const event = {
      Name: "ContactFlowEvent",
      Details: { Parameters: {}, ContactData: { CustomerEndpoint: { Address: "anonymous", Type: "TELEPHONE_NUMBER" } } },
    };
    expect(await (await fetch(invoker, { method: "POST", body: JSON.stringify(event) })).json()).toMatchObject({ status: "NO_NUMBER" });
  }, 60_000);
});

describe("deploy: the CloudFormation", () => {
  it("declares the Lambda and lets only this account's Amazon Connect invoke it", async () => {
    const require = createRequire(import.meta.url);
    const inventory = require("@architect/inventory");
    const pkg = require("@architect/package");
    const inv = await inventory({ cwd: root, env: false, deployStage: "staging" });
    expect(inv.inv.customLambdas.map((l: { name: string }) => l.name)).toContain("connect-caller");

    const cfn = addConnectCallerResources(pkg(inv));
    const lambda = cfn.Resources.ConnectCallerCustomLambda;
    expect(lambda.Type).toBe("AWS::Serverless::Function");
    expect(lambda.Properties.CodeUri).toMatch(/build\/connect$/);
    expect(cfn.Resources.ConnectCallerInvokePermission).toEqual({
      Type: "AWS::Lambda::Permission",
      Properties: {
        Action: "lambda:InvokeFunction",
        FunctionName: { Ref: "ConnectCallerCustomLambda" },
        Principal: "connect.amazonaws.com",
        SourceAccount: { Ref: "AWS::AccountId" },
      },
    });
    expect(cfn.Outputs.ConnectCallerArn.Value).toEqual({ "Fn::GetAtt": ["ConnectCallerCustomLambda", "Arn"] });

    // The table's physical name reaches every function, the Remix one included.
    expect(cfn.Resources.DataTable.Type).toBe("AWS::DynamoDB::Table");
    type Resource = { Type: string; Properties: { Environment: { Variables: Record<string, unknown> } } };
    const functions = Object.values(cfn.Resources as Record<string, Resource>).filter((r) => r.Type === "AWS::Serverless::Function");
    expect(functions.length).toBeGreaterThanOrEqual(2);
    for (const f of functions) expect(f.Properties.Environment.Variables.VANITY_TABLE).toEqual({ Ref: "DataTable" });
    // The retry queue: its URL on the Connect Lambda only, and the role may send to it.
    expect(cfn.Resources.CallerWritesQueue.Type).toBe("AWS::SQS::Queue");
    expect(cfn.Resources.ConnectCallerCustomLambda.Properties.Environment.Variables.VANITY_CALLER_QUEUE_URL).toEqual({
      Ref: "CallerWritesQueue",
    });
    expect(functions.filter((f) => f.Properties.Environment.Variables.VANITY_CALLER_QUEUE_URL)).toHaveLength(1);
    expect(JSON.stringify(cfn.Resources.Role)).toContain("sqs:SendMessage");
    // The gsi1 index the entity queries.
    expect(cfn.Resources.DataTable.Properties.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName)).toEqual(["gsi1"]);
  });
});
