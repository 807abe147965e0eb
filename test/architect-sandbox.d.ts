// @architect/sandbox ships no types; this is the part of its module API the tests use.
declare module "@architect/sandbox" {
  interface StartOptions {
    cwd?: string;
    port?: number;
    /** The address to listen on (sandbox listens on every interface without it). */
    host?: string;
    quiet?: boolean;
    /** The Lambdas' variables, instead of the project's .env. */
    env?: Record<string, string>;
  }
  const sandbox: {
    start(options?: StartOptions): Promise<string>;
    end(): Promise<string>;
  };
  export default sandbox;
}
