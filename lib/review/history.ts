// A learner's review history for the page's plot: reviews per day and retention (how often a card in
// review was recalled), from their ReviewLog rows.
import { db } from '../db';
import { reviewClock, type ReviewClock } from './scheduler';
import type { HistoryDay } from './types';

export const HISTORY_DAYS = 30;
const DAY_MS = 86_400_000;
/** Grades read for the plot at most (a month of a very busy learner): each request's work stays bounded. */
const MAX_LOGS_READ = 50_000;
/** State 2 (review) in ts-fsrs: a card the learner had learnt, so its grade says whether they recalled it. */
const REVIEW_STATE = 2;

/**
 * The last HISTORY_DAYS days (today last), each as the learner's calendar day: `offsetMinutes` is their
 * time zone's offset as the browser's Date.getTimezoneOffset() gives it (UTC − local, -840 to 840).
 */
export async function reviewHistory(
  learnerId: string | null,
  { offsetMinutes = 0, clock = reviewClock }: { offsetMinutes?: number; clock?: ReviewClock } = {},
): Promise<{ days: HistoryDay[]; retention: number | null }> {
  const localDay = (ms: number) => Math.floor((ms - offsetMinutes * 60_000) / DAY_MS);
  const today = localDay(clock.now());
  const days: HistoryDay[] = Array.from({ length: HISTORY_DAYS }, (_, i) => ({
    day: new Date((today - HISTORY_DAYS + 1 + i) * DAY_MS).toISOString().slice(0, 10),
    reviews: 0,
    recalled: 0,
    mature: 0,
  }));
  if (!learnerId) return { days, retention: null };
  const since = new Date((today - HISTORY_DAYS + 1) * DAY_MS + offsetMinutes * 60_000);
  const logs = await db.reviewLog.findMany({ where: { learnerId, reviewedAt: { gte: since } }, select: { reviewedAt: true, grade: true, stateBefore: true }, take: MAX_LOGS_READ });
  for (const log of logs) {
    const entry = days[localDay(log.reviewedAt.getTime()) - (today - HISTORY_DAYS + 1)];
    if (!entry) continue;
    entry.reviews++;
    if (log.stateBefore === REVIEW_STATE) {
      entry.mature++;
      if (log.grade > 1) entry.recalled++;
    }
  }
  const mature = days.reduce((n, d) => n + d.mature, 0);
  return { days, retention: mature === 0 ? null : days.reduce((n, d) => n + d.recalled, 0) / mature };
}
