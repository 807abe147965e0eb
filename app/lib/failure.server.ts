// Loader failures become a plain 500 with a message for people. The error itself goes to the
// server log only: Remix would otherwise serialise its message and stack into the page in
// development and test mode (only production mode sanitises them).
import { json } from "@remix-run/node";
import { logger } from "./log.server";

export interface FailureData {
  message: string;
}

/** Runs `load`; if it throws, logs the error and throws a 500 response carrying `message`. */
export async function orFailWith<T>(message: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof Response) throw error; // already meant for the visitor
    logger.error({ err: error }, message);
    throw json<FailureData>({ message }, { status: 500, headers: { "Cache-Control": "no-store" } });
  }
}
