// The end-to-end tests' server: Architect sandbox, started through its module API so that the
// Lambdas get a known local admin password and session secret whatever a developer's .env says
// (sandbox hands Lambdas the `env` option, else .env; never the shell's own environment).
// Ports come from PORT, ARC_TABLES_PORT, ARC_INTERNAL_PORT and CONNECT_INVOKE_PORT.
// Stops cleanly on SIGTERM/SIGINT (Playwright's webServer shutdown).
import sandbox from "@architect/sandbox";
import { E2E_ADMIN_PASSWORD, E2E_SESSION_SECRET } from "./credentials";

const port = Number(process.env.PORT ?? 3390);

await sandbox.start({
  cwd: process.cwd(),
  port,
  host: "127.0.0.1", // this machine only
  quiet: true,
  env: {
    LOCAL_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
    SESSION_SECRET: E2E_SESSION_SECRET,
  },
});
console.log(`sandbox for end-to-end tests on http://localhost:${port}`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await sandbox.end();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
