'use client';
// Vocabulary in the reader: the learner's saved terms marked in the German wherever any form of them
// occurs (with their translation on pointing), word statuses (new / learning / known) with "show new
// words" and the share of the article the learner covers, and the panel that looks up a tapped word or a
// selection and saves or edits a note or marks the word known. The page's HTML is the same for every
// learner; notes, the words' lemma keys and the known ones come from /api/vocabulary/marks after it
// loads, and the word under a tap is found in the page's text (word-at-point.ts).
import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { buildMatcher, findMarks, splitByMarks, tokenize, type Mark, type TermMatcher, type Token } from '@/lib/vocabulary/marks';
import type { MarkNote } from '@/lib/vocabulary/types';
import { useNewWordsShown, useReaderMode } from './display';
import { restoreNewWords } from './preferences-client';
import type { PanelState, Source, Word } from './vocabulary-panel';
import { coverageOf, indexWords, lemmaAt, NEW, newLemmasOf, wordStatuses, type ArticleWordsAnswer, type ReaderWords } from './word-statuses';
import type { SentenceWord } from './word-at-point';

interface VocabularyContextValue {
  matcher: TermMatcher;
  notes: Map<string, MarkNote>;
  /** Marks are buttons (reached with the arrow keys, like the sentences), except inside practice mode's sentence buttons (no nested controls). */
  interactive: boolean;
  words: ReaderWords | null;
  /** Per lemma index: its status (NEW, LEARNING, KNOWN) and the note that marks it. */
  status: Uint8Array;
  noteOf: Array<string | undefined>;
}

const VocabularyContext = createContext<VocabularyContextValue>({
  matcher: new Map(),
  notes: new Map(),
  interactive: false,
  words: null,
  status: new Uint8Array(0),
  noteOf: [],
});

// The panel's code (its form, look-up, placement) is not needed until a word is chosen: it loads after the
// page, when the browser is idle, or when the reader is first touched, pointed at or typed in (before the
// tap that opens it), so it is not part of the reader's first JavaScript (the page-weight target).
const loadPanel = () => import('./vocabulary-panel');
const VocabularyPanel = lazy(() => loadPanel().then((m) => ({ default: m.VocabularyPanel })));
// Finding the word under a tap or the keyboard's word focus: loaded with the panel's triggers, for the same reason.
let wordTools: typeof import('./word-at-point') | null = null;
const loadWordTools = () => import('./word-at-point').then((m) => (wordTools = m));
const loadOnFirstUse = () => {
  void loadPanel();
  void loadWordTools();
};

const TIP_ID = 'vocab-tip';
/** The word the panel is about stays marked while the panel is open (the page behind a modal loses its selection's colour). */
const CHOSEN = 'nb-chosen';

/** The word the arrow keys are on, inside a focused sentence (no element of its own: a highlight). */
const WORD_FOCUS = 'nb-word';
/** Farther than this between press and release is a drag, not a tap. */
const TAP_SLOP_PX = 6;

function highlight(name: string, range: Range | null): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  if (range) CSS.highlights.set(name, new Highlight(range));
  else CSS.highlights.delete(name);
}

function markChosen(range: Range | null): void {
  highlight(CHOSEN, range);
}

/** The panel for one word of a sentence, anchored to it and marked as the one chosen. */
function wordPanel(word: SentenceWord, slug: string): PanelState | null {
  const source = sourceOf(word.sentence, slug);
  const range = wordTools?.textRange(word.sentence, word.start, word.end);
  if (!source || !range) return null;
  markChosen(range);
  const sentence = word.sentence.textContent ?? '';
  return { kind: 'lookup', source, term: word.word, sentence, anchor: range.getBoundingClientRect() };
}

function germanWithArticle(note: Pick<MarkNote, 'term' | 'baseForm' | 'nounArticle'>): string {
  const base = note.baseForm || note.term;
  return note.nounArticle ? `${note.nounArticle} ${base}` : base;
}

/**
 * A text's words, worked out once: every sentence is tokenized for its marks, for its lemmas and for the
 * new-word highlight, again at each change of notes or statuses. Bounded by the page's texts (a sentence
 * split by marks adds its pieces); emptied if it ever grows past that.
 */
const tokenCache = new Map<string, Token[]>();
function tokensOf(text: string): Token[] {
  let tokens = tokenCache.get(text);
  if (!tokens) {
    if (tokenCache.size >= 20_000) tokenCache.clear();
    tokens = tokenize(text);
    tokenCache.set(text, tokens);
  }
  return tokens;
}

/**
 * The sentence's marks: saved terms and phrases by their surface form first (the longest wins), then
 * every other word whose lemma has a note ("kam" for a note "kommen", both parts of "kommt ... an").
 */
function sentenceMarks(text: string, ctx: VocabularyContextValue, key: string): Mark[] {
  const ids = ctx.words?.bySentence.get(key);
  const tokens = ctx.matcher.size > 0 || ids ? tokensOf(text) : [];
  const surface = findMarks(text, ctx.matcher, tokens);
  // The server's tokens are the reader's (WORD_PATTERN); a sentence they disagree on keeps its surface marks.
  if (!ids || tokens.length !== ids.length) return surface;
  const marks: Mark[] = [];
  let k = 0;
  for (let j = 0; j < tokens.length; j++) {
    while (k < surface.length && surface[k].end <= tokens[j].start) marks.push(surface[k++]);
    if (k < surface.length && surface[k].start < tokens[j].end) continue; // inside a surface mark
    const note = ids[j] >= 0 ? ctx.noteOf[ids[j]] : undefined;
    if (note) marks.push({ start: tokens[j].start, end: tokens[j].end, id: note });
  }
  while (k < surface.length) marks.push(surface[k++]);
  return marks;
}

/** The new words of one row as ranges over its German text. Words inside a mark are not new. */
function newWordRanges(row: HTMLElement, words: ReaderWords, status: Uint8Array): Range[] {
  const ranges: Range[] = [];
  for (const sentence of row.querySelectorAll<HTMLElement>('.cell.de .s[data-s]')) {
    const ids = words.bySentence.get(`${row.dataset.row}:${sentence.dataset.s}`);
    if (!ids) continue;
    const walker = document.createTreeWalker(sentence, NodeFilter.SHOW_TEXT);
    let j = 0;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const inMark = node.parentElement?.closest('mark.vocab') !== null;
      for (const token of tokensOf(node.data)) {
        const lemma = ids[j++];
        if (inMark || lemma === undefined || lemma < 0 || status[lemma] !== NEW) continue;
        const range = document.createRange();
        range.setStart(node, token.start);
        range.setEnd(node, token.end);
        ranges.push(range);
      }
    }
  }
  return ranges;
}

/** Within this many screen heights of the screen, a row counts as near. */
const NEAR_SCREENS = 1;

/**
 * "Show new words": the new words as one CSS highlight over the text (no element per word, so nothing is
 * laid out again: ~500 spans cost the demo ~20 ms). Only the rows on or near the screen get their ranges
 * at once; the others when they come near (a row's ranges cost ~0.1 ms, the whole article's a few ms).
 */
function highlightNewWords(reader: Element, words: ReaderWords, status: Uint8Array): void {
  clearNewWords();
  const highlight = new Highlight();
  const add = (row: HTMLElement) => {
    for (const range of newWordRanges(row, words, status)) highlight.add(range);
  };
  const rows = [...reader.querySelectorAll<HTMLElement>('section[data-row]')];
  if (typeof IntersectionObserver === 'undefined') rows.forEach(add);
  else {
    const margin = NEAR_SCREENS * window.innerHeight;
    const later: HTMLElement[] = [];
    for (const row of rows) {
      const box = row.getBoundingClientRect();
      if (box.bottom >= -margin && box.top <= window.innerHeight + margin) add(row);
      else later.push(row);
    }
    if (later.length > 0) {
      const observer = new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            observer.unobserve(entry.target);
            add(entry.target as HTMLElement);
          }
        },
        { rootMargin: `${NEAR_SCREENS * 100}% 0px` },
      );
      later.forEach((row) => observer.observe(row));
      stopWatching = () => observer.disconnect();
    }
  }
  CSS.highlights.set(NEW_WORDS, highlight);
}

/** Stops adding the last highlight's ranges to rows as they come near. */
let stopWatching = () => {};

function clearNewWords(): void {
  stopWatching();
  stopWatching = () => {};
  CSS.highlights.delete(NEW_WORDS);
}

const NEW_WORDS = 'nb-new';

/** A German sentence (sentence `s` of paragraph `n`) with the learner's saved terms marked. */
export function MarkedText({ text, n, s }: { text: string; n: number; s: number }) {
  const ctx = useContext(VocabularyContext);
  const { notes, interactive } = ctx;
  const pieces = useMemo(() => splitByMarks(text, sentenceMarks(text, ctx, `${n}:${s}`)), [text, ctx, n, s]);
  if (pieces.length === 1 && !pieces[0].id) return text;
  return pieces.map((piece, i) => {
    const note = piece.id ? notes.get(piece.id) : undefined;
    if (!note) return piece.text;
    return (
      <mark
        key={i}
        className="vocab"
        data-note={note.id}
        {...(interactive ? { tabIndex: -1, role: 'button', 'aria-haspopup': 'dialog' as const } : {})}
      >
        {piece.text}
      </mark>
    );
  });
}

/** 12,345: Number#toLocaleString builds ICU's number format on its first call (~9 ms on this machine), in the measured task. */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/** The learner's share of the article's words (and of the shared passage's) they know or are learning. */
function CoverageLine({ words, status, passage }: { words: ReaderWords | null; status: Uint8Array; passage?: { from: number; to: number } }) {
  const all = words && coverageOf(words, status);
  // Until the learner's figures arrive, an invisible line of the same length keeps their place: the article
  // below does not move when they come (a pointer on its way to a sentence would land on another).
  if (!words || !all || all.words === 0) {
    return (
      <p className="meta coverage-line" aria-hidden="true" style={{ visibility: 'hidden' }}>
        Known or learning: 0 % of this article&apos;s 000 words
      </p>
    );
  }
  const part = passage ? coverageOf(words, status, passage) : null;
  return (
    <p className="meta coverage-line" data-coverage>
      <span>
        Known or learning: <strong data-coverage-article>{all.percent} %</strong> of this article&apos;s {thousands(all.words)} words
      </span>
      {part && part.words > 0 && (
        <span>
          this passage: <strong data-coverage-passage>{part.percent} %</strong>
        </span>
      )}
    </p>
  );
}

/** The block, sentence and paragraph a DOM node belongs to, when it is in the German column. */
function sourceOf(node: Node | null, slug: string): Source | null {
  const element = node instanceof Element ? node : node?.parentElement;
  const cell = element?.closest('.cell.de');
  const row = cell?.closest<HTMLElement>('section[data-row]');
  if (!cell || !row) return null;
  const sentence = element?.closest<HTMLElement>('.s[data-s]');
  return { slug, paragraph: Number(row.dataset.row), sentence: Number(sentence?.dataset.s ?? 0) };
}

/** A sentence (or, without one, the whole paragraph) and its words, for choosing with the keyboard. */
function pickFrom(row: Element, sentence: number | null): { text: string; words: Word[] } {
  const sentences = Array.from(row.querySelectorAll('.cell.de .s[data-s]'));
  const chosen = sentence === null ? sentences : sentences.filter((s) => s.getAttribute('data-s') === String(sentence));
  const text = chosen.map((s) => s.textContent ?? '').join(' ');
  const words = Array.from(text.matchAll(/[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*/gu), (m) => ({
    word: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  return { text, words };
}

export function VocabularyProvider({ slug, passage, children }: { slug: string; passage?: { from: number; to: number }; children: ReactNode }) {
  const practice = useReaderMode() === 'practice';
  const practiceRef = useRef(practice);
  const showNew = useNewWordsShown();
  const [notes, setNotes] = useState<Map<string, MarkNote>>(new Map());
  const [words, setWords] = useState<ReaderWords | null>(null);
  const [known, setKnown] = useState<ReadonlySet<string>>(new Set());
  const [panel, setPanel] = useState<PanelState | null>(null);
  const [tip, setTip] = useState<{ note: MarkNote; rect: DOMRect } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    restoreNewWords();
    let live = true;
    fetch(`/api/vocabulary/marks?article=${encodeURIComponent(slug)}`, { cache: 'no-store' })
      .then((r) => (r.ok ? r.text() : '{"notes":[]}'))
      .then((body) => {
        if (!live) return;
        // One task from the answer to the marks laid out, measured (npm run bench -- scale reads "nb-words").
        const start = performance.now();
        const answer = JSON.parse(body) as { notes: MarkNote[] } & Partial<ArticleWordsAnswer>;
        flushSync(() => {
          setNotes(new Map(answer.notes.map((n) => [n.id, n])));
          if (answer.words) setWords(indexWords(answer.words));
          setKnown(new Set(answer.known ?? []));
        });
        void document.body.offsetHeight; // style and layout now rather than before the next paint: the same work, inside the measure
        performance.measure('nb-words', { start });
      })
      .catch(() => undefined) // the reader works without marks
      .finally(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(loadOnFirstUse) : loadOnFirstUse()));
    return () => {
      live = false;
    };
  }, [slug]);

  const matcher = useMemo(() => buildMatcher(notes.values()), [notes]);
  const { status, noteOf } = useMemo(() => wordStatuses(words, notes.values(), known), [words, notes, known]);
  const value = useMemo(() => ({ matcher, notes, interactive: !practice, words, status, noteOf }), [matcher, notes, practice, words, status, noteOf]);
  // After the marks are in the DOM (a layout effect of the parent runs after its children's commit).
  useLayoutEffect(() => {
    if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    const reader = document.querySelector('[data-reader]');
    if (showNew && words && reader) highlightNewWords(reader, words, status);
    else clearNewWords();
  }, [showNew, words, status, value]);

  /** Marks lemma keys known or new again, and says so; the marks and the figures follow at once. */
  const setStatus = useCallback(async (lemmas: string[], to: 'known' | 'new', message: string) => {
    if (lemmas.length === 0) return;
    for (let i = 0; i < lemmas.length; i += 2000) {
      const response = await fetch('/api/words/status', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lemmas: lemmas.slice(i, i + 2000), status: to }),
      }).catch(() => null);
      if (!response?.ok) {
        const error = response ? ((await response.json().catch(() => null)) as { error?: string } | null)?.error : null;
        setNotice(error ?? 'The server could not be reached. Nothing was marked; try again.');
        return;
      }
    }
    setKnown((old) => {
      const next = new Set(old);
      for (const lemma of lemmas) {
        if (to === 'known') next.add(lemma);
        else next.delete(lemma);
      }
      return next;
    });
    setNotice(message);
  }, []);

  const remember = useCallback((note: MarkNote) => setNotes((old) => new Map(old).set(note.id, note)), []);
  const forget = useCallback(
    (id: string) =>
      setNotes((old) => {
        const next = new Map(old);
        next.delete(id);
        return next;
      }),
    [],
  );

  // Selections, marks and the word picker, by delegation on the reader.
  // The listeners read the latest notes and panel through refs, updated after each commit and
  // before the browser can dispatch another event (a layout effect, never during render).
  const notesRef = useRef(notes);
  const panelOpen = useRef(false);
  const wordFocus = useRef<SentenceWord | null>(null);
  const statusRef = useRef({ words, status, setStatus });
  useLayoutEffect(() => {
    notesRef.current = notes;
    panelOpen.current = panel !== null;
    practiceRef.current = practice;
    statusRef.current = { words, status, setStatus };
    // Marks re-render the sentence's text: the highlight follows the word into the new text nodes.
    const focus = wordFocus.current;
    if (focus && wordTools) highlight(WORD_FOCUS, focus.sentence.isConnected ? wordTools.textRange(focus.sentence, focus.start, focus.end) : null);
  }, [notes, panel, practice, words, status, setStatus]);
  useEffect(() => {
    const reader = document.querySelector<HTMLElement>('[data-reader]');
    if (!reader) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pointerDown = false;
    let pressedAt = { x: 0, y: 0 };

    const openSelection = () => {
      clearTimeout(timer);
      if (panelOpen.current) return;
      const selection = window.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
      const from = sourceOf(selection.anchorNode, slug);
      const to = sourceOf(selection.focusNode, slug);
      if (!from || !to || from.paragraph !== to.paragraph) return;
      const term = selection.toString().replace(/\s+/g, ' ').trim();
      if (!/[\p{L}\p{N}]/u.test(term)) return;
      const range = selection.getRangeAt(0);
      const start = sourceOf(range.startContainer, slug) ?? from;
      const startElement = range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement;
      const sentence = startElement?.closest('.s[data-s]')?.textContent ?? undefined;
      markChosen(range.cloneRange());
      setPanel({ kind: 'lookup', source: start, term, sentence, anchor: range.getBoundingClientRect() });
    };
    const onPointerDown = (e: PointerEvent) => {
      loadOnFirstUse();
      pointerDown = true;
      pressedAt = { x: e.clientX, y: e.clientY };
    };
    // One tap (or click) on a word of the German opens the panel for it. Practice mode keeps a tap for
    // revealing the sentence's English (reader-interactions); a selection, a drag, a double-click's
    // second click and a tap on a saved word (which edits its note) are not taps on a word.
    const onTap = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.detail > 1 || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
      if (practiceRef.current || panelOpen.current || !window.getSelection()?.isCollapsed) return;
      // Only a click on the German's own text: a button, link or dialog over or beside it is no tap on a word.
      const on = e.target instanceof Element ? e.target : null;
      if (!on?.closest('.cell.de .s[data-s]') || on.closest('button, a, input, select, textarea, label, dialog, [role="button"]')) return;
      if (Math.hypot(e.clientX - pressedAt.x, e.clientY - pressedAt.y) > TAP_SLOP_PX) return;
      const { clientX, clientY } = e;
      // Loaded by the press before this click, as a rule; a tap that comes first waits for it.
      void (wordTools ? Promise.resolve(wordTools) : loadWordTools()).then((tools) => {
        if (panelOpen.current) return;
        const word = tools.wordAtPoint(clientX, clientY);
        const state = word && wordPanel(word, slug);
        if (!state) return;
        setTip(null);
        setPanel(state);
      });
    };
    const setWordFocus = (word: SentenceWord | null) => {
      wordFocus.current = word;
      highlight(WORD_FOCUS, word && (wordTools?.textRange(word.sentence, word.start, word.end) ?? null));
    };
    /** A focused sentence's words: Enter puts a highlight on the first, ← → Home End move it, Enter looks it up, Esc leaves. */
    const onWordKey = (e: Pick<KeyboardEvent, 'key' | 'shiftKey'>, sentence: HTMLElement): boolean => {
      if (!wordTools) return false;
      const focus = wordFocus.current?.sentence === sentence ? wordFocus.current : null;
      const words = wordTools.wordsOf(sentence);
      const at = focus ? words.findIndex((w) => w.start === focus.start) : -1;
      let next: SentenceWord | null | undefined;
      if (e.key === 'Enter' && !e.shiftKey) {
        if (focus) {
          const state = wordPanel(focus, slug);
          if (state) setPanel(state);
          return true;
        }
        next = words[0];
        if (next) setNotice(`${next.word}. Arrow keys: next word; Enter: look it up; Escape: back to the sentence.`);
      } else if (!focus || e.shiftKey) {
        return false;
      } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        next = words[Math.max(0, Math.min(words.length - 1, at + (e.key === 'ArrowRight' ? 1 : -1)))];
      } else if (e.key === 'Home' || e.key === 'End') {
        next = e.key === 'Home' ? words[0] : words.at(-1);
      } else if (e.key === 'Escape') {
        next = null;
      } else {
        return false;
      }
      if (next === undefined) return false;
      if (next && e.key !== 'Enter') setNotice(next.word);
      setWordFocus(next);
      return true;
    };
    const onFocusOut = (e: FocusEvent) => {
      // The panel it opens keeps the word: focus comes back to the sentence when the panel closes.
      const to = e.relatedTarget instanceof Element ? e.relatedTarget : null;
      if (wordFocus.current && e.target === wordFocus.current.sentence && !to?.closest('dialog')) setWordFocus(null);
    };
    const onPointerUp = () => {
      pointerDown = false;
      timer = setTimeout(openSelection, 10); // after the browser has settled the selection
    };
    // Touch selections (long press, handles) end without a pointerup on the text.
    const onSelectionChange = () => {
      clearTimeout(timer);
      if (!pointerDown) timer = setTimeout(openSelection, 700);
    };
    const markOf = (target: EventTarget | null) =>
      target instanceof Element ? target.closest<HTMLElement>('mark.vocab[data-note]') : null;
    const editMark = (mark: HTMLElement, note: MarkNote) => {
      const range = document.createRange();
      range.selectNodeContents(mark);
      markChosen(range);
      setPanel({ kind: 'edit', note, anchor: mark.getBoundingClientRect() });
    };
    const onClick = (e: MouseEvent) => {
      const mark = markOf(e.target);
      const note = mark && notesRef.current.get(mark.dataset.note ?? '');
      if (!mark || !note || !window.getSelection()?.isCollapsed) return;
      e.preventDefault();
      setTip(null);
      editMark(mark, note);
    };
    const onKey = (e: KeyboardEvent) => {
      loadOnFirstUse();
      if (e.altKey || e.ctrlKey || e.metaKey || panelOpen.current) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      // Practice mode keeps Enter on a sentence for its English.
      if (target?.matches('.cell.de .s[data-s]') && !practiceRef.current) {
        // The first Enter before the word tools have loaded waits for them (a few milliseconds).
        const waitForTools = !wordTools && e.key === 'Enter' && !e.shiftKey;
        if (waitForTools || onWordKey(e, target)) {
          e.preventDefault();
          e.stopPropagation();
          if (waitForTools) void loadWordTools().then(() => onWordKey({ key: 'Enter', shiftKey: false }, target));
          return;
        }
      }
      const mark = markOf(target);
      if (mark && (e.key === 'Enter' || e.key === ' ')) {
        const note = notesRef.current.get(mark.dataset.note ?? '');
        if (note) {
          e.preventDefault();
          e.stopPropagation();
          editMark(mark, note);
        }
        return;
      }
      if (e.key === 'w' && target) {
        const source = sourceOf(target.closest('.s[data-s]') ?? target.querySelector('.cell.de .s'), slug);
        const row = target.closest('section[data-row]');
        if (!source || !row) return;
        e.preventDefault();
        // The panel keeps clear of the sentence it offers the words of.
        const sentence = target.closest('.s[data-s]') ?? row.querySelector('.cell.de .s');
        setPanel({ kind: 'pick', source, ...pickFrom(row, source.sentence), anchor: sentence?.getBoundingClientRect() ?? null });
      } else if (e.shiftKey && e.key.startsWith('Arrow')) {
        timer = setTimeout(openSelection, 700);
      }
    };
    const onRestKnown = (e: MouseEvent) => {
      const button = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-known-rest]') : null;
      const { words: w, status: st, setStatus: mark } = statusRef.current;
      if (!button || !w) return;
      const n = Number(button.dataset.knownRest);
      const lemmas = newLemmasOf(w, st, n);
      void mark(lemmas, 'known', lemmas.length === 0 ? `No new words left in ¶${n}.` : `Marked ${lemmas.length} new words of ¶${n} known.`);
    };
    const onPick = (e: MouseEvent) => {
      const button = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-pick]') : null;
      const row = button?.closest('section[data-row]');
      if (!button || !row) return;
      const source = { slug, paragraph: Number(button.dataset.pick), sentence: 0 };
      setPanel({ kind: 'pick', source, ...pickFrom(row, null), anchor: row.querySelector('.cell.de')?.getBoundingClientRect() ?? null });
    };
    const showTip = (e: Event) => {
      const mark = markOf(e.target);
      const note = mark && notesRef.current.get(mark.dataset.note ?? '');
      if (mark && note) {
        mark.setAttribute('aria-describedby', TIP_ID);
        setTip({ note, rect: mark.getBoundingClientRect() });
      }
    };
    const hideTip = (e: Event) => {
      const mark = markOf(e.target);
      if (mark) {
        mark.removeAttribute('aria-describedby');
        setTip(null);
      }
    };
    const listeners: Array<[EventTarget, string, (e: never) => void, boolean?]> = [
      [reader, 'pointerdown', onPointerDown],
      [document, 'pointerup', onPointerUp],
      [document, 'selectionchange', onSelectionChange],
      [reader, 'click', onClick, true],
      [reader, 'click', onPick],
      [reader, 'click', onTap],
      [reader, 'focusout', onFocusOut],
      [reader, 'click', onRestKnown],
      [reader, 'keydown', onKey, true],
      [reader, 'mouseover', showTip],
      [reader, 'mouseout', hideTip],
      [reader, 'focusin', showTip],
      [reader, 'focusout', hideTip],
    ];
    listeners.forEach(([t, name, fn, capture]) => t.addEventListener(name, fn as EventListener, capture));
    return () => {
      clearTimeout(timer);
      setWordFocus(null);
      listeners.forEach(([t, name, fn, capture]) => t.removeEventListener(name, fn as EventListener, capture));
    };
  }, [slug]);

  const close = useCallback(() => {
    markChosen(null);
    setPanel(null);
    window.getSelection()?.removeAllRanges();
  }, []);

  // The word the panel is about, when it is one word of the article: what "Known" marks.
  const panelLemma =
    panel?.kind === 'lookup' ? lemmaAt(words, panel.source, panel.term) : panel?.kind === 'edit' && !/\s/.test(panel.note.term.trim()) ? panel.note.lemma || null : null;
  const knownToggle = panelLemma
    ? {
        known: known.has(panelLemma),
        toggle: () =>
          void setStatus([panelLemma], known.has(panelLemma) ? 'new' : 'known', known.has(panelLemma) ? `“${panelLemma}” is no longer marked known.` : `Marked “${panelLemma}” known.`),
      }
    : null;

  return (
    <VocabularyContext.Provider value={value}>
      <CoverageLine words={words} status={status} passage={passage} />
      {children}
      {tip && !panel && (
        <div id={TIP_ID} role="tooltip" className="vocab-tip" style={{ top: tip.rect.bottom + 6, left: Math.max(8, tip.rect.left) }}>
          <strong lang="de">{germanWithArticle(tip.note)}</strong>
          {tip.note.translation && <span lang="en"> · {tip.note.translation}</span>}
          {tip.note.note && <span className="vocab-tip-note">{tip.note.note}</span>}
        </div>
      )}
      {panel && (
        <Suspense fallback={null}>
          <VocabularyPanel
            key={panel.kind === 'edit' ? panel.note.id : `${panel.kind}:${panel.kind === 'pick' ? panel.text : panel.term}`}
            state={panel}
            known={knownToggle}
            onClose={close}
            onPicked={(source, term, sentence) => setPanel((p) => ({ kind: 'lookup', source, term, sentence, anchor: p?.anchor ?? null }))}
            onSaved={(note, message) => {
              remember(note);
              setNotice(message);
              close();
            }}
            onDeleted={(id, message) => {
              forget(id);
              setNotice(message);
              close();
            }}
          />
        </Suspense>
      )}
      <p className="visually-hidden" role="status">
        {notice}
      </p>
    </VocabularyContext.Provider>
  );
}
