// Types for connect.js (plain JS because Architect loads plugins as they are).
type CloudFormation = { Resources?: Record<string, unknown>; Outputs?: Record<string, unknown>; [key: string]: unknown };
type Invoke = (params: { pragma: string; name: string; payload: unknown }) => Promise<unknown>;

export const CONNECT_LAMBDA: "connect-caller";
export const CONNECT_LAMBDA_ID: "ConnectCallerCustomLambda";
export function addConnectCallerResources<T extends CloudFormation>(cloudformation: T): T;

declare const plugin: {
  set: { customLambdas(): { name: string; src: string }[] };
  deploy: { start(params: { cloudformation: CloudFormation }): CloudFormation };
  sandbox: { start(params: { invoke: Invoke }): Promise<void>; end(): Promise<void> };
};
export default plugin;
