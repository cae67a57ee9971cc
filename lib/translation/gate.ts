// Every DeepL request goes through here: the circuit breaker says whether it may go now, and what
// DeepL answers tells the breaker what to do next. A 456 asks the usage endpoint once, for the banner.
import { getCircuitBreaker } from './circuit-breaker';
import { TRANSLATION_ERROR_MESSAGES, TranslationError, isTranslationError, type DeepLUsage, type Translator } from './types';

const count = (n: number) => n.toLocaleString('en-US');

/** The quota message, with DeepL's own figures when its usage endpoint answered. */
export function quotaError(usage: DeepLUsage | null): TranslationError {
  if (!usage) return new TranslationError('quota', TRANSLATION_ERROR_MESSAGES.quota);
  return new TranslationError(
    'quota',
    `DeepL quota used up: ${count(usage.count)} of ${count(usage.limit)} characters this period. ` +
      'Translations resume when DeepL shows room again (checked every 10 minutes); a larger DeepL plan raises the quota.',
  );
}

async function usageOrNull(translator: Translator): Promise<DeepLUsage | null> {
  try {
    return await translator.getUsage();
  } catch {
    return null;
  }
}

/**
 * Sends one request unless the breaker holds requests back (then throws its TranslationError
 * without sending). While one probe decides whether DeepL is back, the others wait for its answer.
 */
export async function sendThroughBreaker<T>(translator: Translator, send: () => Promise<T>): Promise<T> {
  const breaker = getCircuitBreaker();
  for (;;) {
    const ticket = breaker.acquire();
    if (ticket.kind === 'blocked') throw ticket.error;
    if (ticket.kind === 'wait') {
      await ticket.settled;
      continue;
    }
    if (ticket.kind === 'check_usage') {
      const usage = await usageOrNull(translator);
      if (!ticket.usageChecked(usage, usage && quotaError(usage))) continue; // still used up: refused with the new figures
    }
    let result: T;
    try {
      result = await send();
    } catch (e) {
      if (!isTranslationError(e)) {
        ticket.cancelled();
        throw e;
      }
      if (e.code !== 'quota') {
        ticket.failed(e);
        throw e;
      }
      const usage = await usageOrNull(translator);
      const error = quotaError(usage);
      ticket.failed(error, usage);
      throw error;
    }
    ticket.succeeded();
    return result;
  }
}
