// The data layer as the routes see it. Remix keeps `*.server` modules out of the browser
// build only inside app/, so routes import src/data through this file, never directly.
export { getCaller, listRecentCallers, type CallerRecord } from "../../src/data/callers.server.js";
