// Warm environments for the Lambdas sandbox invokes itself: @http (Remix), @queues and
// @scheduled, under `arc sandbox`.
//
// Sandbox starts a fresh Node process for every invocation (a cold start per page, and a burst of
// requests at once times out). Sandbox has no hook for how a Lambda runs, so this hooks in at the
// one point its code leaves open: `runtimeEval`, the mutable table of commands it spawns per
// runtime. For an invocation of one of these Lambdas the hook hands sandbox's own event to a warm environment
// (./warm-lambda.js, the one the Connect invoker uses), writes the handler's response where
// sandbox's runtime API would (`invocations[requestID].response`), and gives sandbox a stand-in to
// spawn in place of a Node process, which exits as the response arrives (./placeholder-processes.js).
// Everything else (routing, the events, static files, timeouts) stays sandbox's own. Pinned to
// @architect/sandbox 9.0 (package.json); `start` refuses other versions. CONNECT_INVOKER=cold
// leaves sandbox as it is.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createPlaceholders } from "./placeholder-processes.js";
import { createWarmLambda } from "./warm-lambda.js";

const require = createRequire(import.meta.url);
const SANDBOX_VERSION = /^9\.0\./;

/**
 * Sandbox's internals this relies on: the runtime command table and the open invocations.
 * @typedef {(script: string) => { command: string, args: string[] }} RuntimeCommand
 * @returns {{ runtimeEval: { node: RuntimeCommand, "node-esm": RuntimeCommand }, invocations: Record<string, { request: unknown, lambda: { pragma: string, name: string }, response?: unknown, error?: unknown }> }}
 */
function sandboxInternals() {
  const root = dirname(require.resolve("@architect/sandbox/package.json"));
  const { version } = require(join(root, "package.json"));
  if (!SANDBOX_VERSION.test(version)) throw new Error(`warm HTTP environments know @architect/sandbox 9.0, not ${version}`);
  return {
    runtimeEval: require(join(root, "src/lib/runtime-eval.js")),
    invocations: require(join(root, "src/arc/_runtime-api/index.js")).invocations,
  };
}

/**
 * Routes sandbox's invocations of these Lambdas to warm environments until `stop()`.
 * @param {object} options
 * @param {{ pragma: string, name: string, handlerFile: string, config: { timeout: number } }[]} options.lambdas  from the inventory
 * @param {(lambda: any) => (() => Record<string, string>)} options.envFor  what each environment gets (see lambdaEnv), asked as one starts
 * @param {number} options.maxWorkers  per Lambda
 * @param {(line: string) => void} [options.log]
 */
export function startWarmLambdas({ lambdas, envFor, maxWorkers, log = console.error }) {
  const { runtimeEval, invocations } = sandboxInternals();
  const pools = new Map(
    lambdas.map((lambda) => [
      `${lambda.pragma} ${lambda.name}`,
      {
        lambda,
        pool: createWarmLambda({
          handlerFile: lambda.handlerFile,
          env: envFor(lambda),
          timeoutMs: lambda.config.timeout * 1000,
          maxWorkers,
        }),
        placeholders: createPlaceholders(lambda.config.timeout),
      },
    ]),
  );
  const originals = { ...runtimeEval };

  for (const runtime of /** @type {const} */ (["node", "node-esm"])) {
    const original = originals[runtime];
    runtimeEval[runtime] = (script) => {
      // invokeLambda records the invocation, then synchronously asks for the command to spawn:
      // the newest invocation is the one being started.
      const requestID = Object.keys(invocations).at(-1);
      const invocation = requestID ? invocations[requestID] : undefined;
      const warm = invocation && pools.get(`${invocation.lambda.pragma} ${invocation.lambda.name}`);
      if (!requestID || !invocation || !warm) return original(script);
      const { lambda, pool, placeholders } = warm;
      const placeholder = placeholders.take();
      pool
        .invoke(invocation.request)
        .then(
          (response) => {
            if (invocations[requestID]) invocations[requestID].response = response;
          },
          (error) => {
            log(`@${lambda.pragma} ${lambda.name}: ${error.name}: ${error.message}`);
            if (!invocations[requestID]) return;
            invocations[requestID].error = `${error.name}: ${error.message}`;
            // What API Gateway answers when the function fails (other triggers only note the error)
            if (lambda.pragma === "http") {
              invocations[requestID].response = {
                statusCode: 500,
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ message: "Internal Server Error" }),
              };
            }
          },
        )
        .finally(() => placeholder.release());
      return placeholder;
    };
  }
  return {
    /** Starts an environment for each HTTP Lambda ahead of its first request. */
    prewarm() {
      for (const { lambda, pool } of pools.values()) if (lambda.pragma === "http") pool.prewarm();
    },
    stats: () => Object.fromEntries([...pools].map(([name, { pool }]) => [name, pool.stats()])),
    stop() {
      runtimeEval.node = originals.node;
      runtimeEval["node-esm"] = originals["node-esm"];
      for (const { pool, placeholders } of pools.values()) {
        pool.close();
        placeholders.close();
      }
    },
  };
}
