// Characters that change how text looks without being seen: removed or refused wherever people type
// or paste text (articles, vocabulary notes), and halves of characters that are no text at all.

/** Invisible characters web pages leave in copied text (zero-width space, word joiner, soft hyphen,
 *  a stray byte-order mark): they split words for vocabulary and search, so they are removed. */
export const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;

/** Bidirectional embeddings, overrides and isolates show text in another order than it is stored
 *  (a title could pose as another): refused, naming the character. */
const DIRECTION_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** The first direction control in `text` as "U+202E", or null. */
export function directionControlIn(text: string): string | null {
  const found = DIRECTION_CONTROL.exec(text);
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** Control characters (C0 and C1, other than tab and line breaks) and direction controls. */
const CONTROL_OR_DIRECTION = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]|${DIRECTION_CONTROL.source}`, 'g');

/** Removes them from text that comes from a machine and is stored as it came (DeepL's answers). */
export function removeControls(text: string): string {
  return text.replace(CONTROL_OR_DIRECTION, '');
}

/** Half of a character beyond U+FFFF (an emoji, say) without its other half. JSON can carry one
 *  ("\ud800"), but it is not text: it cannot be stored as UTF-8 (the database refuses it) nor shown.
 *  Refused, naming it. One character of look-around each way: linear. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first unpaired surrogate in `text` as "U+D800", or null. */
export function loneSurrogateIn(text: string): string | null {
  const found = LONE_SURROGATE.exec(text);
  return found ? `U+${found[0].charCodeAt(0).toString(16).toUpperCase()}` : null;
}

const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** Text from a machine (a fetched web page) with each unpaired surrogate as U+FFFD, as a browser shows it. */
export function replaceLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATES, '\ufffd');
}
