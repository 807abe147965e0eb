// Synthetic callers for the seed script and the load benchmark: random North American numbers
// that libphonenumber-js accepts, so every one passes the engine's numbering-plan check.
import { parsePhoneNumber } from "../src/vanity/index.js";

// Area codes in service.
const AREA_CODES = [201, 206, 212, 213, 303, 305, 312, 404, 415, 503, 512, 602, 615, 617, 702, 713, 718, 808, 919, 971];

/** A random valid caller number in E.164. */
export function randomCallerNumber(): string {
  for (;;) {
    const area = AREA_CODES[Math.floor(Math.random() * AREA_CODES.length)]!;
    const exchange = 200 + Math.floor(Math.random() * 800);
    if (exchange % 100 === 11) continue; // N11 service codes
    try {
      return parsePhoneNumber(`+1${area}${exchange}${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`).e164;
    } catch {
      // not in the numbering plan: draw again
    }
  }
}
