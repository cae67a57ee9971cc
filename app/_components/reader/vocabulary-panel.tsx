'use client';
// The vocabulary panel: a word picker for the keyboard, the look-up of a word or selection (the
// dictionary's answer for a word at once, then DeepL's English in its sentence, a base-form guess, a
// note) saved as a note, or a saved note to edit or delete.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { germanWordIn } from '@/lib/german/word';
import { MAX_SENTENCE_CHARS } from '@/lib/german/types';
import { MAX_TERM_CHARS } from '@/lib/vocabulary/limits';
import type { WordAnswer } from '@/lib/vocabulary/words';
import type { MarkNote, NounArticle, VocabularyNote } from '@/lib/vocabulary/types';
import { NoteFields, noteFieldValues, readError } from '../note-fields';
import { usePanelPlacement } from './use-panel-placement';
import { NOTES_CHANGED } from '../review-due-count';

export interface Source {
  slug: string;
  paragraph: number;
  sentence: number;
}

/** What the panel shows: a word picker, a looked-up selection, or a saved note to edit. */
export type PanelState =
  | { kind: 'pick'; source: Source; text: string; words: Word[]; anchor: DOMRect | null }
  /** `sentence`: the German sentence the term is in, for the dictionary (a separable verb's prefix). */
  | { kind: 'lookup'; source: Source; term: string; sentence?: string; anchor: DOMRect | null }
  | { kind: 'edit'; note: MarkNote; anchor: DOMRect | null };

export interface Word {
  word: string;
  start: number;
  end: number;
}

interface LookupAnswer {
  term: string;
  context: string;
  translation: string | null;
  /** Why DeepL gave no translation (the answer is then a 502 or 503 with this same body). */
  error: string | null;
  baseForm: string;
  isNoun: boolean;
  nounArticle: NounArticle | null;
  existing: VocabularyNote | null;
  word: WordAnswer | null;
}

const PARTS_OF_SPEECH: Record<WordAnswer['partOfSpeech'], string> = {
  noun: 'noun',
  verb: 'verb',
  adjective: 'adjective',
  adverb: 'adverb',
  other: 'function word',
};

/** The dictionary's answer, under the word as tapped: "der Präsident, die Präsidenten · noun", "ankommen · verb, infinitive". */
function WordSummary({ word }: { word: WordAnswer }) {
  const base = word.gender ? `${word.gender} ${word.baseForm}` : word.baseForm;
  const kind = word.partOfSpeech === 'verb' ? 'verb, infinitive' : PARTS_OF_SPEECH[word.partOfSpeech];
  return (
    <p className="word-answer">
      <span lang="de">
        <strong>{base}</strong>
        {word.partOfSpeech === 'noun' && word.plural && <>, die {word.plural}</>}
      </span>
      <span className="word-kind"> · {kind}</span>
    </p>
  );
}

function toMark(note: VocabularyNote): MarkNote {
  const { id, term, baseForm, lemma, nounArticle, translation, note: text } = note;
  return { id, term, baseForm, lemma, nounArticle, translation, note: text };
}

export function VocabularyPanel(props: {
  state: PanelState;
  /** One word of the article: whether the learner marked it known, and the toggle ("Known" button, the k key). */
  known?: { known: boolean; toggle(): void } | null;
  onClose(): void;
  /** `sentence`: the text the words were offered from (a sentence, or the paragraph). */
  onPicked(source: Source, term: string, sentence: string): void;
  onSaved(note: MarkNote, message: string): void;
  onDeleted(id: string, message: string): void;
}) {
  const { state, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [lookup, setLookup] = useState<LookupAnswer | null>(null);
  /** The dictionary's answer for a one-word look-up: it comes well before DeepL's. */
  const [word, setWord] = useState<WordAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState<[number, number] | null>(null);
  const editing: MarkNote | null = state.kind === 'edit' ? state.note : (lookup?.existing ? toMark(lookup.existing) : null);
  const term = state.kind === 'edit' ? state.note.term : state.kind === 'lookup' ? state.term : '';
  const tooLong = term.length > MAX_TERM_CHARS;

  useLayoutEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const anchor = state.anchor;
  const body = useRef<HTMLDivElement>(null);
  const placement = usePanelPlacement(dialog, body, anchor);

  const single = state.kind === 'lookup' ? germanWordIn(state.term) : null;
  const sentence = state.kind === 'lookup' ? (state.sentence ?? '') : '';
  useEffect(() => {
    if (!single) return;
    let live = true;
    const query = sentence ? `?sentence=${encodeURIComponent(sentence.slice(0, MAX_SENTENCE_CHARS))}` : '';
    fetch(`/api/words/${encodeURIComponent(single)}${query}`)
      .then(async (r) => (r.ok ? ((await r.json()) as WordAnswer) : null))
      .then((answer) => live && answer && setWord(answer))
      .catch(() => undefined); // DeepL's look-up carries the same answer
    return () => {
      live = false;
    };
  }, [single, sentence]);

  useEffect(() => {
    if (state.kind !== 'lookup' || tooLong) return;
    let live = true;
    fetch('/api/vocabulary/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...state.source, text: state.term }),
    })
      .then(async (r) => {
        // Without DeepL the answer is a 503 that still carries the look-up: the learner types the English.
        const body = (await r.json().catch(() => null)) as (Partial<LookupAnswer> & { error?: string }) | null;
        if (!live) return;
        if (typeof body?.term === 'string') {
          setLookup(body as LookupAnswer);
          if (body.word) setWord(body.word);
        }
        else setError(body?.error ?? `The server answered ${r.status}. Try again.`);
      })
      .catch(() => live && setError('The server could not be reached. Check your connection and try again.'));
    return () => {
      live = false;
    };
  }, [state, tooLong]);

  const style = placement ? { top: placement.top, left: placement.left, maxHeight: placement.maxHeight ?? undefined } : undefined;

  async function save(form: HTMLFormElement) {
    const fields = noteFieldValues(form);
    setBusy(true);
    setError(null);
    try {
      const response = editing
        ? await fetch(`/api/vocabulary/${encodeURIComponent(editing.id)}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(fields),
          })
        : await fetch('/api/vocabulary', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              term,
              ...fields,
              context: lookup?.context,
              articleSlug: state.kind === 'lookup' ? state.source.slug : undefined,
              paragraph: state.kind === 'lookup' ? state.source.paragraph : undefined,
            }),
          });
      if (!response.ok) {
        setError(await readError(response));
        return;
      }
      const { note } = (await response.json()) as { note: VocabularyNote };
      dispatchEvent(new Event(NOTES_CHANGED));
      props.onSaved(toMark(note), `Saved “${note.term}” to your vocabulary.`);
    } catch {
      setError('The server could not be reached. Nothing was saved; try again.');
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!editing) return;
    setBusy(true);
    const response = await fetch(`/api/vocabulary/${encodeURIComponent(editing.id)}`, { method: 'DELETE' }).catch(() => null);
    setBusy(false);
    if (response?.ok) {
      dispatchEvent(new Event(NOTES_CHANGED));
      props.onDeleted(editing.id, `Deleted “${editing.term}” from your vocabulary.`);
    } else setError(response ? await readError(response) : 'The server could not be reached. Try again.');
  }

  const initial = editing ?? (lookup ? { translation: lookup.translation ?? '', baseForm: lookup.baseForm, nounArticle: lookup.nounArticle, note: '' } : null);
  // der/die/das for one noun only: a phrase ("Auf der Suche") gets none.
  const base = editing ? editing.baseForm || editing.term : (lookup?.baseForm ?? term);
  const showArticle = Boolean(editing?.nounArticle) || (germanWordIn(base) !== null && ((!editing && lookup?.isNoun) || /^\p{Lu}/u.test(base)));

  return (
    <dialog
      ref={dialog}
      className={`vocab-panel${style ? ' anchored' : ''}`}
      style={style}
      aria-labelledby="vocab-title"
      onClose={onClose}
      onKeyDown={(e) => {
        const typing = e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable]');
        if (props.known && !typing && !e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'k' || e.key === 'K')) {
          e.preventDefault();
          props.known.toggle();
        }
      }}
      onClick={(e) => {
        // A click on the backdrop (outside the panel's box) closes it.
        const box = e.currentTarget.getBoundingClientRect();
        const outside = e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom;
        // Not a double-click's second click: the first, on a word, opened the panel (a tap is a look-up).
        if (e.target === e.currentTarget && outside && e.detail < 2) onClose();
      }}
    >
      <div ref={body}>
      {state.kind === 'pick' ? (
        <div className="vocab-pick">
          <h2 id="vocab-title">Choose a word or phrase</h2>
          <p className="hint">Choose a word; choose a second one to take the words between them too.</p>
          <p className="vocab-words" lang="de">
            {state.words.map((w, i) => {
              const on = picked !== null && i >= picked[0] && i <= picked[1];
              return (
                <button
                  key={i}
                  type="button"
                  aria-pressed={on}
                  onClick={() => setPicked(picked === null || picked[0] !== picked[1] ? [i, i] : [Math.min(picked[0], i), Math.max(picked[0], i)])}
                >
                  {w.word}
                </button>
              );
            })}
          </p>
          <div className="vocab-actions">
            <button
              type="button"
              className="button"
              disabled={picked === null}
              onClick={() => picked && props.onPicked(state.source, state.text.slice(state.words[picked[0]].start, state.words[picked[1]].end), state.text)}
            >
              Look up
            </button>
            <button type="button" className="button secondary" onClick={onClose}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save(e.currentTarget);
          }}
        >
          <h2 id="vocab-title" lang="de">
            {term.length > 80 ? `${term.slice(0, 80)}…` : term}
          </h2>
          {word && state.kind === 'lookup' && <WordSummary word={word} />}
          {editing && state.kind === 'lookup' && <p className="hint">Already in your vocabulary: change it or close.</p>}
          {tooLong ? (
            <p className="form-error" role="alert">
              That selection is {term.length} characters long. Select at most {MAX_TERM_CHARS} characters: a word or a phrase.
            </p>
          ) : !initial ? (
            error ? (
              <p className="form-error" role="alert">
                {error}
              </p>
            ) : (
              <p className="pending">Translating…</p>
            )
          ) : (
            <>
              {lookup?.error && <p className="hint">No translation from DeepL: {lookup.error} You can type your own.</p>}
              <NoteFields initial={initial} showArticle={showArticle} />
              {lookup?.context && (
                <p className="vocab-context" lang="de">
                  {lookup.context}
                </p>
              )}
              {error && (
                <p className="form-error" role="alert">
                  {error}
                </p>
              )}
            </>
          )}
          <div className="vocab-actions">
            {initial && !tooLong && (
              <button type="submit" className="button" disabled={busy}>
                {editing ? 'Save changes' : 'Save'}
              </button>
            )}
            {editing && (
              <button type="button" className="button secondary" disabled={busy} onClick={() => void remove()}>
                Delete
              </button>
            )}
            {props.known && (
              <button type="button" className="button secondary known-toggle" aria-pressed={props.known.known} onClick={props.known.toggle} aria-keyshortcuts="K">
                {props.known.known ? 'Known ✓ (unmark)' : 'Known'}
              </button>
            )}
            <button type="button" className="button secondary" onClick={onClose}>
              {initial && !tooLong ? 'Cancel' : 'Close'}
            </button>
          </div>
        </form>
      )}
      </div>
    </dialog>
  );
}
