// DeepL's answers before they are stored: control and text-direction characters removed, and an answer
// far longer than its German refused. A faulty or hostile server (DEEPL_SERVER_URL) could send either.
import { removeControls } from '../text/invisible';
import { TranslationError } from './types';

/** English runs about as long as German: four times as long, plus room for a short text, is no translation. */
export function maxAnswerChars(sourceChars: number): number {
  return 4 * sourceChars + 1_000;
}

/** Null when the answer may be stored, else the failure to record for it (the German stays shown). */
export function refuseLongAnswer(source: string, answer: string): TranslationError | null {
  if (answer.length <= maxAnswerChars(source.length)) return null;
  return new TranslationError(
    'failed',
    `DeepL answered with ${answer.length.toLocaleString('en')} characters for ${source.length.toLocaleString('en')} characters of German, so the answer was not stored. Try again later.`,
  );
}

/** The answer's text as it may be stored and shown. */
export const cleanAnswer = removeControls;
