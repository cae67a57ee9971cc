// Long synchronous work in steps: a generator yields between steps, and runs either to the end at once
// or in turns of a few milliseconds, so that a server keeps answering other requests meanwhile.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Work that yields (nothing) between steps and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step now. */
export function runAtOnce<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How long one turn may hold the event loop: well under a page request's own time. */
export const TURN_MS = 8;

/** Runs the steps in turns of about `turnMs`, letting the event loop run between turns. */
export async function runInTurns<T>(steps: Steps<T>, turnMs = TURN_MS): Promise<T> {
  let start = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - start >= turnMs) {
      await nextTurn();
      start = performance.now();
    }
  }
}
