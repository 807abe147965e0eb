// Stand-in processes for sandbox to spawn while a warm environment runs the invocation
// (./warm-sandbox.js). Each waits on a named pipe of its own and exits when told to, so sandbox sees
// the process end as soon as the response is in and has nothing to kill. Forking the sandbox
// process is the costly part; ending the stand-in ourselves saves
// sandbox a second fork (`ps`, to find what to kill) and its 25 ms polling interval.
// Without named pipes (mkfifo missing, Windows) the stand-in is a `sleep`, which sandbox ends
// itself once it finds the response.
import { execFileSync } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BATCH = 32; // pipes made per mkfifo run

/**
 * @param {number} timeoutSeconds  how long a stand-in may wait at most (the Lambda's timeout)
 */
export function createPlaceholders(timeoutSeconds) {
  const fallback = { command: `sleep ${timeoutSeconds + 5}`, args: [], release() {} };
  /** @type {string | undefined} */
  let dir;
  /** @typedef {{ path: string, fd: number }} Pipe */
  /** @type {Pipe[]} */
  const free = [];
  /** @type {Pipe[]} */
  const all = [];
  let usable = true;

  function makeBatch() {
    try {
      dir ??= mkdtempSync(join(tmpdir(), "warm-sandbox-"));
      const paths = Array.from({ length: BATCH }, (_, i) => join(dir ?? "", `pipe-${all.length + i}`));
      execFileSync("mkfifo", paths, { stdio: "ignore" });
      // Read-write and non-blocking: opening never waits for a reader, the pipe lives as long as
      // this process holds it, and a line a killed stand-in never read can be drained.
      for (const path of paths) {
        const pipe = { path, fd: openSync(path, constants.O_RDWR | constants.O_NONBLOCK) };
        all.push(pipe);
        free.push(pipe);
      }
    } catch {
      usable = false;
    }
  }

  /** Empties a pipe: a stand-in that was killed before reading its line left it there. */
  function drain(/** @type {Pipe} */ pipe) {
    const buffer = Buffer.alloc(64);
    try {
      while (readSync(pipe.fd, buffer) > 0);
    } catch {
      // EAGAIN: empty
    }
  }

  return {
    /** A command for sandbox to spawn, and `release()` to end it once the response is in. */
    take() {
      if (usable && free.length === 0) makeBatch();
      const pipe = usable ? free.shift() : undefined; // the longest free: its last stand-in is surely gone
      if (!pipe) return fallback;
      drain(pipe);
      let released = false;
      return {
        command: `read -r _ < '${pipe.path}'`,
        args: [],
        release() {
          if (released) return;
          released = true;
          try {
            writeSync(pipe.fd, "\n");
          } catch {
            // the pipe is full or gone: sandbox still finds the response and ends the stand-in
          }
          free.push(pipe);
        },
      };
    },
    close() {
      for (const pipe of all.splice(0)) closeSync(pipe.fd);
      free.length = 0;
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
