// A clock the test moves by hand, for the circuit breaker's pauses and the timers it sets.
import type { BreakerClock } from '@/lib/translation/circuit-breaker';

export interface ManualClock extends BreakerClock {
  /** Moves time on and runs the timers that came due, waiting for what they return. */
  advance(ms: number): Promise<void>;
  /** Timers not run yet. */
  readonly pending: number;
}

export function manualClock(start = Date.UTC(2026, 10, 26, 9, 0, 0)): ManualClock {
  let now = start;
  const timers: Array<{ at: number; task: () => unknown }> = [];
  return {
    now: () => now,
    setTimeout(task, ms) {
      timers.push({ at: now + ms, task });
    },
    async advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at);
      for (const t of due) timers.splice(timers.indexOf(t), 1);
      for (const t of due) await t.task();
    },
    get pending() {
      return timers.length;
    },
  };
}
