// Where a panel opened on a selected word goes (the vocabulary panel): pure geometry, run in the browser.

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface Placement {
  top: number;
  left: number;
  /** Set when the panel must scroll inside this height to fit. */
  maxHeight: number | null;
}

/** Space kept between the panel and the word, and between the panel and the viewport's edges. */
const GAP = 8;
const MARGIN = 8;
/** Below this height a capped panel is too cramped to use: it covers the word instead. */
const MIN_USABLE_HEIGHT = 220;

/**
 * Below the word if the panel fits there, else above it, else beside it; if none of these fits,
 * in the larger of the spaces below and above, capped to it (the panel scrolls). It covers the
 * word only when no usable space is left at all.
 */
export function placePanel(word: Box, panel: { width: number; height: number }, viewport: { width: number; height: number }): Placement {
  const below = viewport.height - MARGIN - (word.bottom + GAP);
  const above = word.top - GAP - MARGIN;
  const left = Math.max(MARGIN, Math.min(word.left, viewport.width - MARGIN - panel.width));
  if (panel.height <= below) return { top: word.bottom + GAP, left, maxHeight: null };
  if (panel.height <= above) return { top: word.top - GAP - panel.height, left, maxHeight: null };

  const tallest = viewport.height - 2 * MARGIN;
  const height = Math.min(panel.height, tallest);
  const top = Math.max(MARGIN, Math.min(word.top - GAP, viewport.height - MARGIN - height));
  const cap = panel.height > tallest ? tallest : null;
  if (word.right + GAP + panel.width <= viewport.width - MARGIN) return { top, left: word.right + GAP, maxHeight: cap };
  if (word.left - GAP - panel.width >= MARGIN) return { top, left: word.left - GAP - panel.width, maxHeight: cap };

  if (Math.max(below, above) >= MIN_USABLE_HEIGHT) {
    return below >= above ? { top: word.bottom + GAP, left, maxHeight: below } : { top: MARGIN, left, maxHeight: above };
  }
  return { top: MARGIN, left, maxHeight: cap };
}
