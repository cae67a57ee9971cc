// Passages of an article as teachers name them: "3" or "3-5", 1-based paragraph numbers.
import { z } from 'zod';
import { countOf } from '../text/count';

export interface Passage {
  from: number;
  to: number;
}

export type PassageProblem =
  | { kind: 'malformed'; raw: string }
  | { kind: 'zero' }
  | { kind: 'reversed'; from: number; to: number }
  | { kind: 'past-end'; last: number; blockCount: number };

const rangeSchema = z
  .string()
  .max(20)
  .regex(/^(\d{1,6})(?:-(\d{1,6}))?$/)
  .transform((raw) => {
    const [from, to = from] = raw.split('-').map(Number);
    return { from, to };
  });

/** Reads a route's range segment against an article with `blockCount` blocks. */
export function parsePassage(raw: string, blockCount: number): { ok: true; passage: Passage } | { ok: false; problem: PassageProblem } {
  const parsed = rangeSchema.safeParse(safeDecode(raw));
  if (!parsed.success) return { ok: false, problem: { kind: 'malformed', raw } };
  const { from, to } = parsed.data;
  if (from < 1 || to < 1) return { ok: false, problem: { kind: 'zero' } };
  if (to < from) return { ok: false, problem: { kind: 'reversed', from, to } };
  if (to > blockCount) return { ok: false, problem: { kind: 'past-end', last: to, blockCount } };
  return { ok: true, passage: { from, to } };
}

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** "¶3" or "¶3–5", as on the page and in link previews. */
export function passageLabel({ from, to }: Passage): string {
  return from === to ? `¶${from}` : `¶${from}–${to}`;
}

/** The path of a passage: /a/slug/p/3 or /a/slug/p/3-5. */
export function passagePath(slug: string, { from, to }: Passage): string {
  return `/a/${slug}/p/${from === to ? from : `${from}-${to}`}`;
}

/** What to tell a learner whose link points at no passage. */
export function describeProblem(problem: PassageProblem): string {
  switch (problem.kind) {
    case 'malformed':
      return 'This link does not name a paragraph. Paragraph links look like /p/3 or /p/3-5.';
    case 'zero':
      return 'Paragraphs are numbered from 1, so there is no paragraph 0.';
    case 'reversed':
      return `The range ¶${problem.from}–${problem.to} runs backwards: the first number must not be larger than the second.`;
    case 'past-end':
      return `This article has ${countOf(problem.blockCount, 'paragraph')}, so there is no ¶${problem.last}.`;
  }
}
