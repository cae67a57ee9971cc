// What the app knows of a translation engine: a Translator, and the failures it can report.

export type TranslationErrorCode = 'no_key' | 'key_rejected' | 'quota' | 'rate_limited' | 'unreachable' | 'failed';

/** The one error type the translation engine throws; carries a message a person can act on. */
export class TranslationError extends Error {
  constructor(
    readonly code: TranslationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TranslationError';
  }
}

export const TRANSLATION_ERROR_MESSAGES: Record<TranslationErrorCode, string> = {
  no_key: 'No DeepL key is configured. Set DEEPL_AUTH_KEY and restart the app to translate this article.',
  key_rejected: 'DeepL rejected the key. Check DEEPL_AUTH_KEY (a Free key ends in ":fx").',
  quota: 'The DeepL quota for this period is used up. Translations resume when the quota renews.',
  rate_limited: 'DeepL is busy (too many requests). Try again in a minute.',
  unreachable: 'DeepL could not be reached. Check the network or DEEPL_SERVER_URL, then try again.',
  failed: 'DeepL could not translate this text. Try again later.',
};

/** A few words for a row of the reader; the banner above the article carries the full message. */
export const TRANSLATION_ERROR_LABELS: Record<TranslationErrorCode, string> = {
  no_key: 'no DeepL key configured',
  key_rejected: 'DeepL rejected the key',
  quota: 'DeepL quota used up',
  rate_limited: 'DeepL is busy',
  unreachable: 'DeepL unreachable',
  failed: 'DeepL could not translate it',
};

export interface TranslateRequest {
  /** Block texts with sentences in <s i="k"> tags. */
  texts: string[];
  targetLang: 'EN-US' | 'EN-GB';
}

export interface PhraseRequest {
  /** A word or phrase, plain text. */
  text: string;
  /** The sentence it comes from: DeepL reads it to pick the sense, and does not bill it. */
  context: string;
  targetLang: 'EN-US' | 'EN-GB';
}

export interface Translator {
  /** Translates the tagged texts in one request, answering one tagged text per input, in order. */
  translateTagged(request: TranslateRequest): Promise<string[]>;
  /** Translates one word or phrase in the light of its sentence. */
  translatePhrase(request: PhraseRequest): Promise<string>;
}
