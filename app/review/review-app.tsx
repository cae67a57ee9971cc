'use client';
// The review session: the learner's due cards one at a time, graded with keys or buttons. A card graded
// Again goes to the end of this session's queue, so it comes back before the session ends; the summary
// then shows what was done and the learner's history.
import { useCallback, useEffect, useRef, useState } from 'react';
import { DUE_CHANGED } from '@/app/_components/review-due-count';
import { GRADES, GRADE_LABELS, type CardKind, type ReviewCardView, type ReviewGrade, type ReviewQueue } from '@/lib/review/types';
import { HistoryPlot, type History } from './history-plot';
import { KindsForm } from './kinds-form';
import { ReviewCard, type Answer } from './review-card';

const SESSION_SIZE = 50;

type Phase = 'loading' | 'card' | 'done' | 'error';
interface Graded {
  card: ReviewCardView;
  grade: ReviewGrade;
  due: string;
}

async function json<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `The server answered ${response.status}. Reload the page to try again.`);
  return body;
}

export function whenDue(iso: string, now = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  const date = new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  if (ms < 60 * 60_000) return `in ${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 20 * 60 * 60_000) return `in ${Math.round(ms / 3_600_000)} h`;
  const days = Math.max(1, Math.round(ms / 86_400_000));
  return `in ${days} day${days === 1 ? '' : 's'} (${date})`;
}

export function ReviewApp() {
  const [phase, setPhase] = useState<Phase>('loading');
  const [error, setError] = useState('');
  const [queue, setQueue] = useState<ReviewCardView[]>([]);
  const [due, setDue] = useState(0);
  const [kinds, setKinds] = useState<CardKind[]>([]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [graded, setGraded] = useState<Graded[]>([]);
  const [last, setLast] = useState<Graded | null>(null);
  const [history, setHistory] = useState<History | null>(null);
  const [busy, setBusy] = useState(false);
  const cardRef = useRef<HTMLDivElement>(null);

  const publishDue = useCallback((count: number) => {
    setDue(count);
    dispatchEvent(new CustomEvent(DUE_CHANGED, { detail: count }));
  }, []);

  const loadHistory = useCallback(async () => {
    try {
      setHistory(await json<History>(await fetch(`/api/review/history?offset=${new Date().getTimezoneOffset()}`)));
    } catch {
      setHistory(null);
    }
  }, []);

  const load = useCallback(() => {
    fetch(`/api/review?limit=${SESSION_SIZE}`)
      .then((response) => json<ReviewQueue>(response))
      .then((q) => {
        setQueue(q.cards);
        setKinds(q.kinds);
        publishDue(q.due);
        setAnswer(null);
        setHistory(null);
        setPhase(q.cards.length > 0 ? 'card' : 'done');
        if (q.cards.length === 0) return loadHistory();
      })
      .catch((e: Error) => {
        setError(e.message);
        setPhase('error');
      });
  }, [loadHistory, publishDue]);

  useEffect(load, [load]);

  const card = phase === 'card' ? queue[0] : undefined;

  const grade = useCallback(
    async (value: ReviewGrade) => {
      if (!card || !answer || busy) return;
      setBusy(true);
      let result: { card: { due: string } };
      try {
        result = await json(
          await fetch(`/api/review/${encodeURIComponent(card.id)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grade: value, due: card.due }) }),
        );
      } catch (e) {
        setError((e as Error).message);
        setBusy(false);
        return;
      }
      const done = { card, grade: value, due: result.card.due };
      setGraded((g) => [...g, done]);
      setLast(done);
      const rest = queue.slice(1);
      // Again: the card comes back in this session, after the others.
      const next = value === 1 ? [...rest, { ...card, due: result.card.due }] : rest;
      setQueue(next);
      setAnswer(null);
      setError('');
      setBusy(false);
      if (next.length === 0) {
        setPhase('done');
        void loadHistory();
      }
      cardRef.current?.focus();
      fetch('/api/review?limit=0')
        .then((response) => json<ReviewQueue>(response))
        .then((count) => publishDue(count.due))
        .catch(() => undefined);
    },
    [answer, busy, card, loadHistory, publishDue, queue],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (phase !== 'card' || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement;
      // Space in the cloze's still empty field shows the answer too: a leading space is never part of one.
      const emptyCloze = target instanceof HTMLInputElement && target.name === 'cloze' && target.value === '';
      if (target.closest('input, textarea, select') && !(emptyCloze && event.key === ' ')) return;
      if (event.key === ' ' && !answer && (emptyCloze || !target.closest('button, a, summary'))) {
        event.preventDefault();
        setAnswer({ kind: 'shown' });
      } else if (answer && ['1', '2', '3', '4'].includes(event.key)) {
        event.preventDefault();
        void grade(Number(event.key) as ReviewGrade);
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [answer, grade, phase]);

  const counts = GRADES.map((g) => graded.filter((x) => x.grade === g).length);

  return (
    <div className="review">
      <p className="review-status" aria-live="polite">
        {phase === 'loading' && 'Loading your cards…'}
        {phase === 'card' && `${queue.length} card${queue.length === 1 ? '' : 's'} left in this session · ${due} due in all`}
        {last && (
          <span className="review-last" data-next-due={last.due}>
            {phase === 'card' ? ' · ' : ''}Last: {last.card.german} ({last.card.kind}) {GRADE_LABELS[last.grade]}, next {whenDue(last.due)}
          </span>
        )}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {card && (
        <div ref={cardRef} tabIndex={-1} className="review-focus">
          <ReviewCard key={`${card.id}-${graded.length}`} card={card} answer={answer} onAnswer={setAnswer} />
          {answer && (
            <div className="grades" role="group" aria-label="How well did you know it?">
              {GRADES.map((g) => (
                <button
                  key={g}
                  type="button"
                  className={`button grade grade-${g}${answer.suggest === g ? ' suggested' : ''}`}
                  disabled={busy}
                  onClick={() => void grade(g)}
                  autoFocus={answer.suggest ? answer.suggest === g : g === 3}
                >
                  <kbd>{g}</kbd> {GRADE_LABELS[g]}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      {phase === 'done' && (
        <section className="review-summary" aria-labelledby="summary-title">
          <h2 id="summary-title" tabIndex={-1}>
            {graded.length > 0 ? 'Session done' : 'Nothing due'}
          </h2>
          {graded.length > 0 ? (
            <p>
              You graded {graded.length} card{graded.length === 1 ? '' : 's'}: {GRADES.map((g, i) => `${counts[i]} ${GRADE_LABELS[g]}`).join(', ')}.
            </p>
          ) : (
            <p>No card is due. Save words while reading (select them in an article) and they come here to practise.</p>
          )}
          {graded.length > 0 && (
            <ul className="review-done-list">
              {graded
                .filter((g, i) => graded.findLastIndex((x) => x.card.id === g.card.id) === i)
                .map((g) => (
                  <li key={g.card.id}>
                    {g.card.german} <span className="hint">({g.card.kind})</span>: next {whenDue(g.due)}
                  </li>
                ))}
            </ul>
          )}
          {due > 0 && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setPhase('loading');
                load();
              }}
            >
              Review {due} more
            </button>
          )}
          {history && <HistoryPlot history={history} />}
        </section>
      )}
      <KindsForm
        kinds={kinds}
        onChange={(chosen) => {
          setKinds(chosen);
          load();
        }}
      />
    </div>
  );
}
