// Validation of notes coming in (API bodies, forms, CSV rows): one message a learner can act on.
import { z } from 'zod';
import {
  MAX_BASE_FORM_CHARS,
  MAX_CONTEXT_CHARS,
  MAX_NOTE_CHARS,
  MAX_TERM_CHARS,
  MAX_TRANSLATION_CHARS,
} from './limits';
import { NOUN_ARTICLES, type NoteInput } from './types';
import { INVISIBLE, directionControlIn, loneSurrogateIn } from '../text/invisible';

// Control characters other than tab and newlines, and the Unicode "noncharacters" of broken encodings.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/;

/** NFC, no invisible characters, single spaces, no ends: the form terms are stored and compared in. */
export function normalizeLine(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

const noDirectionControl = (label: string) => (t: string, ctx: z.RefinementCtx) => {
  const found = directionControlIn(t);
  if (found) ctx.addIssue({ code: 'custom', message: `"${label}" contains the text-direction control ${found}: type the text without it.` });
};

const noLoneSurrogate = (label: string) => (t: string, ctx: z.RefinementCtx) => {
  const found = loneSurrogateIn(t);
  if (found) ctx.addIssue({ code: 'custom', message: `"${label}" contains half of a character (${found}, an unpaired surrogate): send it as valid Unicode text.` });
};

const line = (label: string, max: number) =>
  z
    .string({ error: `"${label}" must be text.` })
    .transform(normalizeLine)
    .superRefine(noLoneSurrogate(label))
    .superRefine(noDirectionControl(label))
    .refine((t) => !CONTROL.test(t), `"${label}" contains control characters: use plain text.`)
    .refine((t) => t.length <= max, `"${label}" is too long: at most ${max.toLocaleString('en')} characters.`);

const paragraphText = (label: string, max: number) =>
  z
    .string({ error: `"${label}" must be text.` })
    .transform((t) => t.normalize('NFC').replace(INVISIBLE, '').replace(/\r\n?/g, '\n').trim())
    .superRefine(noLoneSurrogate(label))
    .superRefine(noDirectionControl(label))
    .refine((t) => !CONTROL.test(t), `"${label}" contains control characters: use plain text.`)
    .refine((t) => t.length <= max, `"${label}" is too long: at most ${max.toLocaleString('en')} characters.`);

const term = line('term', MAX_TERM_CHARS).refine((t) => t.length > 0, 'The term is empty: select or type a German word or phrase.');

export const noteFields = {
  term,
  translation: line('translation', MAX_TRANSLATION_CHARS),
  baseForm: line('baseForm', MAX_BASE_FORM_CHARS),
  nounArticle: z.enum(NOUN_ARTICLES, { error: '"nounArticle" must be "der", "die", "das" or null.' }).nullable(),
  note: paragraphText('note', MAX_NOTE_CHARS),
  context: paragraphText('context', MAX_CONTEXT_CHARS),
  articleSlug: z.string({ error: '"articleSlug" must be text.' }).max(200, '"articleSlug" is too long.').superRefine(noLoneSurrogate('articleSlug')).nullable(),
  articleTitle: line('articleTitle', 300).nullable(),
  paragraph: z.number({ error: '"paragraph" must be a whole number.' }).int('"paragraph" must be a whole number.').min(1, '"paragraph" starts at 1.').max(100_000, '"paragraph" is too large.').nullable(),
  createdAt: z.iso.datetime({ offset: true, error: '"createdAt" must be an ISO 8601 date and time.' }),
};

export const createNoteSchema = z.strictObject(
  {
    term: noteFields.term,
    translation: noteFields.translation.optional(),
    baseForm: noteFields.baseForm.optional(),
    nounArticle: noteFields.nounArticle.optional(),
    note: noteFields.note.optional(),
    context: noteFields.context.optional(),
    articleSlug: noteFields.articleSlug.optional(),
    articleTitle: noteFields.articleTitle.optional(),
    paragraph: noteFields.paragraph.optional(),
    createdAt: noteFields.createdAt.optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: send term, translation, baseForm, nounArticle, note, context, articleSlug, paragraph.`
        : 'Send a JSON object: { "term": string, "translation"?, "baseForm"?, "note"?, "articleSlug"?, "paragraph"? }.',
  },
);

export const updateNoteSchema = z.strictObject(
  {
    term: noteFields.term.optional(),
    translation: noteFields.translation.optional(),
    baseForm: noteFields.baseForm.optional(),
    nounArticle: noteFields.nounArticle.optional(),
    note: noteFields.note.optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Only term, translation, baseForm, nounArticle and note can be changed (not ${issue.keys.map((k) => `"${k}"`).join(', ')}).`
        : 'Send a JSON object with the fields to change: { "term"?, "translation"?, "baseForm"?, "nounArticle"?, "note"? }.',
  },
);

export type NoteUpdate = z.output<typeof updateNoteSchema>;

/** The first problem as one sentence. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'The note is not valid.';
}

/** Parses a note to create; the message of the first problem when it is not valid. */
export function parseNoteInput(value: unknown): { ok: true; input: NoteInput } | { ok: false; message: string } {
  const parsed = createNoteSchema.safeParse(value);
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, message: firstIssue(parsed.error) };
}
