// Architect plugin for the Amazon Connect Lambda (`connect-caller`, built to build/connect by
// `npm run build`).
//   set.customLambdas  declares the Lambda; no Architect pragma has a Connect trigger.
//   deploy.start       lets Amazon Connect invoke it, outputs its ARN, and tells every Lambda the
//                      `data` table's physical name (VANITY_TABLE), see addConnectCallerResources;
//                      with CONNECT_INSTANCE_ARN set, adds the contact flow (./contact-flow.js),
//                      spoken with CONNECT_VOICE; with SMS_ORIGINATION_IDENTITY set, lets the
//                      Lambda send texts from that identity only (./sms-permission.js).
//   sandbox.start/end  a local invoker: POST a Connect event to http://localhost:3334/
//                      (CONNECT_INVOKE_PORT) and get the handler's response, as Connect would.
//                      It runs the Lambda in warm environments reused between calls, as AWS
//                      does (./warm-lambda.js); CONNECT_INVOKER=cold uses sandbox's own invoke,
//                      a fresh process (a cold start) for every call.
//                      Sandbox's own Lambdas (@http, @queues, @scheduled) run in warm
//                      environments too (./warm-sandbox.js).
//   sandbox.watcher    rebuilds the Lambda's bundle when its sources change under `arc sandbox`
//                      (npm run dev), so the next call runs the new code.
import { execFile } from "node:child_process";
import http from "node:http";
import { cpus } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { addContactFlow, connectInstanceArn, deploySetting, readContactFlow, withVoice } from "./contact-flow.js";
import { addSmsPermission } from "./sms-permission.js";
import { startWarmLambdas } from "../../tools/sandbox/warm-sandbox.js";
import { createWarmLambda } from "../../tools/sandbox/warm-lambda.js";

export const CONNECT_LAMBDA = "connect-caller";
export const CONNECT_LAMBDA_ID = "ConnectCallerCustomLambda"; // Architect: `${toLogicalID(name)}CustomLambda`
const DATA_TABLE_ID = "DataTable"; // Architect: `${toLogicalID("data")}Table`
const CALLER_QUEUE_ID = "CallerWritesQueue"; // Architect: `${toLogicalID("caller-writes")}Queue` (app.arc @queues)
const DEFAULT_INVOKE_PORT = 3334;
const LOOPBACK = "127.0.0.1";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * @typedef {import("./contact-flow.js").CloudFormation} CloudFormation
 * @typedef {import("./contact-flow.js").Inventory} Inventory
 * @typedef {(params: { pragma: string, name: string, payload: unknown }) => Promise<unknown>} Invoke  sandbox's invoke
 * @typedef {{ mode: string, run: (payload: unknown) => Promise<unknown> }} Runner
 */

/** @type {http.Server | undefined} the local invoker's server while sandbox runs */
let invoker;
/** @type {import("../../tools/sandbox/warm-lambda.js").WarmLambda | undefined} its warm environments */
let warmLambda;
/** @type {ReturnType<typeof startWarmLambdas> | undefined} sandbox's own Lambdas' warm environments */
let warmSandbox;
// What sandbox gives Lambdas beyond ARC_* and the project's .env (for example its module API's
// `env` option) is in process.env only while it runs its start plugins; the names are those that
// change back once the plugins have run. Warm environments start later, so they read these.
let startEnv = process.env;
/** @type {string[]} */
let swappedNames = [];

/**
 * What the Connect Lambda needs in CloudFormation, added to `cloudformation` and returned:
 * the resource policy for connect.amazonaws.com (this account only), the ARN as an output
 * (for the contact flow and for people), VANITY_TABLE on every function so none has to
 * look the table up in SSM at cold start, and the retry queue's URL on the Connect Lambda.
 */
export function addConnectCallerResources(/** @type {CloudFormation} */ cloudformation) {
  const cfn = cloudformation;
  cfn.Resources ??= {};
  cfn.Resources.ConnectCallerInvokePermission = {
    Type: "AWS::Lambda::Permission",
    Properties: {
      Action: "lambda:InvokeFunction",
      FunctionName: { Ref: CONNECT_LAMBDA_ID },
      Principal: "connect.amazonaws.com",
      SourceAccount: { Ref: "AWS::AccountId" },
    },
  };
  cfn.Outputs = {
    ...cfn.Outputs,
    ConnectCallerArn: {
      Description: "The Amazon Connect Lambda (connect-caller): add it to the Connect instance and the contact flow",
      Value: { "Fn::GetAtt": [CONNECT_LAMBDA_ID, "Arn"] },
    },
  };
  if (cfn.Resources[DATA_TABLE_ID]) {
    for (const resource of Object.values(cfn.Resources)) {
      if (resource.Type !== "AWS::Serverless::Function") continue;
      resource.Properties ??= {};
      resource.Properties.Environment ??= {};
      resource.Properties.Environment.Variables ??= {};
      resource.Properties.Environment.Variables.VANITY_TABLE = { Ref: DATA_TABLE_ID };
    }
  }
  // The retry queue for caller writes (app.arc @queues): its URL, so a failed write is queued
  // without an SSM lookup while the caller waits. Architect's role already lets every function send to it.
  const connect = cfn.Resources[CONNECT_LAMBDA_ID];
  if (connect && cfn.Resources[CALLER_QUEUE_ID]) {
    connect.Properties ??= {};
    connect.Properties.Environment ??= {};
    connect.Properties.Environment.Variables ??= {};
    connect.Properties.Environment.Variables.VANITY_CALLER_QUEUE_URL = { Ref: CALLER_QUEUE_ID };
  }
  return cfn;
}

const USAGE = `Local Amazon Connect invoker for the ${CONNECT_LAMBDA} Lambda.
POST a Connect contact flow event here and get the handler's response as JSON, e.g.
  curl -s localhost:PORT -d '{"Details":{"ContactData":{"CustomerEndpoint":{"Address":"+18003569377","Type":"TELEPHONE_NUMBER"}},"Parameters":{}},"Name":"ContactFlowEvent"}'
`;

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} body  a string as it is, anything else as JSON
 */
function send(res, status, body, type = "application/json") {
  res.writeHead(status, { "content-type": type });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

// A Connect event is a few kilobytes and a handful of levels deep; anything far beyond that is
// refused before it is parsed, so no request can exhaust the sandbox's memory or stack.
export const MAX_EVENT_BYTES = 64 * 1024;
export const MAX_EVENT_DEPTH = 32;

function createInvoker(/** @type {Runner} */ runner, /** @type {number} */ port) {
  const usage = `${USAGE.replace("PORT", String(port))}Lambda: ${runner.mode}\n`;
  return http.createServer((req, res) => {
    if (req.method === "GET" || req.method === "HEAD") return send(res, 200, usage, "text/plain; charset=utf-8");
    if (req.method !== "POST") return send(res, 405, { error: "Use POST with a Connect event, or GET for usage." });
    let body = "";
    let tooLarge = false;
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      if (tooLarge) return;
      body += chunk;
      if (Buffer.byteLength(body) > MAX_EVENT_BYTES) {
        tooLarge = true;
        body = "";
        send(res, 413, { error: `The event is larger than ${MAX_EVENT_BYTES} bytes.` });
      }
    });
    req.on("end", async () => {
      if (tooLarge) return;
      if (nestingDepth(body) > MAX_EVENT_DEPTH)
        return send(res, 400, { error: `The event is nested deeper than ${MAX_EVENT_DEPTH} levels.` });
      let payload;
      try {
        payload = JSON.parse(body || "{}");
      } catch (error) {
        return send(res, 400, { error: `The body is not JSON: ${/** @type {Error} */ (error).message}` });
      }
      try {
        send(res, 200, await runner.run(payload));
      } catch (error) {
        // The handler threw or timed out: Connect would take the flow's Error branch.
        send(res, 500, { error: String(/** @type {Error} */ (error)?.stack ?? error) });
      }
    });
  });
}

/** How deep JSON text nests its arrays and objects, read without parsing it (strings skipped). */
export function nestingDepth(/** @type {string} */ text) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") deepest = Math.max(deepest, ++depth);
    else if (ch === "}" || ch === "]") depth--;
  }
  return deepest;
}

/**
 * What a Lambda environment gets in sandbox (sandbox's invoke-lambda/env.js builds the same for a
 * cold invocation): Architect's ARC_* variables and the project's environment for this ARC_ENV,
 * both in process.env while sandbox runs its start plugins, credentials, and Lambda's own names.
 */
/**
 * @param {Inventory} inventory
 * @param {{ pragma: string, name: string, src: string, config: { memory: number } }} lambda
 * @param {Record<string, string | undefined>} [env]
 * @param {string[]} [extraNames]  more variables to pass on, if set
 * @returns {Record<string, string>}
 */
export function lambdaEnv(inventory, lambda, env = process.env, extraNames = []) {
  const arcEnv = env.ARC_ENV || "testing";
  const { local, plugins } = inventory.inv._project.env;
  const names = [
    ...Object.keys(env).filter((name) => name.startsWith("ARC_")),
    ...extraNames,
    ...Object.keys({ ...local?.[arcEnv], ...plugins?.[arcEnv] }),
    ...["PATH", "AWS_PROFILE", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"],
  ];
  const picked = Object.fromEntries(names.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]));
  return {
    AWS_ACCESS_KEY_ID: "arcDummyAccessKey", // sandbox's own fallback when there are no credentials
    AWS_SECRET_ACCESS_KEY: "arcDummySecretKey",
    ...picked,
    AWS_LAMBDA_FUNCTION_NAME: `@${lambda.pragma} ${lambda.name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(lambda.config.memory),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    LAMBDA_TASK_ROOT: lambda.src,
    TZ: "UTC",
  };
}

/** How many warm environments each Lambda may have (CONNECT_INVOKE_ENVIRONMENTS). */
function warmEnvironments() {
  const maxWorkers = Number(process.env.CONNECT_INVOKE_ENVIRONMENTS || Math.max(2, cpus().length * 2));
  if (!Number.isInteger(maxWorkers) || maxWorkers < 1) {
    throw new Error(`CONNECT_INVOKE_ENVIRONMENTS is "${process.env.CONNECT_INVOKE_ENVIRONMENTS}"; use a whole number, at least 1.`);
  }
  return maxWorkers;
}

/** Runs the Lambdas sandbox invokes itself in warm environments, unless CONNECT_INVOKER=cold. */
function startWarmSandboxLambdas(/** @type {Inventory | undefined} */ inventory) {
  const lambdas = ["http", "queues", "scheduled"].flatMap((pragma) => inventory?.inv?.[pragma] ?? []);
  if ((process.env.CONNECT_INVOKER || "warm") !== "warm" || !inventory || lambdas.length === 0) return undefined;
  return startWarmLambdas({
    lambdas,
    envFor: (lambda) => () => lambdaEnv(/** @type {Inventory} */ (inventory), lambda, startEnv, swappedNames),
    maxWorkers: warmEnvironments(),
  });
}

/** How the invoker runs the Lambda: warm environments (the default), or sandbox's invoke. */
/** @returns {Runner} */
function lambdaRunner(/** @type {Invoke} */ invoke, /** @type {Inventory | undefined} */ inventory) {
  const mode = process.env.CONNECT_INVOKER || "warm";
  if (mode === "cold" || !inventory)
    return {
      mode: "cold, a new process for every invocation (sandbox's invoke)",
      run: (/** @type {unknown} */ payload) => invoke({ pragma: "customLambdas", name: CONNECT_LAMBDA, payload }),
    };
  if (mode !== "warm") throw new Error(`CONNECT_INVOKER is "${mode}"; use warm (the default) or cold.`);
  const maxWorkers = warmEnvironments();
  const lambda = inventory.inv.customLambdas?.find((l) => l.name === CONNECT_LAMBDA);
  if (!lambda) throw new Error(`No ${CONNECT_LAMBDA} Lambda in the inventory`);
  const pool = createWarmLambda({
    handlerFile: lambda.handlerFile,
    env: () => lambdaEnv(inventory, { ...lambda, pragma: "customLambdas" }, startEnv, swappedNames),
    timeoutMs: lambda.config.timeout * 1000,
    maxWorkers,
  });
  warmLambda = pool;
  return { mode: `warm, up to ${maxWorkers} environments reused between invocations`, run: (payload) => pool.invoke(payload) };
}

/** Starts the invoker; if the port is taken (another sandbox?), warns and carries on without it. */
/** @returns {Promise<http.Server | undefined>} */
async function startInvoker(/** @type {Invoke} */ invoke, /** @type {Inventory | undefined} */ inventory) {
  const port = Number(process.env.CONNECT_INVOKE_PORT || DEFAULT_INVOKE_PORT);
  const host = process.env.ARC_HOST || LOOPBACK; // this machine only, unless asked
  const runner = lambdaRunner(invoke, inventory);
  const server = createInvoker(runner, port);
  try {
    await new Promise((/** @type {(value?: void) => void} */ resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    warmLambda?.close();
    warmLambda = undefined;
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EADDRINUSE") throw error;
    console.warn(
      `⚠ Connect invoker: port ${port} is already in use (another sandbox?); running without the local invoker. ` +
        `Set CONNECT_INVOKE_PORT to a free port to get it.`,
    );
    return undefined;
  }
  console.log(
    `⚬ Connect invoker: POST Connect events to http://${host === LOOPBACK ? "localhost" : host}:${port}/ (${CONNECT_LAMBDA}; ${runner.mode})`,
  );
  return server;
}

/**
 * Whether a change to `filename` can change the Connect Lambda's bundle: its sources are the
 * TypeScript under src/ (the handler, the engine, the data layer, logging) and the dictionary;
 * tests, fixtures and this plugin are not in it.
 */
export function changesConnectBundle(/** @type {string} */ filename) {
  const path = relative(root, filename).split(sep).join("/");
  if (!path.startsWith("src/") || path.startsWith("src/plugins/")) return false;
  if (/\.test\.tsx?$/.test(path) || path.includes("/fixtures/")) return false;
  return /\.(ts|tsx|js|mjs|json|bin)$/.test(path);
}

/**
 * Runs `build` for changes that need it, one build at a time: a change that arrives during a
 * build gets one more build after it, however many arrive.
 */
export function bundleRebuilder(/** @type {() => Promise<void>} */ build) {
  /** @type {Promise<void> | null} */
  let running = null;
  let again = false;
  const loop = async () => {
    try {
      do {
        again = false;
        await build();
      } while (again);
    } finally {
      running = null;
    }
  };
  return (/** @type {string} */ filename) => {
    if (!changesConnectBundle(filename)) return running ?? Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = loop();
    return running;
  };
}

const rebuildConnectBundle = bundleRebuilder(async () => {
  const started = performance.now();
  try {
    await new Promise((/** @type {(value?: void) => void} */ resolve, reject) =>
      execFile(process.execPath, [join(root, "scripts/build-bundles.mjs"), "connect/index.mjs"], { cwd: root }, (error, _stdout, stderr) =>
        error ? reject(new Error(stderr.trim() || error.message)) : resolve(),
      ),
    );
    console.log(`⚬ Connect Lambda rebuilt in ${Math.round(performance.now() - started)} ms; the next call runs it`);
  } catch (error) {
    console.warn(`⚠ Connect Lambda not rebuilt, the last bundle stays: ${/** @type {Error} */ (error).message}`);
  }
});

export default {
  set: {
    customLambdas() {
      return [{ name: CONNECT_LAMBDA, src: "build/connect" }];
    },
  },
  deploy: {
    // The contact flow goes second: it scopes the invoke permission added first to the instance.
    // The SMS permission gives the Lambda a role of its own (./sms-permission.js).
    start(/** @type {{ cloudformation: CloudFormation, inventory?: Inventory, stage?: string }} */ { cloudformation, inventory, stage }) {
      const where = { inventory, stage };
      const withSms = addSmsPermission(addConnectCallerResources(cloudformation), {
        identity: deploySetting("SMS_ORIGINATION_IDENTITY", where),
      });
      const flow = withVoice(readContactFlow(), deploySetting("CONNECT_VOICE", where));
      return addContactFlow(withSms, { instanceArn: connectInstanceArn(where), flow });
    },
  },
  sandbox: {
    async start(/** @type {{ invoke: Invoke, inventory?: Inventory }} */ { invoke, inventory }) {
      startEnv = { ...process.env };
      invoker = await startInvoker(invoke, inventory);
      warmSandbox = startWarmSandboxLambdas(inventory);
      // Sandbox puts its environment back as soon as this returns (in the same round of promise
      // callbacks), so by the next turn of the event loop the swapped names show.
      setImmediate(() => {
        swappedNames = Object.keys(startEnv).filter((name) => process.env[name] !== startEnv[name]);
        // Now that the environment is known: the first call or page should not wait for an import.
        warmLambda?.prewarm();
        warmSandbox?.prewarm();
      });
    },
    async watcher(/** @type {{ filename: string }} */ { filename }) {
      await rebuildConnectBundle(filename);
    },
    async end() {
      warmSandbox?.stop();
      warmSandbox = undefined;
      warmLambda?.close();
      warmLambda = undefined;
      const server = invoker;
      invoker = undefined;
      if (!server) return;
      server.closeAllConnections?.();
      await new Promise((/** @type {(value?: void) => void} */ resolve) => server.close(() => resolve()));
    },
  },
};
