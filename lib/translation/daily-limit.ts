// Owns TRANSLATION_DAILY_CHAR_LIMIT: characters billed by DeepL per UTC day, checked before sending.
// Billed characters are read from what is stored: each cache row written from DeepL's answer holds
// its billedChars and createdAt, so no second count can drift from what was actually paid for. What is
// being sent right now, by this process or any other on the database, is counted from the claims
// (claims.ts): a key is claimed before it is sent and released only after its row is stored, so a text
// is never counted by neither (at worst, for a moment, by both).
import { db } from '../db';
import { getEnvOrThrow } from '../env';
import { claimedChars, type ClaimItem } from './claims';
import { TranslationError } from './types';

export interface DailyAllowance {
  /** How many of the claimed texts fit, in order (the rest must not be sent today). */
  fits: number;
  /** Why the rest does not fit; null when everything fits. */
  error: TranslationError | null;
}

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
 * Of texts this process has just claimed (claims.ts), in order, how many fit under today's limit,
 * counting what is stored and what every process has claimed besides them. Two processes checking at
 * once each count the other's claims: at the limit both may hold back, neither overshoots. Without
 * TRANSLATION_DAILY_CHAR_LIMIT everything fits and nothing is read.
 */
export async function reserveDailyChars(claimed: readonly ClaimItem[], now = Date.now()): Promise<DailyAllowance> {
  const limit = getEnvOrThrow().TRANSLATION_DAILY_CHAR_LIMIT;
  if (limit === undefined) return { fits: claimed.length, error: null };
  const [stored, inFlight] = await Promise.all([billedToday(now), claimedChars(now)]);
  const used = stored + inFlight - claimed.reduce((sum, item) => sum + item.chars, 0);
  let fits = 0;
  let total = 0;
  while (fits < claimed.length && used + total + claimed[fits].chars <= limit) total += claimed[fits++].chars;
  const rest = claimed.slice(fits).reduce((sum, item) => sum + item.chars, 0);
  return { fits, error: fits < claimed.length ? limitError(limit, used, rest, now) : null };
}
