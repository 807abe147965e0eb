// Types for warm-lambda.js (plain JS: the Architect plugin loads it as it is).
export interface WarmLambdaOptions {
  /** The built handler module; it exports `handler`. */
  handlerFile: string;
  /** The environment each execution environment gets. */
  env: Record<string, string>;
  /** The function's timeout. */
  timeoutMs: number;
  /** At most this many environments; further invocations wait for one. */
  maxWorkers: number;
}

export interface WarmLambda {
  /** Runs the handler on `event` in a warm environment; resolves with its response. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever the handler returns
  invoke(event: unknown): Promise<any>;
  stats(): { environments: number; busy: number; waiting: number };
  close(): void;
}

export function createWarmLambda(options: WarmLambdaOptions): WarmLambda;
