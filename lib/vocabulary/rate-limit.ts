// Selection look-ups per learner and per client address: a sliding minute, kept in process memory.
import { AppError } from '../errors';
import { LOOKUPS_PER_MINUTE } from './limits';

const WINDOW_MS = 60_000;
const globalForLookups = globalThis as unknown as { nebeneinanderLookups?: Map<string, number[]> };
const recent = (globalForLookups.nebeneinanderLookups ??= new Map<string, number[]>());

function prune(now: number): void {
  for (const [key, times] of recent) {
    const kept = times.filter((t) => t > now - WINDOW_MS);
    if (kept.length === 0) recent.delete(key);
    else recent.set(key, kept);
  }
}

/**
 * Counts one look-up against every key (the learner, the client's address), or throws "slow down"
 * when any of them had its limit (LOOKUPS_PER_MINUTE unless given) in the last minute. A refused
 * look-up does not count.
 */
export function takeLookupOrThrow(keys: readonly string[], now = Date.now(), limits: readonly number[] = []): void {
  if (recent.size > 10_000) prune(now);
  const windows = keys.map((key) => (recent.get(key) ?? []).filter((t) => t > now - WINDOW_MS));
  const fullAt = windows.findIndex((w, i) => w.length >= (limits[i] ?? LOOKUPS_PER_MINUTE));
  if (fullAt >= 0) {
    const full = windows[fullAt];
    const seconds = Math.max(1, Math.ceil((full[0] + WINDOW_MS - now) / 1000));
    throw new AppError(
      'too_many',
      `Slow down: at most ${limits[fullAt] ?? LOOKUPS_PER_MINUTE} look-ups a minute. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    );
  }
  keys.forEach((key, i) => recent.set(key, [...windows[i], now]));
}

export function resetLookupLimitForTests(): void {
  recent.clear();
}
