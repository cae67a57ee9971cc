'use client';
// The page's part in the reader's display: an assignment's mode. On a page load the prepaint script runs
// again here, before the reader's rows are parsed, with the mode in its data-page-mode attribute (the
// script's text stays the one the CSP allows by hash); after a client-side navigation, where no inline
// script runs, the same rule is applied before the browser paints.
import { useLayoutEffect } from 'react';
import type { ReaderMode } from '@/lib/reader/options';
import { applyPageDisplay } from './display';

/** `script`: the prepaint script's text (lib/reader/prepaint.cjs), passed only with a page mode to keep it out of the bundle. */
export function PageDisplay({ pageMode, script }: { pageMode: ReaderMode | null; script?: string }) {
  // After every render: a navigation that changes only ?mode= renders the page again with the same props.
  useLayoutEffect(() => applyPageDisplay(pageMode));
  if (!pageMode || !script) return null;
  // The server's HTML runs it; React on the client renders it inert (a script it inserts never runs anyway).
  return (
    <script
      type={typeof window === 'undefined' ? 'text/javascript' : 'text/plain'}
      data-page-mode={pageMode}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: script }}
    />
  );
}
