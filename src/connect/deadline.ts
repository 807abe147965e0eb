// Bounding the Lambda's waits on other services: the caller is on the line, and Connect gives the
// whole invocation at most 8 s (the flow's InvocationTimeLimitSeconds).

export class DeadlineError extends Error {
  override name = "DeadlineError";
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
  }
}

/** An AbortSignal that aborts with a DeadlineError after `ms`, and its cancel. */
export function deadline(what: string, ms: number): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineError(what, ms)), ms);
  return { signal: controller.signal, done: () => clearTimeout(timer) };
}

/** `work`, or a rejection as soon as `signal` aborts, whichever comes first (the signal also cancels the request). */
export function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => {}); // a late failure after the deadline is not an unhandled rejection
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
