// Selection look-ups per learner and per client address: a sliding minute, counted in the database so
// that every app process on it (several instances behind a load balancer) counts the same look-ups.
import { db } from '../db';
import { AppError } from '../errors';
import { LOOKUPS_PER_MINUTE } from './limits';

const WINDOW_MS = 60_000;
const globalForLookups = globalThis as unknown as { nebeneinanderLookupsPrunedAt?: { at: number } };
const pruned = (globalForLookups.nebeneinanderLookupsPrunedAt ??= { at: 0 });

/**
 * Counts one look-up against every key (the learner, the client's address), or throws "slow down"
 * when any of them had its limit (LOOKUPS_PER_MINUTE unless given) in the last minute. A refused
 * look-up does not count. The look-up is written first and the minute counted after: two processes
 * taking the last one at once both see both, and both refuse (never both allow).
 */
export async function takeLookupOrThrow(keys: readonly string[], now = Date.now(), limits: readonly number[] = []): Promise<void> {
  const at = new Date(now);
  const taken = await db.$transaction(keys.map((key) => db.lookupTake.create({ data: { key, at }, select: { id: true } })));
  const counts = await db.lookupTake.groupBy({
    by: ['key'],
    where: { key: { in: [...keys] }, at: { gt: new Date(now - WINDOW_MS), lte: at } },
    _count: { _all: true },
    _min: { at: true },
  });
  const fullAt = keys.findIndex((key, i) => (counts.find((c) => c.key === key)?._count._all ?? 0) > (limits[i] ?? LOOKUPS_PER_MINUTE));
  if (fullAt >= 0) {
    await db.lookupTake.deleteMany({ where: { id: { in: taken.map((t) => t.id) } } });
    const oldest = counts.find((c) => c.key === keys[fullAt])?._min.at?.getTime() ?? now;
    const seconds = Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    throw new AppError(
      'too_many',
      `Slow down: at most ${limits[fullAt] ?? LOOKUPS_PER_MINUTE} look-ups a minute. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    );
  }
  if (now - pruned.at > WINDOW_MS) {
    pruned.at = now;
    await db.lookupTake.deleteMany({ where: { at: { lt: new Date(now - WINDOW_MS) } } });
  }
}

export async function resetLookupLimitForTests(): Promise<void> {
  pruned.at = 0;
  await db.lookupTake.deleteMany();
}
