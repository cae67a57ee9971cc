// Tests only: the one way the app stops where a crash test must kill it (inside a write transaction),
// reached only when a TEST_HOLD_* variable is set (lib/env.ts).
import fs from 'node:fs';

/**
 * Says `line` on stdout (synchronously: a pipe or file, never lost to a kill) and blocks the whole
 * process here until it is killed, so a test kills the server provably at this point. Blocking the
 * event loop also stops every timer, so a transaction's own timeout cannot end it first.
 */
export function holdForTests(line: string): void {
  fs.writeSync(1, `${line}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
