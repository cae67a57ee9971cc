// What the app knows of a translation engine: a Translator, and the failures it can report.

export type TranslationErrorCode =
  | 'no_key'
  | 'key_rejected'
  | 'quota'
  | 'daily_limit'
  | 'rate_limited'
  | 'unreachable'
  | 'unavailable'
  | 'failed';

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

/**
 * True for a TranslationError from any copy of this module. Next may bundle it into more than one
 * chunk, and errors kept on globalThis (the circuit breaker's) come from whichever chunk made them,
 * so `instanceof` can fail where the error crosses modules: the name and code decide.
 */
export function isTranslationError(error: unknown): error is TranslationError {
  if (!(error instanceof Error) || error.name !== 'TranslationError') return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(TRANSLATION_ERROR_STATUS, code);
}

/** The HTTP status of an answer DeepL could not give: the service is unavailable, the request was fine. */
export const TRANSLATION_ERROR_STATUS: Record<TranslationErrorCode, 502 | 503> = {
  no_key: 503,
  key_rejected: 503,
  quota: 503,
  daily_limit: 503,
  rate_limited: 503,
  unreachable: 503,
  unavailable: 503,
  failed: 502,
};

/** Messages when nothing more specific is known; the breaker and the daily limit add figures and times. */
export const TRANSLATION_ERROR_MESSAGES: Record<TranslationErrorCode, string> = {
  no_key: 'No DeepL key is configured. Set DEEPL_AUTH_KEY and restart the app to translate this article.',
  key_rejected:
    'DeepL rejected the key. Check DEEPL_AUTH_KEY (a Free key ends in ":fx") and restart the app; until then nothing is retried automatically.',
  quota: 'DeepL quota used up for this period. Translations resume when DeepL shows room again (checked every 10 minutes).',
  daily_limit:
    'The daily translation limit (TRANSLATION_DAILY_CHAR_LIMIT) is reached. Translations resume at 00:00 UTC; raise TRANSLATION_DAILY_CHAR_LIMIT and restart the app to translate more today.',
  rate_limited: 'DeepL is busy (too many requests). Translations go on automatically after a short pause.',
  unreachable: 'DeepL could not be reached. Check the network and DEEPL_SERVER_URL; the app tries again after a pause.',
  unavailable: 'DeepL answered with a server error; the app tries again after a pause.',
  failed: 'DeepL could not translate this text. Try again later.',
};

/**
 * What a learner is told instead: what the failure means for them, never what to configure. The
 * operator's messages above go to editors, /status and the server log.
 */
export const TRANSLATION_ERROR_LEARNER_MESSAGES: Record<TranslationErrorCode, string> = {
  no_key: 'English is not available yet; your teacher has been told.',
  key_rejected: 'English is not available at the moment; your teacher has been told.',
  quota: 'The translation allowance of this site is used up for now; your teacher has been told. Try again later.',
  daily_limit: 'Today’s translations are used up. The English comes tomorrow; try again then.',
  rate_limited: 'The translation service is busy. The English follows in a moment.',
  unreachable: 'The translation service cannot be reached just now. Try again later.',
  unavailable: 'The translation service has a problem just now. Try again later.',
  failed: 'This text could not be translated. Try again later.',
};

/** The message for an editor (what to fix) or for a learner (what it means for them). */
export function translationErrorMessage(code: TranslationErrorCode, operatorMessage: string, editor: boolean): string {
  return editor ? operatorMessage : TRANSLATION_ERROR_LEARNER_MESSAGES[code];
}

/** A few words for a row of the reader; the banner above the article carries the full message. */
export const TRANSLATION_ERROR_LABELS: Record<TranslationErrorCode, string> = {
  no_key: 'no DeepL key configured',
  key_rejected: 'DeepL rejected the key',
  quota: 'DeepL quota used up',
  daily_limit: 'daily translation limit reached',
  rate_limited: 'DeepL is busy',
  unreachable: 'DeepL unreachable',
  unavailable: 'DeepL server error',
  failed: 'DeepL could not translate it',
};

/** Character usage of the DeepL account in the current billing period. */
export interface DeepLUsage {
  count: number;
  limit: number;
}

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
  /** The account's character usage this period; answers (or fails) within a few seconds. */
  getUsage(): Promise<DeepLUsage>;
}
