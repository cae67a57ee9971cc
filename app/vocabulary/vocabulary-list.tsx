'use client';
// The learner's notes: each with its sentence and a link back to its paragraph; edit in place,
// delete with undo (the deleted note is posted back whole).
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { buildMatcher, findMarks, splitByMarks } from '@/lib/vocabulary/marks';
import { MAX_TERM_CHARS } from '@/lib/vocabulary/limits';
import type { VocabularyNote } from '@/lib/vocabulary/types';
import { NoteFields, noteFieldValues, readError } from '../_components/note-fields';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** The sentence with the term (or its base form) in bold. */
function Context({ note }: { note: VocabularyNote }) {
  const pieces = splitByMarks(note.context, findMarks(note.context, buildMatcher([note])));
  return (
    <p className="vocab-context" lang="de">
      {pieces.map((p, i) => (p.id ? <b key={i}>{p.text}</b> : p.text))}
    </p>
  );
}

function EditForm({ note, onDone }: { note: VocabularyNote; onDone(updated?: VocabularyNote): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(form: HTMLFormElement) {
    const term = String(new FormData(form).get('term') ?? '');
    setBusy(true);
    const response = await fetch(`/api/vocabulary/${encodeURIComponent(note.id)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ term, ...noteFieldValues(form) }),
    }).catch(() => null);
    setBusy(false);
    if (response?.ok) onDone(((await response.json()) as { note: VocabularyNote }).note);
    else setError(response ? await readError(response) : 'The server could not be reached. Nothing was changed; try again.');
  }
  return (
    <form
      className="vocab-edit"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(e.currentTarget);
      }}
    >
      <label className="field">
        <span>German</span>
        <input name="term" defaultValue={note.term} lang="de" required maxLength={MAX_TERM_CHARS} />
      </label>
      <NoteFields initial={note} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="vocab-actions">
        <button type="submit" className="button small" disabled={busy}>
          Save changes
        </button>
        <button type="button" className="button small secondary" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** How many notes there are (or match), following deletes and undo on this page. */
function NoteCount({ total, filtered }: { total: number; filtered: boolean }) {
  return (
    <p className="meta" aria-live="polite">
      {filtered ? `${total} of your notes match.` : `${total} note${total === 1 ? '' : 's'}.`}
    </p>
  );
}

export function VocabularyList({ notes: initial, total, filtered }: { notes: VocabularyNote[]; total: number; filtered: boolean }) {
  const router = useRouter();
  const [notes, setNotes] = useState(initial);
  const [removed, setRemoved] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<VocabularyNote | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // A new list from the server (search, sort, page) replaces the local one.
  const [from, setFrom] = useState(initial);
  if (from !== initial) {
    setFrom(initial);
    setNotes(initial);
    setRemoved(0);
  }

  async function remove(note: VocabularyNote) {
    const response = await fetch(`/api/vocabulary/${encodeURIComponent(note.id)}`, { method: 'DELETE' }).catch(() => null);
    if (!response?.ok) {
      setMessage(response ? await readError(response) : 'The server could not be reached. Nothing was deleted.');
      return;
    }
    setNotes((list) => list.filter((n) => n.id !== note.id));
    setRemoved((n) => n + 1);
    setDeleted(note);
    setMessage(null);
  }

  async function undo() {
    if (!deleted) return;
    const { term, translation, baseForm, nounArticle, note, context, articleSlug, articleTitle, paragraph, createdAt } = deleted;
    const response = await fetch('/api/vocabulary', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ term, translation, baseForm, nounArticle, note, context, articleSlug, articleTitle, paragraph, createdAt }),
    }).catch(() => null);
    if (!response?.ok) {
      setMessage(response ? await readError(response) : 'The server could not be reached. Try Undo again.');
      return;
    }
    setDeleted(null);
    setRemoved((n) => n - 1);
    setMessage(`Restored “${term}”.`);
    router.refresh();
  }

  if (total === 0 && !filtered) {
    return (
      <>
        <NoteCount total={0} filtered={false} />
        <p className="empty">
          No notes yet. Open an article in the <Link href="/">library</Link> and select a word in the German to save it here.
        </p>
      </>
    );
  }
  return (
    <>
      <NoteCount total={total - removed} filtered={filtered} />
      <div className="vocab-toast" role="status" aria-live="polite">
        {deleted && (
          <>
            Deleted “{deleted.term}”.{' '}
            <button type="button" className="button small secondary" onClick={() => void undo()}>
              Undo
            </button>
          </>
        )}
        {!deleted && message}
      </div>
      <ul className="vocab-list">
        {notes.map((note) => (
          <li key={note.id} className="vocab-item" data-note-id={note.id}>
            {editing === note.id ? (
              <EditForm
                note={note}
                onDone={(updated) => {
                  setEditing(null);
                  if (updated) setNotes((list) => list.map((n) => (n.id === updated.id ? updated : n)));
                }}
              />
            ) : (
              <>
                <h2 lang="de">
                  {note.nounArticle && <span className="vocab-article">{note.nounArticle} </span>}
                  {note.baseForm || note.term}
                  {note.baseForm && note.baseForm.toLocaleLowerCase('de') !== note.term.toLocaleLowerCase('de') && (
                    <span className="vocab-surface"> ({note.term})</span>
                  )}
                </h2>
                {note.translation && (
                  <p className="vocab-translation" lang="en">
                    {note.translation}
                  </p>
                )}
                {note.note && <p className="vocab-note">{note.note}</p>}
                {note.context && <Context note={note} />}
                <p className="meta">
                  {note.articleSlug && note.paragraph ? (
                    <a href={`/a/${note.articleSlug}/p/${note.paragraph}`}>
                      {note.articleTitle ?? note.articleSlug}, ¶{note.paragraph}
                    </a>
                  ) : (
                    note.articleTitle && <span>{note.articleTitle}</span>
                  )}
                  <span>Saved {dateFormat.format(new Date(note.createdAt))}</span>
                  <button type="button" className="link-button" onClick={() => setEditing(note.id)} aria-label={`Edit “${note.term}”`}>
                    Edit
                  </button>
                  <button type="button" className="link-button" onClick={() => void remove(note)} aria-label={`Delete “${note.term}”`}>
                    Delete
                  </button>
                </p>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
