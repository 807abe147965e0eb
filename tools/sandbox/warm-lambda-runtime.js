// One warm Lambda execution environment for the local invoker (./warm-lambda.js), as a child
// process: it imports the handler module once (Lambda's init phase), then runs one invocation at a
// time as the parent sends them, the way AWS reuses an environment between invocations.
// Messages in:  { id, event, requestId, deadline }
// Messages out: { ready: true } | { initError } once, then { id, result } | { id, error } per invocation.
import { pathToFileURL } from "node:url";

const send = (/** @type {unknown} */ message) => process.send?.(message);

const handlerFile = process.argv[2] ?? "";
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;

const plainError = (/** @type {any} */ error) => ({
  errorType: error?.name ?? "Error",
  errorMessage: error?.message ?? String(error),
  stack: error?.stack,
});

function context(/** @type {string} */ requestId, /** @type {number} */ deadline) {
  return {
    awsRequestId: requestId,
    functionName,
    functionVersion: "$LATEST",
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** @type {(event: unknown, context: object) => unknown} */
let handler;
try {
  ({ handler } = await import(pathToFileURL(handlerFile).href));
  if (typeof handler !== "function") throw new TypeError(`${handlerFile} does not export a function named handler`);
} catch (error) {
  send({ initError: plainError(error) });
  process.exit(1);
}

process.on(
  "message",
  async (/** @type {{ id: string, event: unknown, requestId: string, deadline: number }} */ { id, event, requestId, deadline }) => {
    try {
      send({ id, result: (await handler(event, context(requestId, deadline))) ?? null });
    } catch (error) {
      send({ id, error: plainError(error) });
    }
  },
);
// Sandbox gone (Ctrl-C, a crash): nothing will invoke this environment again.
process.on("disconnect", () => process.exit(0));
send({ ready: true });
