'use client';
// The reader's behaviour, by event delegation on the server-rendered rows: sentence linking,
// practice reveal, keyboard reading (j/k, arrows, Enter, ?; one Tab stop per paragraph, arrow keys
// inside it) and remembering where the learner is.
import { useEffect } from 'react';
import { useReaderMode } from './display';
import { readPositions, savePosition } from './preferences-client';

const LINKED = 'is-linked';

function sentenceOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? (target.closest('.s[data-s]') as HTMLElement | null) : null;
}

function counterparts(sentence: Element | null): Element[] {
  const row = sentence?.closest('[data-row]');
  if (!sentence || !row) return [];
  return Array.from(row.querySelectorAll(`.s[data-s="${sentence.getAttribute('data-s')}"]`));
}

/** Practice mode: what a German sentence reveals: its own gloss right under it, or the paragraph's. */
function glossOf(sentence: HTMLElement): HTMLElement | null {
  const own = sentence.nextElementSibling;
  if (own instanceof HTMLElement && own.classList.contains('gloss')) return own;
  return sentence.closest('.cell.de')?.querySelector<HTMLElement>('.gloss-block') ?? null;
}

/** Practice mode: shows or hides the English under one German sentence. */
function toggleReveal(sentence: HTMLElement): void {
  const gloss = glossOf(sentence);
  if (!gloss) return;
  const shown = gloss.classList.toggle('revealed');
  // A paragraph-wide gloss answers for every sentence of the paragraph.
  const owners = gloss.classList.contains('gloss-block')
    ? Array.from(gloss.closest('.cell.de')?.querySelectorAll('.s[data-s]') ?? [])
    : [sentence];
  owners.forEach((s) => s.setAttribute('aria-expanded', String(shown)));
  // A long sentence on a phone can push its English below the screen: bring it into view.
  if (shown && gloss.getBoundingClientRect().bottom > window.innerHeight) {
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    gloss.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
  }
}

/** Practice mode makes each German sentence a button that shows its gloss; the other modes leave it text. */
function markToggles(reader: Element, practice: boolean): void {
  reader.querySelectorAll<HTMLElement>('.cell.de .s[data-s]').forEach((sentence) => {
    const gloss = glossOf(sentence);
    if (practice && gloss) {
      sentence.setAttribute('role', 'button');
      sentence.setAttribute('aria-expanded', String(gloss.classList.contains('revealed')));
      sentence.setAttribute('aria-controls', gloss.id);
    } else {
      ['role', 'aria-expanded', 'aria-controls'].forEach((name) => sentence.removeAttribute(name));
    }
  });
}

function toggleRow(row: Element): void {
  const germans = Array.from(row.querySelectorAll<HTMLElement>('.cell.de .s'));
  const anyHidden = germans.some((s) => s.getAttribute('aria-expanded') !== 'true');
  for (const s of germans) if ((s.getAttribute('aria-expanded') === 'true') !== anyHidden) toggleReveal(s);
}

/** A paragraph's keyboard stops, in reading order: its German sentences (and saved-word marks), then its tools. */
const ROW_ITEMS = '.cell.de .s[data-s], .cell.de mark.vocab[role="button"], .row-tools button';

function rowItems(row: Element): HTMLElement[] {
  return Array.from(row.querySelectorAll<HTMLElement>(ROW_ITEMS)).filter((el) => el.checkVisibility());
}

/** Roving tabindex: the item focused last is its paragraph's one Tab stop. */
function makeTabStop(item: HTMLElement): void {
  const row = item.closest('section[data-row]');
  if (!row || !item.matches(ROW_ITEMS)) return;
  row.querySelectorAll<HTMLElement>(ROW_ITEMS).forEach((el) => {
    if (el !== item && el.tabIndex === 0) el.tabIndex = -1;
  });
  item.tabIndex = 0;
}

const IN_ROW: Record<string, (index: number, last: number) => number> = {
  ArrowRight: (i, last) => Math.min(i + 1, last),
  ArrowLeft: (i) => Math.max(i - 1, 0),
  Home: () => 0,
  End: (_, last) => last,
};

/** ↓ and ↑: the next or previous German sentence, on into the next paragraph (from a mark or a tool, counted from where it stands). */
function sentenceBeside(reader: Element, active: HTMLElement, down: boolean): HTMLElement | undefined {
  const all = Array.from(reader.querySelectorAll<HTMLElement>('.cell.de .s[data-s]'));
  const own = active.closest<HTMLElement>('.s[data-s]');
  if (own) {
    const i = all.indexOf(own);
    return down ? all[i + 1] : own === active ? all[i - 1] : own;
  }
  const row = active.closest('section[data-row]');
  const last = all.findLastIndex((s) => row?.contains(s));
  return down ? all[last + 1] : all[last];
}

/** Arrow keys, Home and End on a paragraph's item; true when the key moved the focus. */
function moveFrom(reader: Element, e: KeyboardEvent): boolean {
  const active = document.activeElement;
  const row = active instanceof HTMLElement && active.matches(ROW_ITEMS) ? active.closest('section[data-row]') : null;
  if (e.shiftKey || !row || !(active instanceof HTMLElement)) return false;
  let target: HTMLElement | undefined;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') target = sentenceBeside(reader, active, e.key === 'ArrowDown');
  else if (IN_ROW[e.key]) {
    const items = rowItems(row);
    const index = items.indexOf(active);
    if (index >= 0) target = items[IN_ROW[e.key](index, items.length - 1)];
  } else return false;
  target?.focus();
  return true;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** `translated`: how many rows have their English; a refresh that brings more may change what a sentence reveals. */
export function ReaderInteractions({ translated }: { translated: number }) {
  const mode = useReaderMode();
  useEffect(() => {
    const reader = document.querySelector('[data-reader]');
    if (reader && mode) markToggles(reader, mode === 'practice');
  }, [mode, translated]);

  useEffect(() => {
    const reader = document.querySelector<HTMLElement>('[data-reader]');
    if (!reader) return;
    const rows = () => Array.from(reader.querySelectorAll<HTMLElement>('section[data-row]'));
    const practice = () => document.documentElement.dataset.mode === 'practice';
    const slug = reader.dataset.slug ?? '';

    const link = (e: Event, on: boolean) => counterparts(sentenceOf(e.target)).forEach((el) => el.classList.toggle(LINKED, on));
    const onOver = (e: Event) => link(e, true);
    const onOut = (e: Event) => link(e, false);
    const onFocusIn = (e: Event) => {
      link(e, true);
      if (e.target instanceof HTMLElement) makeTabStop(e.target);
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented) return; // a vocabulary mark took it
      const sentence = sentenceOf(e.target);
      if (practice() && sentence?.closest('.cell.de') && !window.getSelection()?.toString()) toggleReveal(sentence);
    };

    const currentRow = (): HTMLElement | undefined => {
      const active = document.activeElement;
      const focused = active instanceof Element ? (active.closest('section[data-row]') as HTMLElement | null) : null;
      return focused ?? rows().find((r) => r.getBoundingClientRect().bottom > 0);
    };
    const focusRow = (row: HTMLElement | undefined) => {
      if (!row) return;
      row.focus({ preventScroll: true });
      const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
      row.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (moveFrom(reader, e)) {
        e.preventDefault();
        return;
      }
      const active = document.activeElement;
      const nothingFocused = !active || active === document.body || (active instanceof HTMLElement && active.matches('section[data-row]'));
      const all = rows();
      const row = currentRow();
      const index = row ? all.indexOf(row) : -1;
      const focusedRow = active instanceof HTMLElement && active.matches('section[data-row]');
      if (e.key === 'j' || (e.key === 'ArrowDown' && nothingFocused)) {
        e.preventDefault();
        focusRow(all[focusedRow || index < 0 ? Math.min(index + 1, all.length - 1) : index]);
      } else if (e.key === 'k' || (e.key === 'ArrowUp' && nothingFocused)) {
        e.preventDefault();
        focusRow(all[focusedRow ? Math.max(index - 1, 0) : Math.max(index, 0)]);
      } else if (e.key === '?') {
        e.preventDefault();
        (document.getElementById('shortcuts') as HTMLDialogElement | null)?.showModal();
      } else if (e.key === 'Enter' && practice()) {
        const sentence = sentenceOf(e.target);
        if (sentence?.closest('.cell.de')) {
          e.preventDefault();
          toggleReveal(sentence);
        } else if (focusedRow && active) {
          e.preventDefault();
          toggleRow(active);
        }
      }
    };

    // Remember the paragraph at the top of the screen, and reopen there next time.
    let lastSaved = 0;
    const observer = new IntersectionObserver(
      () => {
        const top = rows().find((r) => r.getBoundingClientRect().bottom > 80);
        const n = Number(top?.dataset.row ?? 0);
        if (n && n !== lastSaved) {
          lastSaved = n;
          savePosition(slug, n);
        }
      },
      { threshold: [0, 1] },
    );
    const resumeAt = Number(reader.dataset.focusRow) || readPositions()[slug];
    if (!location.hash && (resumeAt > 1 || reader.dataset.focusRow)) {
      // A shared passage opens at its intro (task and bar), else at the row read last.
      const row = reader.querySelector<HTMLElement>('#passage-intro') ?? reader.querySelector<HTMLElement>(`#p-${resumeAt}`);
      row?.scrollIntoView({ block: 'start' });
      row?.focus({ preventScroll: true });
    }
    rows().forEach((r) => observer.observe(r));

    const listeners: Array<[EventTarget, string, (e: never) => void]> = [
      [reader, 'mouseover', onOver],
      [reader, 'mouseout', onOut],
      [reader, 'focusin', onFocusIn],
      [reader, 'focusout', onOut],
      [reader, 'click', onClick],
      [document, 'keydown', onKey],
    ];
    listeners.forEach(([target, name, fn]) => target.addEventListener(name, fn as EventListener));
    return () => {
      observer.disconnect();
      listeners.forEach(([target, name, fn]) => target.removeEventListener(name, fn as EventListener));
    };
  }, []);
  return null;
}
