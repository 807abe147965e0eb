// The retention Lambda (app.arc @scheduled retention, daily): brings the TTL of stored callers
// (with their calls) and of the hourly counts written under a longer VANITY_RETENTION_DAYS down
// to the current setting, so shortening the
// retention applies to what is already stored, not only to new callers. DynamoDB's TTL then
// deletes them itself (usually within a few days); reads treat them as gone at once.
import { retentionDays } from "../config.js";
import { capRetention } from "../data/callers.server.js";
import { logger } from "../log.js";

const log = logger.child({ module: "retention" });

export const handler = async (): Promise<{ days: number; checked: number; shortened: number; calls: number; hours: number }> => {
  const days = retentionDays(); // an invalid setting throws: the run fails loudly and changes nothing
  const started = performance.now();
  const { checked, shortened, calls, hours } = await capRetention({ days });
  log.info({ days, checked, shortened, calls, hours, ms: Math.round(performance.now() - started) }, "retention applied");
  return { days, checked, shortened, calls, hours };
};
