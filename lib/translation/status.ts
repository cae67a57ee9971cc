// What the /status page reports about translation: DeepL's usage, today's billed characters against
// the daily limit, the circuit breaker in words, and the cache's size and hit rate. The hit counters
// live here too: in memory, since the process started.
import { db } from '../db';
import { getEnvOrThrow } from '../env';
import { getCircuitBreaker, type BreakerStatus } from './circuit-breaker';
import { billedToday, startOfUtcDay } from './daily-limit';
import { getDeepLTranslator } from './deepl';
import { isTranslationError, type DeepLUsage } from './types';

const globalForStats = globalThis as unknown as { translationLookups?: { since: number; requested: number; hits: number } };
const lookups = (globalForStats.translationLookups ??= { since: Date.now() - process.uptime() * 1000, requested: 0, hits: 0 });

/** Called by translateBlocks and translatePhrase for every translation they look up in the cache. */
export function countCacheLookups(requested: number, hits: number): void {
  lookups.requested += requested;
  lookups.hits += hits;
}

export interface TranslationStatus {
  /** The moment the figures below were taken. */
  asOf: Date;
  /** DeepL's usage this period, or why it is not known (no key, rejected, no answer within 2 s). */
  usage: { ok: true; usage: DeepLUsage } | { ok: false; reason: string };
  today: { billed: number; limit: number | null; resumesAt: Date };
  breaker: BreakerStatus & { words: string };
  /** Rows of TranslationCache and the characters of English they hold (blocks, selections, the bundled demo). */
  cache: { rows: number; chars: number };
  lookups: { since: Date; requested: number; hits: number };
}

export const utcTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** The breaker's state as an operator would want it said, and whether another app process learnt it. */
export function describeBreaker(status: BreakerStatus, now: number): string {
  const words = breakerWords(status, now);
  return status.adopted ? `${words} (Learnt from another app process on this database.)` : words;
}

function breakerWords(status: BreakerStatus, now: number): string {
  if (status.state === 'closed') {
    return status.failures === 0
      ? 'Closed: translations go to DeepL as needed.'
      : `Closed: ${status.failures} failed request${status.failures === 1 ? '' : 's'} in a row.`;
  }
  if (status.state === 'half_open') return 'Half-open: one trial request is finding out whether DeepL is back; the others wait for it.';
  const since = status.since === null ? '' : ` since ${utcTime(status.since)}`;
  const why = status.error?.message ?? '';
  const next =
    status.retryAt !== null && status.retryAt <= now ? 'The next translation goes as a trial request.' : null;
  switch (status.reason) {
    case 'key_rejected':
      return `Stopped${since}: ${why} Nothing is sent until the app is restarted with a corrected DEEPL_AUTH_KEY.`;
    case 'quota':
      return (
        `Paused${since}: ${why} ` +
        (next ?? `DeepL's usage is asked again after ${utcTime(status.checkUsageAt ?? now)}.`)
      );
    case 'rate_limited':
      return `Backing off${since}: ${why} ${next ?? `Waiting paragraphs are sent again at ${utcTime(status.retryAt ?? now)}.`}`;
    default:
      return `Open${since}: ${why} ${next ?? `Nothing is sent until ${utcTime(status.retryAt ?? now)}, then one trial request (the pause doubles while DeepL stays down, up to 10 minutes).`}`;
  }
}

const roughly = (ms: number) => {
  const s = Math.ceil(ms / 1000);
  return s < 90 ? `${s} s` : s < 90 * 60 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
};

/**
 * When the breaker lets a request go to DeepL again, for the reader's banner and "Translate again"
 * (null: requests go now, or wait for the trial request under way).
 */
export function nextTryWords(status: BreakerStatus, now: number): string | null {
  if (status.state !== 'open') return null;
  if (status.reason === 'key_rejected') return 'Nothing is sent to DeepL until the app is restarted with a corrected DEEPL_AUTH_KEY.';
  const at = status.reason === 'quota' ? status.checkUsageAt : status.retryAt;
  if (at === null || at <= now) return null;
  return `${status.reason === 'quota' ? "DeepL's usage is checked again" : 'The next try is'} in about ${roughly(at - now)} (${utcTime(at)}).`;
}

async function usageOrReason(): Promise<TranslationStatus['usage']> {
  if (!getEnvOrThrow().DEEPL_AUTH_KEY) return { ok: false, reason: 'No DeepL key configured: set DEEPL_AUTH_KEY and restart the app.' };
  try {
    return { ok: true, usage: await getDeepLTranslator().getUsage() };
  } catch (error) {
    return { ok: false, reason: isTranslationError(error) ? error.message : 'DeepL did not say.' };
  }
}

export async function getTranslationStatus(now = Date.now()): Promise<TranslationStatus> {
  const [usage, billed, cache] = await Promise.all([
    usageOrReason(),
    billedToday(now),
    db.$queryRaw<[{ rows: number | bigint; chars: number | bigint | null }]>`SELECT COUNT(*) AS "rows", SUM(LENGTH(text)) AS chars FROM "TranslationCache"`,
  ]);
  const breaker = getCircuitBreaker().status();
  return {
    asOf: new Date(now),
    usage,
    today: {
      billed,
      limit: getEnvOrThrow().TRANSLATION_DAILY_CHAR_LIMIT ?? null,
      resumesAt: new Date(startOfUtcDay(now).getTime() + 24 * 60 * 60_000),
    },
    breaker: { ...breaker, words: describeBreaker(breaker, getCircuitBreaker().clock.now()) },
    cache: { rows: Number(cache[0].rows), chars: Number(cache[0].chars ?? 0) },
    lookups: { since: new Date(lookups.since), requested: lookups.requested, hits: lookups.hits },
  };
}
