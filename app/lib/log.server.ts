// The web's structured logger: the same JSON lines and phone-number masking as the Connect
// Lambda (src/log.ts), reached through app/ so that Remix keeps it out of the browser build.
export { logger, maskPhoneNumber } from "../../src/log.js";
