'use client';
// The reader's toolbar: display mode, practice reveal, text size, theme, and the shortcuts dialog. A choice
// shows at once (the <html> attribute the CSS reads) and is remembered in a cookie; no request to the server.
// Before hydration the pressed look comes from CSS on html[data-mode]/[data-size]; aria-pressed follows.
import { READER_MODES, TEXT_SIZES, type ReaderMode, type TextSize } from '@/lib/reader/options';
import { useNewWordsShown, useReaderMode, useTextSize } from './display';
import { applyPreference, showNewWords } from './preferences-client';

const MODE_LABELS: Record<ReaderMode, string> = {
  side: 'Side by side',
  interleaved: 'Interleaved',
  practice: 'Practice',
  german: 'German only',
};
const SIZE_LABELS: Record<TextSize, string> = { small: 'A−', medium: 'A', large: 'A+' };

function currentTheme(): 'light' | 'dark' {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Shows or hides the English under every German sentence (practice mode). */
export function revealAll(reveal: boolean): void {
  document.querySelectorAll('[data-reader] .gloss').forEach((el) => el.classList.toggle('revealed', reveal));
  document.querySelectorAll('[data-reader] .cell.de .s').forEach((el) => el.setAttribute('aria-expanded', String(reveal)));
}

export function ReaderToolbar() {
  const mode = useReaderMode();
  const size = useTextSize();
  const newWords = useNewWordsShown();
  const toggleTheme = () => applyPreference('theme', currentTheme() === 'dark' ? 'light' : 'dark');

  return (
    <div className="toolbar" role="toolbar" aria-label="Reading options">
      <div className="tool-group" role="group" aria-label="Display mode">
        {READER_MODES.map((m) => (
          <button key={m} type="button" aria-pressed={mode ? m === mode : undefined} onClick={() => applyPreference('mode', m)} data-mode-choice={m}>
            {MODE_LABELS[m]}
          </button>
        ))}
      </div>
      <div className="tool-group practice-only" role="group" aria-label="Practice">
        <button type="button" onClick={() => revealAll(true)}>
          Reveal all
        </button>
        <button type="button" onClick={() => revealAll(false)}>
          Hide all
        </button>
      </div>
      <div className="tool-group" role="group" aria-label="Text size">
        {TEXT_SIZES.map((s) => (
          <button key={s} type="button" data-size-choice={s} aria-pressed={size ? s === size : undefined} onClick={() => applyPreference('size', s)}>
            {SIZE_LABELS[s]}
            <span className="visually-hidden"> {s} text</span>
          </button>
        ))}
      </div>
      <button type="button" className="new-words-toggle" aria-pressed={newWords} onClick={() => showNewWords(!newWords)}>
        Show new words
      </button>
      <button type="button" className="theme-toggle" onClick={toggleTheme}>
        <span className="when-light">Dark theme</span>
        <span className="when-dark">Light theme</span>
      </button>
      <button type="button" className="shortcuts-button" onClick={() => (document.getElementById('shortcuts') as HTMLDialogElement | null)?.showModal()}>
        Shortcuts <kbd>?</kbd>
      </button>
      <p className="tool-hint practice-only">Click a German sentence, or focus it and press Enter, to see its English.</p>
      <dialog id="shortcuts" aria-labelledby="shortcuts-title" className="shortcuts">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <dl>
          <dt><kbd>j</kbd> or <kbd>↓</kbd></dt>
          <dd>Next paragraph (<kbd>↓</kbd> when no sentence is focused)</dd>
          <dt><kbd>k</kbd> or <kbd>↑</kbd></dt>
          <dd>Previous paragraph</dd>
          <dt><kbd>Tab</kbd></dt>
          <dd>Into the next paragraph (<kbd>Shift</kbd>+<kbd>Tab</kbd>: the previous one)</dd>
          <dt><kbd>→</kbd> <kbd>←</kbd></dt>
          <dd>Next or previous sentence of the paragraph (its English lights up), then its buttons</dd>
          <dt><kbd>↓</kbd> <kbd>↑</kbd> on a sentence</dt>
          <dd>Next or previous sentence, on into the next paragraph</dd>
          <dt><kbd>Enter</kbd></dt>
          <dd>On a sentence (not in practice mode): choose its words with <kbd>←</kbd> <kbd>→</kbd>, <kbd>Enter</kbd> again looks the word up (<kbd>Esc</kbd>: back to sentences). Practice mode: show or hide the English of the focused sentence or paragraph</dd>
          <dt><kbd>w</kbd></dt>
          <dd>Save a word of the focused sentence to your vocabulary (or select it with the mouse or a finger)</dd>
          <dt><kbd>k</kbd> in a word&apos;s panel</dt>
          <dd>Mark the word known (again: unmark it)</dd>
          <dt><kbd>?</kbd></dt>
          <dd>This list</dd>
        </dl>
        <form method="dialog">
          <button type="submit" className="button small">Close</button>
        </form>
      </dialog>
    </div>
  );
}
