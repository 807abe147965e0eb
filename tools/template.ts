// npm run -s template [-- --stage production] [-- --instance-arn arn:aws:connect:…]
// Prints the CloudFormation template `arc deploy` would send, built offline: no AWS account, no
// network (`arc deploy --dry-run` calls SSM and CloudFormation). It runs what deploy runs:
// @architect/inventory → @architect/package → every plugin's deploy.start, in order.
// The Connect resources appear when a Connect instance is configured (CONNECT_INSTANCE_ARN or
// --instance-arn; see src/plugins/contact-flow.js).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface CloudFormationTemplate {
  AWSTemplateFormatVersion?: string;
  Transform?: string;
  Parameters?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string | string[]; [key: string]: unknown }>;
  Outputs?: Record<string, { Value: unknown; Description?: string }>;
}

type DeployStartPlugin = (params: Record<string, unknown>) => unknown;
interface Inventory {
  inv: { app: string; _project: { arc: unknown }; plugins?: { _methods?: { deploy?: { start?: DeployStartPlugin[] } } } };
}

export interface BuildTemplateOptions {
  cwd?: string;
  stage?: "staging" | "production";
}

/** The template for `arc deploy` (staging) or `arc deploy --production`, as its plugins leave it. */
export async function buildTemplate({ cwd = projectRoot, stage = "staging" }: BuildTemplateOptions = {}): Promise<CloudFormationTemplate> {
  const inventory = require("@architect/inventory") as (params: Record<string, unknown>) => Promise<Inventory>;
  const packageTemplate = require("@architect/package") as (inventory: Inventory) => CloudFormationTemplate;
  // env: false — reading `arc env` would call SSM; CONNECT_INSTANCE_ARN comes from the shell instead.
  const inv = await inventory({ cwd, env: false, deployStage: stage });
  let cloudformation = packageTemplate(inv);
  const stackName = `${toLogicalId(inv.inv.app)}${stage === "production" ? "Production" : "Staging"}`;
  for (const start of inv.inv.plugins?._methods?.deploy?.start ?? []) {
    const result = (await start({ arc: inv.inv._project.arc, cloudformation, dryRun: true, inventory: inv, stackName, stage })) as
      CloudFormationTemplate | undefined;
    cloudformation = result ?? cloudformation;
  }
  return cloudformation;
}

// Architect's stack names: "connect-vanity" → "ConnectVanity".
function toLogicalId(name: string): string {
  return name
    .split(/[-_.]/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { stage: { type: "string", default: "staging" }, "instance-arn": { type: "string" } },
  });
  if (values.stage !== "staging" && values.stage !== "production")
    throw new Error(`--stage must be staging or production, not ${values.stage}`);
  if (values["instance-arn"]) process.env.CONNECT_INSTANCE_ARN = values["instance-arn"];
  // Offline and quiet: no credentials lookup, no update check.
  process.env.AWS_REGION ??= "us-west-2";
  process.env.CI ??= "true";
  const template = await buildTemplate({ stage: values.stage });
  const hasFlow = Object.values(template.Resources).some((r) => r.Type === "AWS::Connect::ContactFlow");
  if (process.env.CONNECT_INSTANCE_ARN && !hasFlow) {
    console.error(
      "Note: CONNECT_INSTANCE_ARN is set, but no plugin added the contact flow: the connect plugin's deploy.start should call addContactFlow (src/plugins/contact-flow.js).",
    );
  } else if (!hasFlow) {
    console.error("Note: no Connect instance configured (CONNECT_INSTANCE_ARN or --instance-arn), so the template has no contact flow.");
  }
  process.stdout.write(`${JSON.stringify(template, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
