'use client';
// The header's count of review cards due, fetched after load (the page's HTML is the same for everyone)
// and updated by /review as cards are graded.
import { useEffect, useState } from 'react';

/** The event /review sends with the new count after a grade. */
export const DUE_CHANGED = 'nb:review-due';
/** The event the reader's panel sends when a note was saved: the count is asked for again. */
export const NOTES_CHANGED = 'nb:notes-changed';

export function ReviewDueCount() {
  const [due, setDue] = useState(0);
  useEffect(() => {
    const changed = (event: Event) => setDue((event as CustomEvent<number>).detail);
    const ask = () =>
      fetch('/api/review?limit=0')
        .then((r) => (r.ok ? r.json() : null))
        .then((answer: { due?: unknown } | null) => typeof answer?.due === 'number' && setDue(answer.due))
        .catch(() => undefined);
    addEventListener(DUE_CHANGED, changed);
    addEventListener(NOTES_CHANGED, ask);
    void ask();
    return () => {
      removeEventListener(DUE_CHANGED, changed);
      removeEventListener(NOTES_CHANGED, ask);
    };
  }, []);
  return due > 0 ? (
    <span className="badge due-count" data-due={due}>
      {due}
      <span className="visually-hidden"> due</span>
    </span>
  ) : null;
}
