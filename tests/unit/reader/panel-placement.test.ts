import { describe, expect, it } from 'vitest';
import { placePanel, type Box, type Placement } from '@/lib/reader/panel-placement';

const PANEL = { width: 416, height: 557 };
const word = (top: number, left = 300, height = 24, width = 150): Box => ({ top, bottom: top + height, left, right: left + width });
const box = (p: Placement, height = PANEL.height) => ({ top: p.top, bottom: p.top + (p.maxHeight ?? height), left: p.left, right: p.left + PANEL.width });
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('placePanel', () => {
  it('goes below the word when it fits there', () => {
    const p = placePanel(word(100), PANEL, { width: 1280, height: 800 });
    expect(p).toEqual({ top: 132, left: 300, maxHeight: null });
  });

  it('flips above the word when there is no room below', () => {
    const p = placePanel(word(700), PANEL, { width: 1280, height: 800 });
    expect(p.maxHeight).toBeNull();
    expect(box(p).bottom).toBe(692);
    expect(box(p).top).toBeGreaterThanOrEqual(8);
  });

  it('at 1280×800 with the word mid-screen (neither above nor below fits) it goes beside the word, inside the viewport', () => {
    const w = word(380);
    const p = placePanel(w, PANEL, { width: 1280, height: 800 });
    const b = box(p);
    expect(overlaps(b, w)).toBe(false);
    expect(b.top).toBeGreaterThanOrEqual(8);
    expect(b.bottom).toBeLessThanOrEqual(792);
    expect(b.right).toBeLessThanOrEqual(1272);
  });

  it('beside on the left when the word is at the right edge', () => {
    const w = word(300, 1000, 24, 200);
    const p = placePanel(w, PANEL, { width: 1280, height: 700 });
    expect(box(p).right).toBeLessThanOrEqual(w.left);
    expect(box(p).left).toBeGreaterThanOrEqual(8);
  });

  it('on a narrow, short window it takes the larger space and scrolls inside it, clear of the word', () => {
    const w = word(200, 100, 24, 400);
    const p = placePanel(w, PANEL, { width: 700, height: 650 });
    expect(p.maxHeight).toBe(650 - 8 - (w.bottom + 8));
    expect(overlaps(box(p), w)).toBe(false);
    expect(box(p).bottom).toBeLessThanOrEqual(642);
  });

  it('covers the word only when no usable space is left, and then fits the viewport', () => {
    const w = { top: 150, bottom: 250, left: 20, right: 680 };
    const p = placePanel(w, PANEL, { width: 700, height: 400 });
    expect(p.top).toBe(8);
    expect(p.maxHeight).toBe(384);
  });
});
