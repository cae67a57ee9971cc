// What one app process changed, for every other process on the same database: each change to what the
// cached pages show is a PageChange row, and every process polls the last few seconds' rows and forgets
// the pages carrying their tags (its own it forgot at once). A process started after a change has no
// page from before it, so nothing older than the window matters; rows are deleted after a minute.
import { randomBytes } from 'node:crypto';
import { db } from '../db';
import handler from './page-cache-handler.cjs';

/** How often a process reads the others' changes: a change shows everywhere within about this long. */
export const PAGE_CHANGE_POLL_MS = 250;
/** How far back each read looks: far more than a poll, so a late reader or a slow clock misses nothing. */
const WINDOW_MS = 5_000;
/** How long rows are kept. */
const KEEP_MS = 60_000;

interface Follower {
  /** Rows applied (or written) by this process, with when, for the length of two windows. */
  seen: Map<string, number>;
  timer: ReturnType<typeof setTimeout> | null;
  prunedAt: number;
}

const STATE = Symbol.for('nebeneinander.page-changes');
function follower(): Follower {
  const global = globalThis as unknown as Record<symbol, Follower | undefined>;
  return (global[STATE] ??= { seen: new Map(), timer: null, prunedAt: 0 });
}

/** Records a change the other processes must apply (this process has applied it already). */
export async function recordPageChange(tags: string[]): Promise<void> {
  const id = randomBytes(12).toString('base64url');
  follower().seen.set(id, Date.now());
  await db.pageChange.create({ data: { id, tags: tags.join(',') } });
}

/** Applies the changes other processes recorded in the last few seconds; says how many were new here. */
export async function applyPageChanges(now = Date.now()): Promise<number> {
  const state = follower();
  const rows = await db.pageChange.findMany({ where: { at: { gt: new Date(now - WINDOW_MS) } }, select: { id: true, tags: true } });
  let applied = 0;
  for (const row of rows) {
    if (state.seen.has(row.id)) continue;
    state.seen.set(row.id, now);
    // Stamped with this process's clock, when it learns of the change: a render that began before it is not kept.
    handler.invalidateTags(row.tags.split(','));
    applied++;
  }
  for (const [id, at] of state.seen) if (at < now - 2 * WINDOW_MS) state.seen.delete(id);
  if (now - state.prunedAt > KEEP_MS) {
    state.prunedAt = now;
    await db.pageChange.deleteMany({ where: { at: { lt: new Date(now - KEEP_MS) } } });
  }
  return applied;
}

/** Starts reading the other processes' changes, once per process (instrumentation.ts, at server start). */
export function followPageChanges(): void {
  const state = follower();
  if (state.timer) return;
  const poll = () => {
    applyPageChanges()
      .catch((error: unknown) => console.error('Reading the other processes’ page changes failed:', error))
      .finally(() => {
        state.timer = setTimeout(poll, PAGE_CHANGE_POLL_MS);
        state.timer.unref();
      });
  };
  state.timer = setTimeout(poll, PAGE_CHANGE_POLL_MS);
  state.timer.unref();
}
