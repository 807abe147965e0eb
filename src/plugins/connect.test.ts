// The connect plugin: the local invoker of the sandbox that src/test/sandbox-setup.ts started
// (which runs the built Lambda, build/connect/index.mjs), and the CloudFormation it adds,
// on the template Architect really packages from app.arc (offline).
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { deleteCaller } from "../data/callers.server.js";
import { uniqueNumber } from "../test/local-db.js";
import plugin, { addConnectCallerResources } from "./connect.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const invoker = `http://localhost:${process.env.CONNECT_INVOKE_PORT}/`;
const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((e164) => deleteCaller({ e164 })));
});

describe("the local invoker", () => {
  it("runs the Connect Lambda on a POSTed event and answers its response", async () => {
    const e164 = uniqueNumber();
    created.push(e164);
    const event = { Name: "ContactFlowEvent", Details: { Parameters: {}, ContactData: { CustomerEndpoint: { Address: e164, Type: "TELEPHONE_NUMBER" } } } };
    const post = () => fetch(invoker, { method: "POST", body: JSON.stringify(event) });
    const first = await post();
    expect(first.status).toBe(200);
    const body = (await first.json()) as Record<string, string>;
    expect(body).toMatchObject({ status: "OK", source: "new", vanity1: expect.stringMatching(/^1-/) });
    expect(await (await post()).json()).toEqual({ ...body, source: "existing" });
  });

  it("answers GET with how to use it, and a body that is not JSON with 400", async () => {
    const usage = await fetch(invoker);
    expect(usage.status).toBe(200);
    expect(await usage.text()).toContain("POST a Connect contact flow event");
    const bad = await fetch(invoker, { method: "POST", body: "{not json" });
    expect(bad.status).toBe(400);
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
    // The gsi1 index the entity queries.
    expect(cfn.Resources.DataTable.Properties.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName)).toEqual(["gsi1"]);
  });
});
