// FSRS scheduling through ts-fsrs (never by hand): the parameters, and the card's stored fields as the
// library's Card. The time always comes from a clock the caller passes (tests move a manual one).
import { createEmptyCard, fsrs, type Card, type FSRSParameters, type Grade, type RecordLogItem } from 'ts-fsrs';
import { systemClock } from '../translation/circuit-breaker';

/** Anything with now() in epoch milliseconds: the system clock, or a test's manual clock. */
export interface ReviewClock {
  now(): number;
}
export const reviewClock: ReviewClock = systemClock;

/**
 * One learning step of 10 minutes: a new card answered Again (or Hard) comes back within the session,
 * Good schedules it days away (the learner met the word in their reading already), Easy further. Fuzz
 * spreads cards saved together over neighbouring days; ts-fsrs seeds it from the card, so the same
 * history always gives the same dates.
 */
export const REVIEW_PARAMETERS: Partial<FSRSParameters> = {
  learning_steps: ['10m'],
  relearning_steps: ['10m'],
  enable_fuzz: true,
  maximum_interval: 3650,
};

const scheduler = fsrs(REVIEW_PARAMETERS);

/** A card's FSRS fields as stored in ReviewCard. */
export interface StoredSchedule {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
}

export function toFsrsCard(stored: StoredSchedule): Card {
  return {
    due: stored.due,
    stability: stored.stability,
    difficulty: stored.difficulty,
    elapsed_days: stored.elapsedDays,
    scheduled_days: stored.scheduledDays,
    learning_steps: stored.learningSteps,
    reps: stored.reps,
    lapses: stored.lapses,
    state: stored.state,
    ...(stored.lastReview ? { last_review: stored.lastReview } : {}),
  };
}

export function fromFsrsCard(card: Card): StoredSchedule {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

/** A new card, due at once. */
export function newSchedule(now: Date): StoredSchedule {
  return fromFsrsCard(createEmptyCard(now));
}

/** The card after a grade given at `now`, and ts-fsrs's log of it. */
export function scheduleAfter(stored: StoredSchedule, grade: Grade, now: Date): RecordLogItem {
  return scheduler.next(toFsrsCard(stored), now, grade);
}
