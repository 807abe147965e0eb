// The web's structured logger: the same JSON lines and phone-number masking as the Connect
// Lambda (src/log.ts), reached through app/ so that Remix keeps it out of the browser build.
import { format } from "node:util";
import { logger, scrubText } from "../../src/log.js";

export { logger, maskPhoneNumber } from "../../src/log.js";

/**
 * Sends what libraries write with console.error and console.warn (React Router's "No routes
 * matched location …", a dependency's warning) through the logger, masked like every other
 * line, instead of writing it raw. Called once when the server starts.
 */
export function routeConsoleThroughLogger(): void {
  const log = logger.child({ module: "console" });
  console.error = (...args: unknown[]) =>
    log.error(
      { err: args.find((a) => a instanceof Error) },
      scrubText(format(...args.filter((a) => !(a instanceof Error))) || "error", 500),
    );
  console.warn = (...args: unknown[]) => log.warn(scrubText(format(...args), 500));
}
