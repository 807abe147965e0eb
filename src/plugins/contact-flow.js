// Deploys the contact flow (src/flow/contact-flow.json) with the app: called from the connect
// plugin's deploy.start. For a Connect instance given by its ARN it adds
//   ConnectVanityContactFlow   AWS::Connect::ContactFlow (CONTACT_FLOW), the flow JSON through Fn::Sub,
//                              so "${ConnectCallerCustomLambda.Arn}" becomes the Lambda's ARN
//   ConnectCallerIntegration   AWS::Connect::IntegrationAssociation: the Lambda, added to the instance
//   ConnectCallerInvokePermission  scoped to that instance (SourceArn) and this account (SourceAccount)
// With no instance configured it adds nothing, and the rest of the app deploys as before.
//
// The instance is a deploy-time setting, per stage (see deploySetting):
//   npx arc env --add --env staging CONNECT_INSTANCE_ARN arn:aws:connect:us-west-2:111122223333:instance/…
// or for one deploy: CONNECT_INSTANCE_ARN=arn:… npx arc deploy
// So is the voice the flow speaks with, CONNECT_VOICE (a neural US English Polly voice; Joanna
// when unset), which the flow sets once at its start (UpdateContactTextToSpeechVoice).
import { readFileSync } from "node:fs";

export const CONTACT_FLOW_ID = "ConnectVanityContactFlow";
export const INTEGRATION_ID = "ConnectCallerIntegration";
export const PERMISSION_ID = "ConnectCallerInvokePermission";
const LAMBDA_ID = "ConnectCallerCustomLambda";
const ALLOWED_SUBSTITUTIONS = new Set([`${LAMBDA_ID}.Arn`]);
// AWS::Connect::ContactFlow InstanceArn pattern (CloudFormation reference).
const INSTANCE_ARN = /^arn:aws[-a-z0-9]*:connect:[-a-z0-9]*:[0-9]{12}:instance\/[-a-zA-Z0-9]*$/;

/** The flow document, as kept in the repository. */
export function readContactFlow() {
  return JSON.parse(readFileSync(new URL("../flow/contact-flow.json", import.meta.url), "utf8"));
}

/**
 * @typedef {Record<string, any>} CloudFormation  a template as Architect's deploy.start hands it to plugins
 * @typedef {{ inv: { _project: { env: Record<string, any> }, customLambdas?: any[], [pragma: string]: any } }} Inventory
 *   the parts of Architect's inventory the plugin reads
 */

/**
 * A deploy-time setting: `name` from the deploying shell, else from `arc env` for the stage
 * (deploys load it into the inventory), else from preferences.arc (`@env` → `staging`/`production`).
 * Undefined when none is set.
 * @param {string} name
 * @param {{ inventory?: Inventory, stage?: string }} [where]
 */
export function deploySetting(name, { inventory, stage } = {}) {
  const env = inventory?.inv?._project?.env;
  const value = process.env[name] || (stage && env?.aws?.[stage]?.[name]) || (stage && env?.local?.[stage]?.[name]) || undefined;
  return value?.trim() || undefined;
}

/** The Connect instance ARN for a deploy (CONNECT_INSTANCE_ARN), or undefined. */
export function connectInstanceArn(/** @type {{ inventory?: Inventory, stage?: string }} */ where = {}) {
  return deploySetting("CONNECT_INSTANCE_ARN", where);
}

/** Polly's US English voices that speak with the neural engine (Polly's VoiceId list; Kevin is neural only). */
export const NEURAL_US_VOICES = [
  "Danielle",
  "Gregory",
  "Ivy",
  "Joanna",
  "Joey",
  "Justin",
  "Kendra",
  "Kevin",
  "Kimberly",
  "Matthew",
  "Ruth",
  "Salli",
  "Stephen",
];

/**
 * The flow with its voice set to CONNECT_VOICE (unset: as written, Joanna). Any name not in
 * NEURAL_US_VOICES throws, so a typo fails the deploy instead of leaving callers in silence
 * (Connect stops speaking to a contact whose voice is invalid).
 * @param {any} flow
 * @param {string | undefined} voice
 */
export function withVoice(flow, voice) {
  if (!voice) return flow;
  const name = NEURAL_US_VOICES.find((v) => v.toLowerCase() === voice.toLowerCase());
  if (!name) throw new Error(`CONNECT_VOICE must be one of ${NEURAL_US_VOICES.join(", ")} (neural US English voices), not "${voice}"`);
  const copy = structuredClone(flow);
  const actions = copy.Actions.filter((/** @type {any} */ a) => a.Type === "UpdateContactTextToSpeechVoice");
  if (actions.length === 0) throw new Error("The contact flow has no UpdateContactTextToSpeechVoice action to set CONNECT_VOICE on");
  for (const action of actions) Object.assign(action.Parameters, { TextToSpeechVoice: name, TextToSpeechEngine: "Neural" });
  return copy;
}

/**
 * Adds the contact flow, the Lambda's association with the instance and the instance-scoped
 * invoke permission to `cloudformation` (mutated and returned). No `instanceArn`: unchanged.
 * @param {CloudFormation} cloudformation
 * @param {{ instanceArn?: string, flow?: unknown }} [options]
 * @returns {CloudFormation}
 */
export function addContactFlow(cloudformation, { instanceArn, flow = readContactFlow() } = {}) {
  const cfn = cloudformation;
  if (!instanceArn) return cfn;
  if (!INSTANCE_ARN.test(instanceArn)) {
    throw new Error(
      `CONNECT_INSTANCE_ARN is not an Amazon Connect instance ARN: "${instanceArn}" (expected arn:aws:connect:<region>:<account>:instance/<id>)`,
    );
  }
  if (!cfn.Resources?.[LAMBDA_ID])
    throw new Error(`addContactFlow: no ${LAMBDA_ID} in the template; is the connect plugin's set.customLambdas missing?`);

  const permission =
    findConnectPermission(cfn) ??
    (cfn.Resources[PERMISSION_ID] = {
      Type: "AWS::Lambda::Permission",
      Properties: { Action: "lambda:InvokeFunction", FunctionName: { Ref: LAMBDA_ID }, Principal: "connect.amazonaws.com" },
    });
  // Only this instance, in this account, may invoke the function.
  permission.Properties.SourceArn = instanceArn;
  permission.Properties.SourceAccount = { Ref: "AWS::AccountId" };
  const permissionId = Object.keys(cfn.Resources).find((id) => cfn.Resources[id] === permission);

  cfn.Resources[INTEGRATION_ID] = {
    Type: "AWS::Connect::IntegrationAssociation",
    Properties: {
      InstanceId: instanceArn, // the instance ARN, despite the name
      IntegrationType: "LAMBDA_FUNCTION",
      IntegrationArn: { "Fn::GetAtt": [LAMBDA_ID, "Arn"] },
    },
  };
  cfn.Resources[CONTACT_FLOW_ID] = {
    Type: "AWS::Connect::ContactFlow",
    // Connect checks the flow's Lambda when it saves the flow: associate and permit it first.
    DependsOn: [INTEGRATION_ID, permissionId],
    Properties: {
      InstanceArn: instanceArn,
      // Stages share an instance, and flow names are unique per instance.
      Name: { "Fn::Sub": "${AWS::StackName} vanity numbers" },
      Description:
        "Reads callers three vanity numbers for the number they call from, then offers them again, by text, or another number's (connect-vanity, src/flow/contact-flow.json).",
      Type: "CONTACT_FLOW",
      State: "ACTIVE",
      Content: { "Fn::Sub": flowContentForSub(flow) },
    },
  };
  cfn.Outputs = {
    ...cfn.Outputs,
    ConnectContactFlowArn: {
      Description: "The vanity numbers contact flow: attach it to a claimed phone number in the Connect instance",
      Value: { "Fn::GetAtt": [CONTACT_FLOW_ID, "ContactFlowArn"] },
    },
  };
  return cfn;
}

/**
 * The flow as a compact JSON string for Fn::Sub: "${ConnectCallerCustomLambda.Arn}" stays a
 * substitution; any other "${" is escaped ("${!") so CloudFormation leaves it as written.
 */
export function flowContentForSub(/** @type {unknown} */ flow) {
  const content = JSON.stringify(flow).replace(/\$\{([^}]*)\}/g, (whole, name) =>
    ALLOWED_SUBSTITUTIONS.has(name) ? whole : `\${!${name}}`,
  );
  if (content.length > 256_000) throw new Error(`The contact flow is ${content.length} characters; Connect takes at most 256000`);
  return content;
}

function findConnectPermission(/** @type {CloudFormation} */ cfn) {
  return Object.values(cfn.Resources).find(
    (r) =>
      r.Type === "AWS::Lambda::Permission" &&
      r.Properties?.Principal === "connect.amazonaws.com" &&
      r.Properties?.FunctionName?.Ref === LAMBDA_ID,
  );
}
