// The only module that imports deepl-node: a Translator over DeepL's API, errors mapped to ours.
import * as deepl from 'deepl-node';
import { getEnvOrThrow } from '../env';
import { getCircuitBreaker } from './circuit-breaker';
import {
  TRANSLATION_ERROR_MESSAGES,
  TranslationError,
  isTranslationError,
  type DeepLUsage,
  type PhraseRequest,
  type TranslateRequest,
  type Translator,
  type TranslationErrorCode,
} from './types';

/** The usage endpoint feeds the status page and the quota banner: it must answer quickly or not at all. */
const USAGE_TIMEOUT_MS = 2_000;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** deepl-node reports 5xx answers as a plain DeepLError; its message is the only place the status is. */
function serverErrorStatus(error: deepl.DeepLError): string | null {
  if (/^Service unavailable/.test(error.message)) return '503';
  return /^Unexpected status code: (5\d\d)/.exec(error.message)?.[1] ?? null;
}

function isTimeout(error: deepl.ConnectionError): boolean {
  const code = (error.error as { code?: string } | undefined)?.code;
  return code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(error.message);
}

function toTranslationError(error: unknown, timeoutMs: number): TranslationError {
  const fail = (code: TranslationErrorCode, message = TRANSLATION_ERROR_MESSAGES[code]) => new TranslationError(code, message);
  if (isTranslationError(error)) return error;
  if (error instanceof deepl.AuthorizationError) return fail('key_rejected');
  if (error instanceof deepl.QuotaExceededError) return fail('quota');
  if (error instanceof deepl.TooManyRequestsError) return fail('rate_limited');
  if (error instanceof deepl.ConnectionError) {
    if (!isTimeout(error)) return fail('unreachable');
    return fail(
      'unreachable',
      `DeepL did not answer within ${seconds(timeoutMs)}. Check the network and DEEPL_SERVER_URL; the app tries again after a pause.`,
    );
  }
  const status = error instanceof deepl.DeepLError ? serverErrorStatus(error) : null;
  if (status) {
    return fail('unavailable', `DeepL answered with a server error (${status}); the app tries again after a pause.`);
  }
  console.error('DeepL translation failed:', error);
  return fail('failed');
}

class DeepLTranslator implements Translator {
  private readonly client: deepl.Translator;
  private readonly usageClient: deepl.Translator;

  constructor(
    authKey: string,
    serverUrl: string | undefined,
    private readonly timeoutMs: number,
  ) {
    const options = { serverUrl, sendPlatformInfo: false, appInfo: { appName: 'nebeneinander', appVersion: '0.1.0' } };
    this.client = new deepl.Translator(authKey, { ...options, minTimeout: timeoutMs, maxRetries: 2 });
    this.usageClient = new deepl.Translator(authKey, { ...options, minTimeout: USAGE_TIMEOUT_MS, maxRetries: 0 });
  }

  async translateTagged({ texts, targetLang }: TranslateRequest) {
    try {
      const results = await this.client.translateText(texts, 'de', targetLang === 'EN-GB' ? 'en-GB' : 'en-US', {
        tagHandling: 'xml',
        splittingTags: ['s'],
        outlineDetection: false,
        splitSentences: 'nonewlines',
      });
      return results.map((r) => r.text);
    } catch (error) {
      throw toTranslationError(error, this.timeoutMs);
    }
  }

  async translatePhrase({ text, context, targetLang }: PhraseRequest) {
    try {
      const result = await this.client.translateText(text, 'de', targetLang === 'EN-GB' ? 'en-GB' : 'en-US', {
        context: context || undefined,
      });
      return result.text;
    } catch (error) {
      throw toTranslationError(error, this.timeoutMs);
    }
  }

  async getUsage(): Promise<DeepLUsage> {
    let timer: NodeJS.Timeout | undefined;
    // The client's own timeout covers a silent server; this also covers one that answers byte by byte.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new deepl.ConnectionError('timeout: the usage endpoint did not answer')), USAGE_TIMEOUT_MS + 250);
    });
    try {
      const usage = await Promise.race([this.usageClient.getUsage(), deadline]);
      if (!usage.character) throw new TranslationError('failed', 'DeepL did not report character usage for this key.');
      return { count: usage.character.count, limit: usage.character.limit };
    } catch (error) {
      throw toTranslationError(error, USAGE_TIMEOUT_MS);
    } finally {
      clearTimeout(timer);
    }
  }
}

class MissingKeyTranslator implements Translator {
  async translateTagged(): Promise<string[]> {
    throw new TranslationError('no_key', TRANSLATION_ERROR_MESSAGES.no_key);
  }

  async translatePhrase(): Promise<string> {
    throw new TranslationError('no_key', TRANSLATION_ERROR_MESSAGES.no_key);
  }

  async getUsage(): Promise<DeepLUsage> {
    throw new TranslationError('no_key', TRANSLATION_ERROR_MESSAGES.no_key);
  }
}

let instance: { key: string; translator: Translator } | undefined;

/** The configured DeepL translator; without DEEPL_AUTH_KEY, one that reports the missing key. */
export function getDeepLTranslator(): Translator {
  const env = getEnvOrThrow();
  const key = `${env.DEEPL_AUTH_KEY}|${env.DEEPL_SERVER_URL}|${env.DEEPL_TIMEOUT_MS}`;
  if (instance?.key !== key) {
    const translator = env.DEEPL_AUTH_KEY
      ? new DeepLTranslator(env.DEEPL_AUTH_KEY, env.DEEPL_SERVER_URL, env.DEEPL_TIMEOUT_MS)
      : new MissingKeyTranslator();
    // A rejected key or a dead server says nothing about the new configuration.
    if (instance) getCircuitBreaker().configurationChanged();
    instance = { key, translator };
  }
  return instance.translator;
}
