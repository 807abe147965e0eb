// A local Architect sandbox for scripts (seed, bench-load, bench-pages): its tables, and one started as its own
// process group, as `npm run dev` would run it, on a fixed block of ports, and stopped cleanly
// (the whole group, so no orphaned `arc sandbox` keeps its ports). Its DynamoDB is in memory:
// whatever a benchmark writes is gone when it stops.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The benchmarks' own ports, clear of `npm run dev` (3333/5555/2222/3334). */
export interface SandboxPorts {
  http: number;
  tables: number;
  internal: number;
  invoker: number;
}

export function benchPorts(env: NodeJS.ProcessEnv = process.env): SandboxPorts {
  return {
    http: Number(env.BENCH_HTTP_PORT || 3360),
    tables: Number(env.BENCH_TABLES_PORT || 5660),
    internal: Number(env.BENCH_ARC_PORT || 2260),
    invoker: Number(env.BENCH_INVOKE_PORT || 3361),
  };
}

/** The app's name from app.arc, as sandbox uses it in table names. */
export function appName(): string {
  const match = /^@app\s+(\S+)/m.exec(readFileSync(join(root, "app.arc"), "utf8"));
  if (!match?.[1]) throw new Error("app.arc has no @app name");
  return match[1];
}

/** The physical table the data layer uses in sandbox. */
export function sandboxTable(): string {
  return `${appName()}-staging-data`;
}

/** Benchmarks talk to this machine only: anything else is refused. */
export function assertLocalUrl(url: string): URL {
  const parsed = new URL(url);
  if (!["localhost", "127.0.0.1", "[::1]"].includes(parsed.hostname) || parsed.protocol !== "http:") {
    throw new Error(`Refusing ${url}: the benchmarks only send traffic to http://localhost.`);
  }
  return parsed;
}

/** Points the data layer (src/data/db.server.ts) at a local sandbox's DynamoDB. */
export function useLocalTables(tablesPort: number): void {
  process.env.ARC_TABLES_PORT = String(tablesPort);
  process.env.VANITY_TABLE ||= sandboxTable();
  process.env.AWS_REGION ||= "us-west-2";
}

export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

/**
 * How the connect plugin's invoker at `url` runs the Lambda (the "Lambda:" line of the usage text
 * it answers GET with), or null when no invoker answers there.
 */
export async function invokerMode(url: string): Promise<string | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    const text = await response.text();
    if (!response.ok || !text.includes("Connect invoker")) return null;
    return /^Lambda: (.*)$/m.exec(text)?.[1] ?? "unknown";
  } catch {
    return null;
  }
}

/** Lists the tables on a local DynamoDB, or throws if nothing answers. */
export async function listLocalTables(port: number): Promise<string[]> {
  const client = new DynamoDBClient({
    endpoint: `http://localhost:${port}`,
    region: "us-west-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  try {
    const { TableNames = [] } = await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(3000) });
    return TableNames;
  } finally {
    client.destroy();
  }
}

export interface RunningSandbox {
  ports: SandboxPorts;
  invokeUrl: string;
  httpUrl: string;
  log: string;
  stop(): Promise<void>;
}

const SANDBOX_ENV = {
  NO_UPDATE_NOTIFIER: "1", // no update check (CI=true would also make sandbox wait for each Lambda process to be killed)
  AWS_ACCESS_KEY_ID: "fake",
  AWS_SECRET_ACCESS_KEY: "fake",
  AWS_REGION: "us-west-2",
  AWS_EC2_METADATA_DISABLED: "true",
};

/**
 * Starts `arc sandbox` on `ports` in its own process group and waits (at most `timeoutMs`)
 * until the invoker and the table answer. Needs `npm run build` first (the Lambda bundle and
 * the Remix server build). The sandbox is stopped on stop(), and on exit or Ctrl-C.
 */
export async function startSandbox(ports: SandboxPorts, timeoutMs = 60_000): Promise<RunningSandbox> {
  for (const [name, port] of Object.entries(ports)) {
    if (await portInUse(port)) {
      throw new Error(`Port ${port} (${name}) is already in use; stop what holds it or pick other BENCH_*_PORT values.`);
    }
  }
  const log = join(tmpdir(), `local-sandbox-${ports.http}.log`);
  const out = openSync(log, "w");
  const child: ChildProcess = spawn(join(root, "node_modules/.bin/arc"), ["sandbox"], {
    cwd: root,
    detached: true, // its own process group, so stop() reaches sandbox's node process too
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      ...SANDBOX_ENV,
      PORT: String(ports.http),
      ARC_TABLES_PORT: String(ports.tables),
      ARC_INTERNAL_PORT: String(ports.internal),
      CONNECT_INVOKE_PORT: String(ports.invoker),
    },
  });
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stopped = false;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => killGroup("SIGTERM");
  const onSignal = (signal: NodeJS.Signals) => {
    killGroup("SIGTERM");
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("exit", onExit);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", onExit);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    killGroup("SIGTERM");
    const timer = setTimeout(() => killGroup("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };

  const invokeUrl = `http://localhost:${ports.invoker}/`;
  const deadline = Date.now() + timeoutMs;
  let childExited = false;
  void exited.then(() => (childExited = true));
  for (;;) {
    if (childExited) throw new Error(`The sandbox exited while starting; see ${log}:\n${readFileSync(log, "utf8").slice(-2000)}`);
    if ((await invokerMode(invokeUrl)) !== null && (await listLocalTables(ports.tables).catch((): string[] => [])).includes(sandboxTable()))
      break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The sandbox did not get ready in ${timeoutMs / 1000} s; see ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { ports, invokeUrl, httpUrl: `http://localhost:${ports.http}`, log, stop };
}
