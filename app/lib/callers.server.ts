// The data layer as the routes see it. Remix keeps `*.server` modules out of the browser
// build only inside app/, so routes import src/data through this file, never directly.
export {
  getCaller,
  getCallerWithCalls,
  listCallers,
  listRecentCallers,
  CALLERS_PAGE_MAX,
  type CallerCursor,
  type CallerPage,
  type CallerRecord,
} from "../../src/data/callers.server.js";
export { callsByHour, type CallRecord, type HourCount } from "../../src/data/calls.server.js";
export { textsFor, type TextRecord } from "../../src/data/texts.server.js";
