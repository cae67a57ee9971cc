// What an imported article must look like, shared by the import form and POST /api/articles.
import { z } from 'zod';
import { INVISIBLE, directionControlIn, loneSurrogateIn } from '../text/invisible';
import { MAX_TITLE_CHARS } from './limits';

const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

export const importArticleSchema = z.object({
  title: z
    .string({ error: 'The title must be text.' })
    .transform((t) => t.replace(INVISIBLE, '').replace(/[\t\n\r\f\v]+/g, ' ').trim())
    .refine((t) => loneSurrogateIn(t) === null, {
      error: (issue) => `The title contains half of a character (${loneSurrogateIn(String(issue.input))}, an unpaired surrogate): send it as valid Unicode text.`,
    })
    .refine((t) => !CONTROL.test(t), 'The title contains control characters: type it as plain text.')
    .refine((t) => directionControlIn(t) === null, {
      error: (issue) => `The title contains an invisible text-direction character (${directionControlIn(String(issue.input))}): type it again without it.`,
    })
    .refine((t) => t.length <= MAX_TITLE_CHARS, `The title is too long: keep it under ${MAX_TITLE_CHARS} characters.`)
    .optional()
    .transform((t) => (t ? t : undefined)),
  text: z
    .string({ error: 'Send the German text as "text".' })
    .transform((t) => t.replace(INVISIBLE, ''))
    .refine((t) => t.trim().length > 0, 'The article is empty: paste or upload some German text.')
    .refine((t) => loneSurrogateIn(t) === null, {
      error: (issue) =>
        `The text contains half of a character (${loneSurrogateIn(String(issue.input))}, an unpaired surrogate, as from an emoji cut in two): send it as valid Unicode text.`,
    })
    .refine((t) => !CONTROL.test(t), 'The text contains control characters: paste plain text.')
    .refine((t) => directionControlIn(t) === null, {
      error: (issue) =>
        `The text contains an invisible text-direction character (${directionControlIn(String(issue.input))}) that would show words in the wrong order: paste it as plain text.`,
    }),
});

export type ImportArticleInput = z.input<typeof importArticleSchema>;

/** The library's `?page=`: a page number, 1 for anything else (the page cache keys on the same number). */
export const libraryPageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
