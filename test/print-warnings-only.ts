// Vitest setup for every test file: log lines below "warn" are not printed (tests that check
// logs capture them with captureLogs, which still sees every line).
import { printFrom } from "../src/log.js";

printFrom("warn");
