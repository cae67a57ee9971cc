// Validation of what comes in to review: grades, the queue's limit, chosen kinds, the history's offset,
// and a CSV row's review state. Each message says what to send instead.
import { z } from 'zod';
import { AppError } from '../errors';
import { CARD_KINDS, GRADES } from './types';
import { MAX_QUEUE_LIMIT } from './queue';

export const gradeBodySchema = z.strictObject(
  {
    grade: z.union(GRADES.map((g) => z.literal(g)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>], {
      error: '"grade" must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).',
    }),
    /** Optional: the card's due date as the sender saw it; the grade then applies only to the card as it was then. */
    due: z.iso.datetime({ error: '"due" must be the card\'s due date as GET /api/review gave it, e.g. "2026-11-26T10:00:00.000Z".' }).optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `Send only { "grade": 1|2|3|4 } (and, optionally, the card's "due"); "${issue.keys[0]}" is not known.` : 'Send { "grade": 1|2|3|4 }.',
  },
);

export const kindsBodySchema = z.strictObject(
  {
    kinds: z
      .array(z.enum(CARD_KINDS, { error: `Each kind must be one of ${CARD_KINDS.join(', ')}.` }), { error: `"kinds" must be a list such as ["cloze", "meaning"].` })
      .min(1, { error: 'Choose at least one kind of card to review.' })
      .max(CARD_KINDS.length * 2, { error: `"kinds" lists at most ${CARD_KINDS.length} kinds.` }),
  },
  { error: 'Send { "kinds": [...] } with one or more of ' + CARD_KINDS.join(', ') + '.' },
);

const DIGITS = /^\d{1,4}$/;

/** `?limit=N`: 0 (only the count) to MAX_QUEUE_LIMIT; absent: the default. */
export function parseLimitOrThrow(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (!DIGITS.test(value) || Number(value) > MAX_QUEUE_LIMIT) throw new AppError('bad_input', `"limit" must be a whole number from 0 to ${MAX_QUEUE_LIMIT}.`);
  return Number(value);
}

/** `?offset=M`: the browser's getTimezoneOffset(), -840 to 840 minutes. */
export function parseOffsetOrThrow(value: string | null): number {
  if (value === null || value === '') return 0;
  if (!/^-?\d{1,3}$/.test(value) || Math.abs(Number(value)) > 840) {
    throw new AppError('bad_input', '"offset" must be minutes from -840 to 840, as Date.getTimezoneOffset() gives them.');
  }
  return Number(value);
}

/** The first problem as one sentence. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'The request is not valid.';
}
