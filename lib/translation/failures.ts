// Owns TranslationFailure rows (why a block has no English yet) and when a view may try a block again.
import { db } from '../db';
import { jsonArrayValues } from '../sql';
import { getCircuitBreaker } from './circuit-breaker';
import { startOfUtcDay } from './daily-limit';
import type { TranslationError } from './types';

/** A block that failed for a reason of its own is tried again on a view this much later at the earliest. */
export const RETRY_AFTER_MS = 30_000;

/** Failures that say something about DeepL as a whole: the circuit breaker decides when to try again. */
const BREAKER_CODES = new Set(['unreachable', 'unavailable', 'key_rejected', 'quota', 'rate_limited']);

/** When this server process started: a failure from before may have been fixed by the restart (a new key, a higher limit). */
const processStartedAt = () => Date.now() - process.uptime() * 1000;

/** The operator reads why in the server log: each reason once every 10 minutes, not once per view. */
const LOG_EVERY_MS = 10 * 60_000;
const loggedAt = new Map<string, number>();

export function logTranslationFailure(error: TranslationError, now = Date.now()): void {
  if ((loggedAt.get(error.code) ?? -Infinity) > now - LOG_EVERY_MS) return;
  loggedAt.set(error.code, now);
  console.warn(`Translation failed (${error.code}): ${error.message}`);
}

export async function recordFailures(keys: readonly string[], error: TranslationError): Promise<void> {
  if (keys.length === 0) return;
  logTranslationFailure(error);
  await db.$transaction(
    keys.map((key) =>
      db.translationFailure.upsert({
        where: { key },
        create: { key, code: error.code, message: error.message },
        update: { code: error.code, message: error.message, attempts: { increment: 1 }, failedAt: new Date() },
      }),
    ),
  );
}

export interface FailureRow {
  key: string;
  code: string;
  message: string;
  failedAt: Date;
}

/** The failures recorded for these keys; the keys go in as one JSON parameter (see cached-rows.ts). */
export async function findFailures(keys: readonly string[]): Promise<FailureRow[]> {
  if (keys.length === 0) return [];
  return db.$queryRaw<FailureRow[]>`
    SELECT "key", code, message, "failedAt" FROM "TranslationFailure" WHERE "key" IN (${jsonArrayValues(keys)})`;
}

export async function clearFailures(keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await db.translationFailure.deleteMany({ where: { key: { in: [...keys] } } });
}

/**
 * Whether a view should try this failed block again now (the reader then shows it as pending and
 * translates it after the response). Never true right after the same failure, so a page that
 * refreshes itself while blocks are pending cannot loop.
 */
export function isRetryDue(failure: { code: string; failedAt: Date }, now = Date.now()): boolean {
  const at = failure.failedAt.getTime();
  if (at < processStartedAt()) return true;
  if (BREAKER_CODES.has(failure.code)) return getCircuitBreaker().wouldSendNow();
  if (failure.code === 'daily_limit') return at < startOfUtcDay(now).getTime();
  if (failure.code === 'no_key') return false;
  return now - at >= RETRY_AFTER_MS;
}
