// Lets the Connect Lambda send callers' text messages (the flow's option 2) from the one
// End User Messaging SMS origination identity the deployment configures, and from nothing else:
//   npx arc env --add --env staging SMS_ORIGINATION_IDENTITY phone-0123…   (or pool-…, or any identity's ARN)
// Called from the connect plugin's deploy.start. The Lambda gets a role of its own, a copy of
// Architect's shared one plus sms-voice:SendTextMessage on that identity's ARN, so no other
// function may send; and SMS_ORIGINATION_IDENTITY in its environment. Unset: nothing changes and
// the flow does not offer texts. The same formats as src/config.ts smsOriginationIdentity (a test
// holds the two to the same answers).

const LAMBDA_ID = "ConnectCallerCustomLambda";
export const SMS_ROLE_ID = "ConnectCallerRole";
const ORIGINATION_ID = /^(phone|pool)-[0-9a-f]{32}$/;
const ORIGINATION_ARN = /^arn:aws[-a-z]*:sms-voice:[a-z0-9-]+:\d{12}:(phone-number|pool|sender-id)\/[A-Za-z0-9_./-]+$/;

/**
 * The IAM resource for an origination identity: an ARN as it is; a phone-… or pool-… ID as the
 * ARN of that phone number or pool in the stack's account and region.
 * @param {string} identity
 */
export function originationIdentityArn(identity) {
  if (ORIGINATION_ARN.test(identity)) return identity;
  if (ORIGINATION_ID.test(identity)) {
    const kind = identity.startsWith("phone-") ? "phone-number" : "pool";
    return { "Fn::Sub": `arn:\${AWS::Partition}:sms-voice:\${AWS::Region}:\${AWS::AccountId}:${kind}/${identity}` };
  }
  throw new Error(
    `SMS_ORIGINATION_IDENTITY must be the ARN of an End User Messaging SMS phone number, pool or sender ID, or a phone-… or pool-… ID; not "${identity.slice(0, 80)}"`,
  );
}

/**
 * @param {import("./contact-flow.js").CloudFormation} cloudformation  mutated and returned
 * @param {{ identity?: string }} options
 */
export function addSmsPermission(cloudformation, { identity } = {}) {
  const cfn = cloudformation;
  if (!identity) return cfn;
  const resource = originationIdentityArn(identity);
  const lambda = cfn.Resources?.[LAMBDA_ID];
  const shared = cfn.Resources?.Role;
  if (!lambda || shared?.Type !== "AWS::IAM::Role")
    throw new Error(`addSmsPermission: the template needs ${LAMBDA_ID} and Architect's shared Role`);
  const role = structuredClone(shared);
  role.Properties.Policies = [
    ...(role.Properties.Policies ?? []),
    {
      PolicyName: "ConnectCallerSendTextMessage",
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sms-voice:SendTextMessage", Resource: resource }] },
    },
  ];
  cfn.Resources[SMS_ROLE_ID] = role;
  lambda.Properties.Role = { "Fn::GetAtt": [SMS_ROLE_ID, "Arn"] };
  lambda.Properties.Environment ??= {};
  lambda.Properties.Environment.Variables ??= {};
  lambda.Properties.Environment.Variables.SMS_ORIGINATION_IDENTITY = identity;
  return cfn;
}
