// The reader's display (mode, text size, theme) as the <html> element carries it: the inline script of
// lib/reader/prepaint.cjs sets it before the first paint, the toolbar changes it, and client components
// read it here. The server renders with no mode known (null): what differs per mode is shown and hidden
// by CSS keyed on html[data-mode], so the HTML is the same for every learner.
import { useSyncExternalStore } from 'react';
import { READER_MODES, TEXT_SIZES, type ReaderMode, type TextSize } from '@/lib/reader/options';

declare global {
  interface Window {
    /** Defined by the prepaint script: applies the stored preferences, ?mode= and the page's mode to <html>. */
    __nbPreferences?: (pageMode: string | null) => void;
  }
}

const ATTRIBUTES = ['data-mode', 'data-size', 'data-theme', 'data-new-words'];

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ATTRIBUTES });
  return () => observer.disconnect();
}

function readAttribute<T extends string>(name: 'mode' | 'size', allowed: readonly T[]): T | null {
  const value = document.documentElement.dataset[name];
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : null;
}

const unknown = () => null;

/** The mode the reader shows; null while rendering on the server and hydrating (not known there). */
export function useReaderMode(): ReaderMode | null {
  return useSyncExternalStore(subscribe, () => readAttribute('mode', READER_MODES), unknown);
}

export function useTextSize(): TextSize | null {
  return useSyncExternalStore(subscribe, () => readAttribute('size', TEXT_SIZES), unknown);
}

/** "Show new words" (the toolbar's toggle): set on <html> after load from its cookie (preferences-client.ts). */
export function useNewWordsShown(): boolean {
  return useSyncExternalStore(subscribe, () => document.documentElement.dataset.newWords === 'on', () => false);
}

/** After a client-side navigation (no inline script runs): the same rule as on a page load. */
export function applyPageDisplay(pageMode: ReaderMode | null): void {
  window.__nbPreferences?.(pageMode);
}
