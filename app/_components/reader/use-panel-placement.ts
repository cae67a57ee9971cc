'use client';
// Keeps the vocabulary panel where it fits: measured as it is (its content grows when the look-up
// answers), placed by lib/reader/panel-placement, again on every change of size.
import { useLayoutEffect, useState, type RefObject } from 'react';
import { placePanel, type Placement } from '@/lib/reader/panel-placement';

/** Below this width the panel is a sheet at the bottom of the screen (globals.css). */
const SHEET_MAX_WIDTH = 640;
const GAP = 8;

export function usePanelPlacement(
  dialog: RefObject<HTMLDialogElement | null>,
  body: RefObject<HTMLElement | null>,
  word: DOMRect | null,
): Placement | null {
  const [placement, setPlacement] = useState<Placement | null>(null);
  useLayoutEffect(() => {
    const d = dialog.current;
    const content = body.current;
    if (!d || !content || !word) return;
    let scrolled = 0;
    const place = () => {
      // Its whole height, also while it is capped and scrolls: the scrolled height and the borders.
      const height = d.scrollHeight + d.offsetHeight - d.clientHeight;
      if (window.innerWidth > SHEET_MAX_WIDTH) {
        setPlacement(placePanel(word, { width: d.offsetWidth, height }, { width: window.innerWidth, height: window.innerHeight }));
        return;
      }
      // A sheet: scroll the page, where it can, so the word stays in view above it.
      setPlacement(null);
      const overlap = word.bottom - scrolled + GAP - d.getBoundingClientRect().top;
      if (overlap > 0 && word.top - scrolled - overlap >= GAP) {
        const before = window.scrollY;
        window.scrollBy(0, overlap);
        scrolled += window.scrollY - before;
      }
    };
    place();
    const observer = new ResizeObserver(place);
    observer.observe(content);
    window.addEventListener('resize', place);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', place);
    };
  }, [dialog, body, word]);
  return placement;
}
