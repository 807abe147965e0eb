import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkFlow, type FlowDocument } from "./call/interpreter.js";
import {
  addContactFlow,
  connectInstanceArn,
  flowContentForSub,
  NEURAL_US_VOICES,
  readContactFlow,
  withVoice,
} from "../src/plugins/contact-flow.js";
import { addSmsPermission, originationIdentityArn, SMS_ROLE_ID } from "../src/plugins/sms-permission.js";
import { smsOriginationIdentity } from "../src/config.js";
import { DB_DEADLINE_MS } from "../src/connect/handler.js";
import { DB_CONNECTION_TIMEOUT_MS, DB_MAX_ATTEMPTS, DB_REQUEST_TIMEOUT_MS } from "../src/data/db.server.js";
import { buildTemplate, type CloudFormationTemplate } from "./template.js";

const INSTANCE_ARN = "arn:aws:connect:us-west-2:111122223333:instance/9a8b7c6d-1234-4e5f-8a9b-0c1d2e3f4a5b";
const LAMBDA_ARN = "arn:aws:lambda:us-west-2:111122223333:function:ConnectVanityStaging-ConnectCallerCustomLambda-AbC123";

// What CloudFormation's Fn::Sub does: ${Logical.Attr} and ${Name} substituted, ${!x} → ${x}.
function substitute(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{(!?)([^}]*)\}/g, (_, literal: string, name: string) => {
    if (literal) return `\${${name}}`;
    const value = values[name];
    if (value === undefined) throw new Error(`Fn::Sub: nothing to substitute for \${${name}}`);
    return value;
  });
}

let savedArn: string | undefined;
beforeEach(() => {
  savedArn = process.env.CONNECT_INSTANCE_ARN;
  delete process.env.CONNECT_INSTANCE_ARN;
});
afterEach(() => {
  if (savedArn === undefined) delete process.env.CONNECT_INSTANCE_ARN;
  else process.env.CONNECT_INSTANCE_ARN = savedArn;
});

describe("the deploy template (inventory → package → deploy.start plugins, offline)", () => {
  it("with CONNECT_INSTANCE_ARN: the contact flow, the integration, and a permission scoped to the instance", async () => {
    process.env.CONNECT_INSTANCE_ARN = INSTANCE_ARN;
    const template = await buildTemplate();
    const flow = template.Resources.ConnectVanityContactFlow!;
    expect(flow.Type).toBe("AWS::Connect::ContactFlow");
    expect(flow.Properties).toMatchObject({ InstanceArn: INSTANCE_ARN, Type: "CONTACT_FLOW" });
    const content = JSON.parse(
      substitute((flow.Properties!.Content as { "Fn::Sub": string })["Fn::Sub"], { "ConnectCallerCustomLambda.Arn": LAMBDA_ARN }),
    ) as FlowDocument;
    expect(JSON.stringify(content)).toContain(LAMBDA_ARN);
    expect(checkFlow(content)).toEqual([]);
    expect(template.Resources.ConnectCallerIntegration).toMatchObject({
      Type: "AWS::Connect::IntegrationAssociation",
      Properties: { InstanceId: INSTANCE_ARN, IntegrationType: "LAMBDA_FUNCTION" },
    });
    expect(template.Resources.ConnectCallerInvokePermission!.Properties).toMatchObject({
      Principal: "connect.amazonaws.com",
      SourceArn: INSTANCE_ARN,
      SourceAccount: { Ref: "AWS::AccountId" },
    });
  });

  it("has the data table with its gsi1 index", async () => {
    const template = await buildTemplate();
    const table = template.Resources.DataTable!;
    expect(table.Type).toBe("AWS::DynamoDB::Table");
    expect(table.Properties).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "gsi1",
          KeySchema: [
            { AttributeName: "gsi1pk", KeyType: "HASH" },
            { AttributeName: "gsi1sk", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    });
  });

  it("lets DynamoDB expire records by their expiresAt attribute, and keeps point-in-time recovery on", async () => {
    const table = (await buildTemplate()).Resources.DataTable!;
    expect(table.Properties).toMatchObject({
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it("gives the Connect Lambda's database work a deadline that fits its timeout, the flow's limit and Connect's 8 s", async () => {
    const timeoutSeconds = (await buildTemplate()).Resources.ConnectCallerCustomLambda!.Properties!.Timeout as number;
    const invoke = (readContactFlow() as FlowDocument).Actions.find((a) => a.Type === "InvokeLambdaFunction")!;
    const flowLimitSeconds = Number(invoke.Parameters!.InvocationTimeLimitSeconds);
    // One command's worst case (src/data/db.server.ts): every attempt times out, plus ~100 ms of backoff per retry.
    const perCommandMs = DB_MAX_ATTEMPTS * (DB_CONNECTION_TIMEOUT_MS + DB_REQUEST_TIMEOUT_MS) + (DB_MAX_ATTEMPTS - 1) * 100;
    expect(perCommandMs).toBeLessThan(DB_DEADLINE_MS + 500); // one slow command is cut short by the deadline, not much later
    // The deadline, plus a second for generation and a cold start, inside the Lambda's timeout.
    expect(DB_DEADLINE_MS + 1000).toBeLessThanOrEqual(timeoutSeconds * 1000);
    expect(timeoutSeconds).toBeLessThanOrEqual(flowLimitSeconds);
    expect(flowLimitSeconds).toBeLessThanOrEqual(8);
  });

  it("has the connect-caller custom Lambda, built from build/connect, with no event source", async () => {
    const lambda = (await buildTemplate()).Resources.ConnectCallerCustomLambda!;
    expect(lambda.Type).toBe("AWS::Serverless::Function");
    expect(lambda.Properties).toMatchObject({
      Handler: "index.handler",
      CodeUri: expect.stringMatching(/build[/\\]connect$/),
      Runtime: "nodejs24.x",
      Events: {},
    });
  });

  it("lets connect.amazonaws.com invoke the Lambda from this account, and outputs its ARN", async () => {
    const template = await buildTemplate();
    const permissions = Object.values(template.Resources).filter(
      (r) => r.Type === "AWS::Lambda::Permission" && r.Properties?.Principal === "connect.amazonaws.com",
    );
    expect(permissions).toHaveLength(1);
    expect(permissions[0]!.Properties).toMatchObject({
      Action: "lambda:InvokeFunction",
      FunctionName: { Ref: "ConnectCallerCustomLambda" },
      SourceAccount: { Ref: "AWS::AccountId" },
    });
    expect(template.Outputs?.ConnectCallerArn?.Value).toEqual({ "Fn::GetAtt": ["ConnectCallerCustomLambda", "Arn"] });
  });

  it("without a Connect instance has no Connect resources, so the rest of the app still deploys", async () => {
    const template = await buildTemplate();
    expect(Object.values(template.Resources).filter((r) => r.Type.startsWith("AWS::Connect::"))).toEqual([]);
    expect(addContactFlow(structuredClone(template), {})).toEqual(template);
  });

  it("the production stage builds too", async () => {
    expect((await buildTemplate({ stage: "production" })).Resources.ConnectCallerCustomLambda).toBeDefined();
  });
});

describe("addContactFlow on the deploy template", () => {
  let template: CloudFormationTemplate;
  beforeEach(async () => {
    template = addContactFlow(await buildTemplate(), { instanceArn: INSTANCE_ARN }) as CloudFormationTemplate;
  });

  it("adds a CONTACT_FLOW whose content, after Fn::Sub, is the repository's flow with the Lambda's ARN", () => {
    const flow = template.Resources.ConnectVanityContactFlow!;
    expect(flow.Type).toBe("AWS::Connect::ContactFlow");
    expect(flow.Properties).toMatchObject({
      InstanceArn: INSTANCE_ARN,
      Type: "CONTACT_FLOW",
      State: "ACTIVE",
      Name: { "Fn::Sub": "${AWS::StackName} vanity numbers" },
      Description: expect.any(String),
    });
    const content = (flow.Properties!.Content as { "Fn::Sub": string })["Fn::Sub"];
    expect(content).toContain('"LambdaFunctionARN":"${ConnectCallerCustomLambda.Arn}"');
    expect(content.length).toBeLessThanOrEqual(256_000);

    const deployed = JSON.parse(substitute(content, { "ConnectCallerCustomLambda.Arn": LAMBDA_ARN })) as FlowDocument;
    expect(deployed.Version).toBe("2019-10-30");
    expect(deployed.Actions.find((a) => a.Type === "InvokeLambdaFunction")?.Parameters?.LambdaFunctionARN).toBe(LAMBDA_ARN);
    expect(JSON.stringify(deployed)).toBe(JSON.stringify(readContactFlow()).replaceAll("${ConnectCallerCustomLambda.Arn}", LAMBDA_ARN));
    // Every action either moves on (with its error transitions) or is the disconnect.
    for (const action of deployed.Actions) {
      if (action.Type === "DisconnectParticipant") continue;
      expect(action.Transitions?.NextAction ?? action.Transitions?.Conditions?.[0]?.NextAction, action.Identifier).toBeTruthy();
    }
    expect(checkFlow(deployed)).toEqual([]);
    expect(deployed.Actions.filter((a) => a.Type === "DisconnectParticipant")).toHaveLength(1);
  });

  it("associates the Lambda with the instance", () => {
    expect(template.Resources.ConnectCallerIntegration).toEqual({
      Type: "AWS::Connect::IntegrationAssociation",
      Properties: {
        InstanceId: INSTANCE_ARN,
        IntegrationType: "LAMBDA_FUNCTION",
        IntegrationArn: { "Fn::GetAtt": ["ConnectCallerCustomLambda", "Arn"] },
      },
    });
  });

  it("scopes the one Connect invoke permission to the instance and the account", () => {
    const permissions = Object.entries(template.Resources).filter(
      ([, r]) => r.Type === "AWS::Lambda::Permission" && r.Properties?.Principal === "connect.amazonaws.com",
    );
    expect(permissions).toHaveLength(1);
    expect(permissions[0]![1].Properties).toEqual({
      Action: "lambda:InvokeFunction",
      FunctionName: { Ref: "ConnectCallerCustomLambda" },
      Principal: "connect.amazonaws.com",
      SourceAccount: { Ref: "AWS::AccountId" },
      SourceArn: INSTANCE_ARN,
    });
    expect(template.Resources.ConnectVanityContactFlow!.DependsOn).toEqual(["ConnectCallerIntegration", permissions[0]![0]]);
  });

  it("outputs the flow's ARN", () => {
    expect(template.Outputs?.ConnectContactFlowArn?.Value).toEqual({ "Fn::GetAtt": ["ConnectVanityContactFlow", "ContactFlowArn"] });
  });

  it("adds the permission itself when the template has none", () => {
    const bare: CloudFormationTemplate = { Resources: { ConnectCallerCustomLambda: { Type: "AWS::Serverless::Function" } } };
    const result = addContactFlow(bare, { instanceArn: INSTANCE_ARN });
    expect(result.Resources.ConnectCallerInvokePermission).toMatchObject({
      Type: "AWS::Lambda::Permission",
      Properties: { Principal: "connect.amazonaws.com", SourceArn: INSTANCE_ARN },
    });
  });

  it("refuses a malformed instance ARN before CloudFormation would", () => {
    expect(() => addContactFlow({ Resources: {} }, { instanceArn: "arn:aws:connect:us-west-2:1234:instance/x" })).toThrow(
      /not an Amazon Connect instance ARN/,
    );
  });
});

describe("flowContentForSub and connectInstanceArn", () => {
  it("keeps the Lambda substitution and escapes any other ${…}", () => {
    const content = flowContentForSub({ a: "${ConnectCallerCustomLambda.Arn}", b: "costs ${AWS::Region} and $.External.x" });
    expect(content).toBe('{"a":"${ConnectCallerCustomLambda.Arn}","b":"costs ${!AWS::Region} and $.External.x"}');
    expect(substitute(content, { "ConnectCallerCustomLambda.Arn": "arn" })).toBe('{"a":"arn","b":"costs ${AWS::Region} and $.External.x"}');
  });

  it("reads the instance from the shell, else arc env for the stage, else preferences.arc", () => {
    const inventory = (aws: object, local: object) => ({ inv: { _project: { env: { aws, local } } } });
    expect(connectInstanceArn({ inventory: inventory({}, {}), stage: "staging" })).toBeUndefined();
    expect(connectInstanceArn({ inventory: inventory({}, { staging: { CONNECT_INSTANCE_ARN: "local" } }), stage: "staging" })).toBe(
      "local",
    );
    expect(
      connectInstanceArn({
        inventory: inventory({ staging: { CONNECT_INSTANCE_ARN: "aws" } }, { staging: { CONNECT_INSTANCE_ARN: "local" } }),
        stage: "staging",
      }),
    ).toBe("aws");
    expect(
      connectInstanceArn({ inventory: inventory({ production: { CONNECT_INSTANCE_ARN: "aws" } }, {}), stage: "staging" }),
    ).toBeUndefined();
    process.env.CONNECT_INSTANCE_ARN = " shell ";
    expect(connectInstanceArn({ inventory: inventory({ staging: { CONNECT_INSTANCE_ARN: "aws" } }, {}), stage: "staging" })).toBe("shell");
  });
});

describe("the retention Lambda", () => {
  it("runs daily, long enough for a large table, and knows the table", async () => {
    const template = await buildTemplate();
    // Architect 12 schedules with EventBridge Scheduler
    expect(template.Resources.RetentionScheduleEvent).toMatchObject({
      Type: "AWS::Scheduler::Schedule",
      Properties: { ScheduleExpression: "rate(1 day)", Target: { Arn: { "Fn::GetAtt": ["RetentionScheduleLambda", "Arn"] } } },
    });
    const lambda = template.Resources.RetentionScheduleLambda!;
    expect(lambda.Properties).toMatchObject({ Timeout: 900, Environment: { Variables: { VANITY_TABLE: { Ref: "DataTable" } } } });
  });
});

describe("the voice (CONNECT_VOICE)", () => {
  const voiceOf = (flow: FlowDocument) => flow.Actions.find((a) => a.Type === "UpdateContactTextToSpeechVoice")!.Parameters;

  it("is a neural Joanna as written, set once at the start of the flow", () => {
    const flow = readContactFlow() as FlowDocument;
    expect(voiceOf(flow)).toMatchObject({ TextToSpeechVoice: "Joanna", TextToSpeechEngine: "Neural" });
    expect(flow.Actions.filter((a) => a.Type === "UpdateContactTextToSpeechVoice")).toHaveLength(1);
    expect(NEURAL_US_VOICES).toContain("Joanna");
  });

  it("can be another neural US English voice, written any case; anything else fails the deploy", () => {
    const flow = readContactFlow() as FlowDocument;
    expect(voiceOf(withVoice(flow, "matthew") as FlowDocument)).toMatchObject({
      TextToSpeechVoice: "Matthew",
      TextToSpeechEngine: "Neural",
    });
    expect(withVoice(flow, undefined)).toBe(flow);
    expect(() => withVoice(flow, "Hal")).toThrow(/CONNECT_VOICE must be one of .*Joanna/);
    expect(voiceOf(flow)?.TextToSpeechVoice).toBe("Joanna"); // the repository's flow is not changed
  });

  it("reaches the deployed flow", async () => {
    process.env.CONNECT_INSTANCE_ARN = INSTANCE_ARN;
    process.env.CONNECT_VOICE = "Ruth";
    try {
      const content = ((await buildTemplate()).Resources.ConnectVanityContactFlow!.Properties!.Content as { "Fn::Sub": string })["Fn::Sub"];
      expect(content).toContain('"TextToSpeechVoice":"Ruth"');
    } finally {
      delete process.env.CONNECT_VOICE;
    }
  });
});

describe("the SMS permission (SMS_ORIGINATION_IDENTITY)", () => {
  const PHONE = "phone-0123456789abcdef0123456789abcdef";
  const POOL_ARN = "arn:aws:sms-voice:us-west-2:111122223333:pool/pool-0123456789abcdef0123456789abcdef";

  it("unset: the template is unchanged, and no function may send texts", async () => {
    const template = await buildTemplate();
    expect(addSmsPermission(structuredClone(template), {})).toEqual(template);
    expect(JSON.stringify(template)).not.toContain("sms-voice");
  });

  it("gives the Connect Lambda alone a role that may send from that identity only, and tells it the identity", async () => {
    const template = addSmsPermission(await buildTemplate(), { identity: PHONE }) as CloudFormationTemplate;
    const role = template.Resources[SMS_ROLE_ID]!;
    const shared = template.Resources.Role!;
    expect(role.Type).toBe("AWS::IAM::Role");
    expect((role.Properties!.Policies as unknown[]).slice(0, -1)).toEqual(shared.Properties!.Policies); // everything the shared role allows
    expect((role.Properties!.Policies as unknown[]).at(-1)).toEqual({
      PolicyName: "ConnectCallerSendTextMessage",
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "sms-voice:SendTextMessage",
            Resource: { "Fn::Sub": `arn:\${AWS::Partition}:sms-voice:\${AWS::Region}:\${AWS::AccountId}:phone-number/${PHONE}` },
          },
        ],
      },
    });
    const lambda = template.Resources.ConnectCallerCustomLambda!.Properties!;
    expect(lambda.Role).toEqual({ "Fn::GetAtt": [SMS_ROLE_ID, "Arn"] });
    expect((lambda.Environment as { Variables: Record<string, unknown> }).Variables.SMS_ORIGINATION_IDENTITY).toBe(PHONE);
    // Every other function keeps the shared role, which may not send.
    for (const [id, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== "AWS::Serverless::Function" || id === "ConnectCallerCustomLambda") continue;
      expect(JSON.stringify(resource.Properties!.Role), id).not.toContain(SMS_ROLE_ID);
    }
    expect(JSON.stringify(shared)).not.toContain("sms-voice");
  });

  it("takes an identity's ARN as it is, and reaches the template from arc env or the shell", async () => {
    expect(originationIdentityArn(POOL_ARN)).toBe(POOL_ARN);
    process.env.SMS_ORIGINATION_IDENTITY = POOL_ARN;
    try {
      expect(JSON.stringify((await buildTemplate()).Resources[SMS_ROLE_ID])).toContain(POOL_ARN);
    } finally {
      delete process.env.SMS_ORIGINATION_IDENTITY;
    }
  });

  it("accepts and refuses the same identities as the Lambda's configuration", () => {
    const samples = [
      PHONE,
      "pool-0123456789abcdef0123456789abcdef",
      POOL_ARN,
      "arn:aws:sms-voice:eu-west-1:111122223333:sender-id/MYBRAND/GB",
      "arn:aws:sms-voice:us-west-2:111122223333:phone-number/phone-0123456789abcdef0123456789abcdef",
      "+12065550100",
      "phone-123",
      "MYBRAND",
      "arn:aws:sns:us-west-2:111122223333:topic",
      "my phone",
    ];
    for (const identity of samples) {
      const byConfig = (() => {
        try {
          return smsOriginationIdentity({ SMS_ORIGINATION_IDENTITY: identity }) === identity;
        } catch {
          return false;
        }
      })();
      const byDeploy = (() => {
        try {
          originationIdentityArn(identity);
          return true;
        } catch {
          return false;
        }
      })();
      expect(byDeploy, identity).toBe(byConfig);
    }
    expect(() => originationIdentityArn("+12065550100")).toThrow(/SMS_ORIGINATION_IDENTITY must be the ARN/);
  });
});
