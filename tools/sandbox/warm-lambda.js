// Warm Lambda execution environments for the local invoker. Sandbox's own invoke starts a fresh
// Node process for every invocation (a cold start each time), which on a
// small machine makes every call a cold one and, under load, runs calls past the Lambda's
// timeout. AWS reuses an environment between invocations, one invocation at a time, and starts
// more as concurrency grows; this does the same with up to `maxWorkers` child processes
// (./warm-lambda-runtime.js), each importing the real handler bundle once.
//
// Like Lambda: an invocation past `timeoutMs` fails with "Task timed out" and its environment is
// discarded; an environment that crashes is replaced; a handler that throws fails that
// invocation only. Unlike Lambda, and for development: when the handler file changes on disk
// (a rebuild), the next invocation gets a fresh environment running the new code; and one
// environment starts at a time, so that a burst on a small machine is served by the first ones
// ready instead of waiting for a crowd of imports sharing its cores.
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const RUNTIME = fileURLToPath(new URL("./warm-lambda-runtime.js", import.meta.url));
const INIT_TIMEOUT_MS = 10_000; // Lambda's limit on the init phase

/**
 * @typedef {{ id: string, resolve: (value: unknown) => void, reject: (error: Error) => void, timer: NodeJS.Timeout | null }} Job
 * @typedef {{ event: unknown, resolve: (value: unknown) => void, reject: (error: Error) => void }} Waiting
 * @typedef {{ child: import("node:child_process").ChildProcess, version: number, busy: boolean, starting: boolean, job: Job | null, ready: Promise<void> }} Worker
 * @typedef {{ ready?: true, initError?: { errorType?: string, errorMessage?: string }, id?: string, result?: unknown, error?: { errorType: string, errorMessage: string } }} RuntimeMessage
 *   what ./warm-lambda-runtime.js sends
 * @typedef {ReturnType<typeof createWarmLambda>} WarmLambda
 */

/** An Error named like Lambda's error types. */
function lambdaError(/** @type {string} */ type, /** @type {string} */ message) {
  const error = new Error(message);
  error.name = type;
  return error;
}

/**
 * @param {object} options
 * @param {string} options.handlerFile  the built handler module (exports `handler`)
 * @param {Record<string, string> | (() => Record<string, string>)} options.env  the environment each
 *   execution environment gets (a function: asked each time one starts)
 * @param {number} options.timeoutMs  the function's timeout
 * @param {number} options.maxWorkers  at most this many environments; further invocations queue
 */
export function createWarmLambda({ handlerFile, env, timeoutMs, maxWorkers }) {
  /** @type {Worker[]} */
  const idle = [];
  /** @type {Set<Worker>} */
  const all = new Set();
  /** @type {Waiting[]} invocations waiting for an environment */
  const waiting = [];
  let version = codeVersion();
  let closed = false;
  const envNow = typeof env === "function" ? env : () => env;

  function codeVersion() {
    try {
      return statSync(handlerFile).mtimeMs;
    } catch {
      return 0; // missing: the init error says so
    }
  }

  /** @returns {Worker} */
  function spawnWorker() {
    const child = fork(RUNTIME, [handlerFile], {
      cwd: dirname(handlerFile),
      env: /** @type {NodeJS.ProcessEnv} */ (envNow()),
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    /** @type {Worker} */
    const worker = { child, version, busy: false, starting: true, job: null, ready: Promise.resolve() };
    all.add(worker);
    const started = () => {
      worker.starting = false;
      // Started ahead of any invocation (prewarm): it waits for one, unless its code went stale.
      if (!worker.busy && worker.version === version) idle.push(worker);
      else if (!worker.busy) retire(worker);
      pump(); // the next one may start now
    };
    worker.ready = new Promise((/** @type {(value?: void) => void} */ resolve, reject) => {
      const timer = setTimeout(() => {
        reject(lambdaError("Sandbox.InitTimeout", `Init timed out after ${INIT_TIMEOUT_MS / 1000} seconds`));
        child.kill("SIGKILL"); // it may never answer: make room for another
      }, INIT_TIMEOUT_MS);
      child.once("message", (/** @type {RuntimeMessage} */ message) => {
        clearTimeout(timer);
        if (message.ready) {
          resolve();
          started();
        } else reject(lambdaError(message.initError?.errorType ?? "Runtime.InitError", message.initError?.errorMessage ?? "init failed"));
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(lambdaError("Runtime.ExitError", `Runtime exited during init (${signal ?? `code ${code}`})`));
      });
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(lambdaError("Runtime.StartError", `Could not start the runtime: ${error.message}`));
      });
    });
    child.on("message", (/** @type {RuntimeMessage} */ message) => {
      if (!worker.job || message.id !== worker.job.id) return;
      const { job } = worker;
      finish(worker);
      if (message.error) job.reject(lambdaError(message.error.errorType, message.error.errorMessage));
      else job.resolve(message.result);
    });
    // An exit during an invocation fails it (one during init rejects `ready`, which run() reports).
    child.on("exit", (code, signal) => {
      all.delete(worker);
      const idleAt = idle.indexOf(worker);
      if (idleAt >= 0) idle.splice(idleAt, 1);
      fail(worker, lambdaError("Runtime.ExitError", `Runtime exited with ${signal ?? `code ${code}`} during the invocation`));
      pump();
    });
    return worker;
  }

  /** Fails the invocation running on `worker`, if any. */
  function fail(/** @type {Worker} */ worker, /** @type {Error} */ error) {
    const { job } = worker;
    if (!job) return;
    worker.job = null;
    if (job.timer) clearTimeout(job.timer);
    job.reject(error);
  }

  function retire(/** @type {Worker} */ worker) {
    all.delete(worker);
    worker.child.kill("SIGKILL");
  }

  /** The invocation on `worker` is over: it goes back to the idle list, unless its code is stale. */
  function finish(/** @type {Worker} */ worker) {
    if (worker.job?.timer) clearTimeout(worker.job.timer);
    worker.job = null;
    worker.busy = false;
    if (closed || worker.version !== version) retire(worker);
    else idle.push(worker);
    pump();
  }

  async function run(/** @type {Worker} */ worker, /** @type {Waiting} */ item) {
    try {
      await worker.ready;
    } catch (error) {
      retire(worker);
      item.reject(/** @type {Error} */ (error));
      return pump();
    }
    const id = randomUUID();
    /** @type {Job} */
    const job = { id, resolve: item.resolve, reject: item.reject, timer: null };
    worker.job = job;
    job.timer = setTimeout(() => {
      if (worker.job !== job) return;
      fail(worker, lambdaError("Sandbox.Timedout", `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`));
      retire(worker); // its invocation may still be running: that environment is not reused
      pump();
    }, timeoutMs);
    worker.child.send({ id, event: item.event, requestId: id, deadline: Date.now() + timeoutMs }, (error) => {
      if (!error || worker.job !== job) return; // the environment died just before: it is not reused
      fail(worker, lambdaError("Runtime.ExitError", `Could not reach the runtime: ${error.message}`));
      retire(worker);
      pump();
    });
  }

  /** Hands waiting invocations to idle environments, starting new ones up to maxWorkers. */
  function pump() {
    while (waiting.length > 0 && !closed) {
      const canStart = all.size < maxWorkers && ![...all].some((w) => w.starting);
      const worker = idle.pop() ?? (canStart ? spawnWorker() : undefined);
      const item = worker && waiting.shift();
      if (!worker || !item) return;
      worker.busy = true;
      run(worker, item);
    }
  }

  return {
    /**
     * Runs the handler on `event` in a warm environment; resolves with its response.
     * @param {unknown} event
     * @returns {Promise<any>} whatever the handler returns
     */
    invoke(event) {
      if (closed) return Promise.reject(new Error("The warm Lambda pool is closed"));
      const now = codeVersion();
      if (now !== version) {
        version = now;
        for (const worker of idle.splice(0)) retire(worker);
      }
      return new Promise((resolve, reject) => {
        waiting.push({ event, resolve, reject });
        pump();
      });
    },
    /** Starts an environment ahead of the first invocation, if none runs. */
    prewarm() {
      if (closed || all.size > 0) return;
      spawnWorker().ready.catch(() => {}); // an init error is reported by the invocation that meets it
    },
    /** How many environments are running, and how many of them are busy. */
    stats() {
      return { environments: all.size, busy: [...all].filter((w) => w.busy).length, waiting: waiting.length };
    },
    close() {
      closed = true;
      for (const item of waiting.splice(0)) item.reject(new Error("The warm Lambda pool is closed"));
      for (const worker of [...all]) retire(worker);
    },
  };
}
