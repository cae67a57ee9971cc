'use client';
// One review card, front and back, by kind: a cloze (type the missing word or show it, the English
// sentence as a hint on demand), meaning (German → English), reverse (English → German), gender (der/die/das).
import { useState } from 'react';
import type { ReviewCardView, ReviewGrade } from '@/lib/review/types';

/** What the learner did before grading; a right or wrong answer suggests a grade. */
export type Answer = { kind: 'shown'; suggest?: ReviewGrade } | { kind: 'typed' | 'chose'; given: string; right: boolean; suggest: ReviewGrade };

const fold = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('de-DE');

const PROMPTS = {
  cloze: 'Which word is missing?',
  meaning: 'What does it mean?',
  reverse: 'How do you say it in German?',
  gender: 'Which article?',
} as const;

export function ReviewCard({ card, answer, onAnswer }: { card: ReviewCardView; answer: Answer | null; onAnswer: (a: Answer) => void }) {
  const [hint, setHint] = useState(false);
  const [typed, setTyped] = useState('');
  const revealed = answer !== null;

  const check = (given: string, expected: string[]) => {
    const right = expected.some((e) => e && fold(e) === fold(given));
    return { given, right, suggest: (right ? 3 : 1) as ReviewGrade };
  };

  return (
    <article className={`review-card kind-${card.kind}`} aria-labelledby="card-prompt" data-card-id={card.id} data-kind={card.kind}>
      <p className="card-kind" id="card-prompt">
        {PROMPTS[card.kind]}
      </p>

      {card.kind === 'cloze' && card.cloze && (
        <p className="card-sentence" lang="de">
          {card.cloze.before}
          {revealed ? (
            <mark className="card-answer">{card.cloze.answer}</mark>
          ) : (
            <>
              <span className="gap" aria-hidden="true">
                _____
              </span>
              <span className="visually-hidden">(missing word)</span>
            </>
          )}
          {card.cloze.after}
        </p>
      )}
      {card.kind === 'meaning' && (
        <p className="card-front" lang="de">
          {card.german}
        </p>
      )}
      {card.kind === 'reverse' && <p className="card-front">{card.translation}</p>}
      {card.kind === 'gender' && (
        <p className="card-front" lang="de">
          {revealed && <span className="card-answer">{card.nounArticle} </span>}
          {card.baseForm || card.term}
        </p>
      )}

      {!revealed && card.kind === 'cloze' && card.cloze && (
        <form
          className="cloze-form"
          onSubmit={(event) => {
            event.preventDefault();
            onAnswer({ kind: 'typed', ...check(typed, [card.cloze?.answer ?? '', card.term, card.baseForm]) });
          }}
        >
          <label className="field">
            <span>The missing word</span>
            <input name="cloze" value={typed} onChange={(e) => setTyped(e.target.value)} lang="de" autoComplete="off" autoCapitalize="off" spellCheck={false} maxLength={200} autoFocus />
          </label>
          <button type="submit" className="button">
            Check
          </button>
        </form>
      )}
      {!revealed && card.kind === 'gender' && (
        <div className="gender-choices" role="group" aria-label="Article">
          {(['der', 'die', 'das'] as const).map((article) => (
            <button key={article} type="button" className="button secondary" lang="de" onClick={() => onAnswer({ kind: 'chose', ...check(article, [card.nounArticle ?? '']) })}>
              {article}
            </button>
          ))}
        </div>
      )}
      {!revealed && (
        <p className="card-actions">
          <button type="button" className="button secondary" onClick={() => onAnswer({ kind: 'shown' })} autoFocus={card.kind === 'meaning' || card.kind === 'reverse'}>
            Show answer <kbd>Space</kbd>
          </button>
          {card.kind === 'cloze' && card.english && (
            <button type="button" className="button secondary" aria-expanded={hint} onClick={() => setHint(!hint)}>
              Hint: the English sentence
            </button>
          )}
        </p>
      )}
      {(hint || (revealed && card.kind === 'cloze')) && card.english && (
        <p className="card-english" aria-live="polite">
          {card.english}
        </p>
      )}

      {answer && answer.kind !== 'shown' && (
        <p className={answer.right ? 'verdict right' : 'verdict wrong'} role="status">
          {answer.right ? 'Right.' : `Not quite: you ${answer.kind === 'typed' ? `typed “${answer.given || '…'}”` : `chose “${answer.given}”`}.`}
        </p>
      )}
      {revealed && (
        <div className="card-back">
          {card.kind === 'meaning' && <p className="card-answer-line">{card.translation}</p>}
          {card.kind === 'reverse' && (
            <p className="card-answer-line" lang="de">
              {card.german}
            </p>
          )}
          {card.kind !== 'meaning' && card.kind !== 'reverse' && (
            <p className="card-answer-line">
              <span lang="de">{card.german}</span> · {card.translation}
            </p>
          )}
          {card.kind !== 'cloze' && card.sentence && (
            <p className="card-sentence small" lang="de">
              {card.sentence}
            </p>
          )}
          {card.note && <p className="hint">{card.note}</p>}
        </div>
      )}
      {card.link && (
        <p className="card-source">
          <a href={card.link}>
            From {card.articleTitle ?? 'the article'}, ¶{card.link.split('/').pop()}
          </a>
        </p>
      )}
    </article>
  );
}
