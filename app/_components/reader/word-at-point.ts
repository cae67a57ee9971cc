// Finds the German word under a tap, and words by position in a sentence, in the browser: the page's
// HTML has no markup per word (one cached copy serves every learner), so words are read from its text,
// by the same word boundaries as the vocabulary marks (lib/vocabulary/marks.ts).
import { wordAt, wordSpans } from '@/lib/vocabulary/marks';

/** A word of a German sentence, by its offsets in the sentence's text. */
export interface SentenceWord {
  sentence: HTMLElement;
  start: number;
  end: number;
  word: string;
}

const SENTENCE = '.cell.de .s[data-s]';

function textNodes(element: Element): Text[] {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** A DOM Range over characters start to end of the element's text (its text nodes, marks included). */
export function textRange(element: Element, start: number, end: number): Range | null {
  const range = document.createRange();
  let at = 0;
  let started = false;
  for (const node of textNodes(element)) {
    const length = node.data.length;
    if (!started && start <= at + length) {
      range.setStart(node, start - at);
      started = true;
    }
    if (started && end <= at + length) {
      range.setEnd(node, end - at);
      return range;
    }
    at += length;
  }
  return null;
}

function offsetIn(element: Element, node: Node, offset: number): number | null {
  let at = 0;
  for (const text of textNodes(element)) {
    if (text === node) return at + offset;
    at += text.data.length;
  }
  return null;
}

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  if (typeof document.caretPositionFromPoint === 'function') {
    const position = document.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/** The word at a viewport point, when the point is on a word of a German sentence (not beside it). */
export function wordAtPoint(x: number, y: number): SentenceWord | null {
  const caret = caretAt(x, y);
  const element = caret?.node.parentElement;
  const sentence = element?.closest<HTMLElement>(SENTENCE);
  if (!caret || !sentence || caret.node.nodeType !== Node.TEXT_NODE) return null;
  const offset = offsetIn(sentence, caret.node, caret.offset);
  const text = sentence.textContent ?? '';
  const span = offset === null ? null : wordAt(text, offset);
  if (!span) return null;
  // The caret is the nearest one: a tap in the margin beside a line is no tap on its last word.
  const boxes = Array.from(textRange(sentence, span.start, span.end)?.getClientRects() ?? []);
  if (!boxes.some((b) => x >= b.left - 2 && x <= b.right + 2 && y >= b.top - 2 && y <= b.bottom + 2)) return null;
  return { sentence, ...span, word: text.slice(span.start, span.end) };
}

/** The sentence's words, in order. */
export function wordsOf(sentence: HTMLElement): SentenceWord[] {
  const text = sentence.textContent ?? '';
  return wordSpans(text).map((w) => ({ sentence, ...w, word: text.slice(w.start, w.end) }));
}
