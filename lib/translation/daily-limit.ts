// Owns TRANSLATION_DAILY_CHAR_LIMIT: characters billed by DeepL per UTC day, checked before sending.
// Billed characters are read from what is stored: each cache row written from DeepL's answer holds
// its billedChars and createdAt, so no second count can drift from what was actually paid for.
import { db } from '../db';
import { getEnvOrThrow } from '../env';
import { TranslationError } from './types';

export interface DailyAllowance {
  /** How many of the requested texts fit, in order (the rest must not be sent today). */
  fits: number;
  /** Why the rest does not fit; null when everything fits. */
  error: TranslationError | null;
  /** Call once the sent texts are stored (or failed): their characters then count from the database. */
  release(): void;
}

/** Characters sent but not stored yet, so that concurrent requests cannot overshoot together. */
const globalForLimit = globalThis as unknown as { dailyLimit?: { reserved: number; releases: number } };
const inFlight = (globalForLimit.dailyLimit ??= { reserved: 0, releases: 0 });

const count = (n: number) => n.toLocaleString('en-US');

export function startOfUtcDay(now = Date.now()): Date {
  const day = new Date(now);
  day.setUTCHours(0, 0, 0, 0);
  return day;
}

/** Characters billed by DeepL today (UTC): cache rows from DeepL, blocks and selections alike. */
export async function billedToday(now = Date.now()): Promise<number> {
  const sum = await db.translationCache.aggregate({
    _sum: { billedChars: true },
    where: { engine: 'deepl', createdAt: { gte: startOfUtcDay(now) } },
  });
  return sum._sum.billedChars ?? 0;
}

function limitError(limit: number, used: number, needed: number, now: number): TranslationError {
  const tomorrow = new Date(startOfUtcDay(now).getTime() + 24 * 60 * 60_000);
  const date = tomorrow.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return new TranslationError(
    'daily_limit',
    `The daily translation limit (TRANSLATION_DAILY_CHAR_LIMIT = ${count(limit)} characters) is reached: ${count(used)} billed today, ` +
      `${count(needed)} more needed. Translations resume at 00:00 UTC on ${date}; raise TRANSLATION_DAILY_CHAR_LIMIT and restart the app to translate more today.`,
  );
}

/**
 * Reserves today's characters for texts of the given billed sizes, in order: as many as fit under
 * the limit. Without TRANSLATION_DAILY_CHAR_LIMIT everything fits and nothing is read.
 */
export async function reserveDailyChars(sizes: readonly number[], now = Date.now()): Promise<DailyAllowance> {
  const limit = getEnvOrThrow().TRANSLATION_DAILY_CHAR_LIMIT;
  if (limit === undefined) return { fits: sizes.length, error: null, release: () => {} };
  // A request stored and released while we were reading would be counted by neither: read again.
  let stored: number;
  let releases: number;
  do {
    releases = inFlight.releases;
    stored = await billedToday(now);
  } while (releases !== inFlight.releases);
  const used = stored + inFlight.reserved;
  let fits = 0;
  let total = 0;
  while (fits < sizes.length && used + total + sizes[fits] <= limit) total += sizes[fits++];
  inFlight.reserved += total;
  let released = false;
  return {
    fits,
    error: fits < sizes.length ? limitError(limit, used, sizes.slice(fits).reduce((a, b) => a + b, 0), now) : null,
    release() {
      if (released) return;
      released = true;
      inFlight.reserved -= total;
      inFlight.releases++;
    },
  };
}
