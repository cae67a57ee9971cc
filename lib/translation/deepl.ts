// The only module that imports deepl-node: a Translator over DeepL's API, errors mapped to ours.
import * as deepl from 'deepl-node';
import { getEnvOrThrow } from '../env';
import {
  TRANSLATION_ERROR_MESSAGES,
  TranslationError,
  type PhraseRequest,
  type TranslateRequest,
  type Translator,
  type TranslationErrorCode,
} from './types';

function toTranslationError(error: unknown): TranslationError {
  let code: TranslationErrorCode = 'failed';
  if (error instanceof deepl.AuthorizationError) code = 'key_rejected';
  else if (error instanceof deepl.QuotaExceededError) code = 'quota';
  else if (error instanceof deepl.TooManyRequestsError) code = 'rate_limited';
  else if (error instanceof deepl.ConnectionError) code = 'unreachable';
  if (code === 'failed') console.error('DeepL translation failed:', error);
  return new TranslationError(code, TRANSLATION_ERROR_MESSAGES[code]);
}

class DeepLTranslator implements Translator {
  private readonly client: deepl.Translator;

  constructor(authKey: string, serverUrl: string | undefined, timeoutMs: number) {
    this.client = new deepl.Translator(authKey, {
      serverUrl,
      minTimeout: timeoutMs,
      maxRetries: 2,
      sendPlatformInfo: false,
      appInfo: { appName: 'nebeneinander', appVersion: '0.1.0' },
    });
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
      throw toTranslationError(error);
    }
  }

  async translatePhrase({ text, context, targetLang }: PhraseRequest) {
    try {
      const result = await this.client.translateText(text, 'de', targetLang === 'EN-GB' ? 'en-GB' : 'en-US', {
        context: context || undefined,
      });
      return result.text;
    } catch (error) {
      throw toTranslationError(error);
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
    instance = { key, translator };
  }
  return instance.translator;
}
