// What an imported article must look like, shared by the import form and POST /api/articles.
import { z } from 'zod';

export const MAX_ARTICLE_CHARS = 200_000;
export const MAX_TITLE_CHARS = 200;
/** A .txt/.md upload larger than this cannot hold 200,000 characters of text and is refused unread. */
export const MAX_UPLOAD_BYTES = 1_000_000;

const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;
/** Invisible characters web pages leave in copied text (zero-width space, word joiner, soft hyphen,
 *  a stray byte-order mark): they split words for vocabulary and search, so they are removed. */
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/g;
/** Bidirectional embeddings, overrides and isolates show text in another order than it is stored
 *  (a title could pose as another): refused, naming the character. */
const DIRECTION_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

function directionControlIn(text: string): string | null {
  const found = DIRECTION_CONTROL.exec(text);
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

export const importArticleSchema = z.object({
  title: z
    .string({ error: 'The title must be text.' })
    .transform((t) => t.replace(INVISIBLE, '').replace(/[\t\n\r\f\v]+/g, ' ').trim())
    .refine((t) => !CONTROL.test(t), 'The title contains control characters: type it as plain text.')
    .refine((t) => !DIRECTION_CONTROL.test(t), {
      error: (issue) => `The title contains an invisible text-direction character (${directionControlIn(String(issue.input))}): type it again without it.`,
    })
    .refine((t) => t.length <= MAX_TITLE_CHARS, `The title is too long: keep it under ${MAX_TITLE_CHARS} characters.`)
    .optional()
    .transform((t) => (t ? t : undefined)),
  text: z
    .string({ error: 'Send the German text as "text".' })
    .transform((t) => t.replace(INVISIBLE, ''))
    .refine((t) => t.trim().length > 0, 'The article is empty: paste or upload some German text.')
    .refine((t) => !CONTROL.test(t), 'The text contains control characters: paste plain text.')
    .refine((t) => !DIRECTION_CONTROL.test(t), {
      error: (issue) =>
        `The text contains an invisible text-direction character (${directionControlIn(String(issue.input))}) that would show words in the wrong order: paste it as plain text.`,
    }),
});

export type ImportArticleInput = z.input<typeof importArticleSchema>;
