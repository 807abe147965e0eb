// Types for connect.js (plain JS because Architect loads plugins as they are).
type CloudFormation = { Resources?: Record<string, unknown>; Outputs?: Record<string, unknown>; [key: string]: unknown };
type Invoke = (params: { pragma: string; name: string; payload: unknown }) => Promise<unknown>;

export const CONNECT_LAMBDA: "connect-caller";
export const CONNECT_LAMBDA_ID: "ConnectCallerCustomLambda";
export function addConnectCallerResources<T extends CloudFormation>(cloudformation: T): T;

/** The parts of Architect's inventory the invoker reads (for tests; Architect passes the whole). */
type Inventory = { inv: { _project: { env: Record<string, Record<string, Record<string, string> | null> | null> }; customLambdas?: unknown[] } };
type LambdaDefinition = { pragma: string; name: string; src: string; config: { memory: number } };
export function changesConnectBundle(filename: string): boolean;
export function bundleRebuilder(build: () => Promise<void>): (filename: string) => Promise<void>;
export const MAX_EVENT_BYTES: number;
export const MAX_EVENT_DEPTH: number;
export function nestingDepth(text: string): number;
export function lambdaEnv(inventory: Inventory, lambda: LambdaDefinition, env?: Record<string, string | undefined>): Record<string, string>;

declare const plugin: {
  set: { customLambdas(): { name: string; src: string }[] };
  deploy: { start(params: { cloudformation: CloudFormation }): CloudFormation };
  sandbox: {
    start(params: { invoke: Invoke; inventory?: Inventory | Record<string, never> }): Promise<void>;
    watcher(params: { filename: string }): Promise<void>;
    end(): Promise<void>;
  };
};
export default plugin;
