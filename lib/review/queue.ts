// A learner's review queue and grades: the cards due now in the kinds they chose, each with what the page
// shows (the sentence, its aligned English, the link back), and a grade applied through ts-fsrs once.
import { randomBytes } from 'node:crypto';
import type { Grade } from 'ts-fsrs';
import { db } from '../db';
import { AppError } from '../errors';
import type { ReviewCard as CardRow, VocabularyNote as NoteRow } from '../generated/prisma/client';
import { passagePath } from '../sharing/passage';
import { kindsAfterSync } from './cards';
import { clozeOf, germanWithArticle } from './kinds';
import { reviewClock, scheduleAfter, type ReviewClock } from './scheduler';
import { CARD_KINDS, STATE_NAMES, type CardKind, type CardStateName, type ReviewCardView, type ReviewGrade, type ReviewQueue } from './types';

/** Cards in one answer: the page asks for a session's worth, the header for none (only the count). */
export const DEFAULT_QUEUE_LIMIT = 20;
export const MAX_QUEUE_LIMIT = 100;

const stateName = (state: number): CardStateName => STATE_NAMES[state] ?? 'new';

function notFound(): AppError {
  return new AppError('not_found', 'No such card in your review queue. Its note may have been deleted or edited; reload /review.');
}

/**
 * The learner's due cards (due at or before now, in their chosen kinds), soonest first, at most `limit`,
 * and how many are due in all. A learner without a cookie has none. On a learner's first read, notes from
 * before review get their cards first.
 */
export async function readQueue(learnerId: string | null, { limit = DEFAULT_QUEUE_LIMIT, clock = reviewClock }: { limit?: number; clock?: ReviewClock } = {}): Promise<ReviewQueue> {
  if (!learnerId) return { due: 0, cards: [], kinds: [...CARD_KINDS] };
  const kinds = await kindsAfterSync(learnerId, clock);
  const where = { learnerId, kind: { in: kinds }, due: { lte: new Date(clock.now()) } };
  const [due, rows] = await Promise.all([
    db.reviewCard.count({ where }),
    limit > 0 ? db.reviewCard.findMany({ where, orderBy: [{ due: 'asc' }, { id: 'asc' }], take: limit, include: { note: true } }) : [],
  ]);
  const english = await alignedEnglish(rows.map((r) => r.note));
  return { due, cards: rows.map((row) => cardView(row, row.note, english.get(row.note.id) ?? null)), kinds };
}

function cardView(card: CardRow, note: NoteRow, english: string | null): ReviewCardView {
  const nounArticle = note.nounArticle === 'der' || note.nounArticle === 'die' || note.nounArticle === 'das' ? note.nounArticle : null;
  return {
    id: card.id,
    noteId: note.id,
    kind: card.kind as CardKind,
    due: card.due.toISOString(),
    state: stateName(card.state),
    term: note.term,
    baseForm: note.baseForm,
    nounArticle,
    german: germanWithArticle({ ...note, nounArticle }),
    translation: note.translation,
    note: note.note,
    sentence: note.context,
    cloze: card.kind === 'cloze' ? clozeOf(note) : null,
    english,
    link: note.articleSlug && note.paragraph ? passagePath(note.articleSlug, { from: note.paragraph, to: note.paragraph }) : null,
    articleTitle: note.articleTitle,
  };
}

/**
 * The English sentence aligned with each note's saved sentence: the article's block (by slug and paragraph),
 * its German sentences, and the cached English sentences one to one with them. Three queries for the page.
 */
async function alignedEnglish(notes: readonly NoteRow[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const placed = notes.filter((n) => n.articleSlug && n.paragraph && n.context);
  if (placed.length === 0) return found;
  const articles = await db.article.findMany({ where: { slug: { in: [...new Set(placed.map((n) => n.articleSlug as string))] } }, select: { id: true, slug: true } });
  const articleId = new Map(articles.map((a) => [a.slug, a.id]));
  const wanted = placed.flatMap((n) => (articleId.has(n.articleSlug as string) ? [{ articleId: articleId.get(n.articleSlug as string) as number, n: n.paragraph as number }] : []));
  if (wanted.length === 0) return found;
  const blocks = await db.block.findMany({ where: { OR: wanted }, select: { articleId: true, n: true, sentences: true, cacheKey: true } });
  const cached = await db.translationCache.findMany({ where: { key: { in: blocks.map((b) => b.cacheKey) } }, select: { key: true, sentences: true } });
  const englishOf = new Map(cached.map((c) => [c.key, c.sentences ? (JSON.parse(c.sentences) as string[]) : null]));
  for (const note of placed) {
    const block = blocks.find((b) => b.articleId === articleId.get(note.articleSlug as string) && b.n === note.paragraph);
    const english = block && englishOf.get(block.cacheKey);
    if (!block || !english) continue;
    const german = JSON.parse(block.sentences) as string[];
    const at = german.findIndex((s) => s.trim() === note.context.trim() || s.includes(note.context.trim()) || note.context.includes(s.trim()));
    if (at >= 0 && english[at]) found.set(note.id, english[at]);
  }
  return found;
}

const gradedAlready = () => new AppError('conflict', 'This card was graded a moment ago (in another tab, or twice). Nothing changed; reload /review to go on.');

/**
 * Applies a grade to the learner's card at `now` through ts-fsrs, and logs it. The update is conditional
 * on the card's reps being what the grade was computed from, so of two grades computed from the same card
 * one applies and the other is refused with a 409. With `seenDue` (the card's due date as the sender saw
 * it, as the page sends it), a grade sent twice applies once however the two requests interleave.
 */
export async function gradeCardOrThrow(learnerId: string | null, cardId: string, grade: ReviewGrade, clock: ReviewClock = reviewClock, seenDue?: string) {
  if (!learnerId) throw notFound();
  const card = await db.reviewCard.findFirst({ where: { id: cardId, learnerId } });
  if (!card) throw notFound();
  // The same answer sent twice (two tabs, a resent request) carries the due date both saw: once one has
  // applied, the card's date has moved and the other is refused, however far apart they arrive.
  if (seenDue !== undefined && card.due.getTime() !== Date.parse(seenDue)) throw gradedAlready();
  const now = new Date(clock.now());
  const { card: next } = scheduleAfter(card, grade as Grade, now);
  const { count } = await db.reviewCard.updateMany({
    where: { id: card.id, learnerId, reps: card.reps },
    data: {
      due: next.due,
      stability: next.stability,
      difficulty: next.difficulty,
      elapsedDays: next.elapsed_days,
      scheduledDays: next.scheduled_days,
      learningSteps: next.learning_steps,
      reps: next.reps,
      lapses: next.lapses,
      state: next.state,
      lastReview: next.last_review ?? now,
    },
  });
  if (count === 0) throw gradedAlready();
  await db.reviewLog.create({
    data: {
      id: randomBytes(16).toString('base64url'),
      learnerId,
      cardId: card.id,
      grade,
      reviewedAt: now,
      stateBefore: card.state,
      stateAfter: next.state,
      intervalBefore: card.scheduledDays,
      intervalAfter: next.scheduled_days,
      dueAfter: next.due,
    },
  });
  return { card: { id: card.id, due: next.due.toISOString(), state: stateName(next.state) } };
}
