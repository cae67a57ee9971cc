'use client';
// The page's part in the reader's display: an assignment's mode. On a page load the prepaint script runs
// again here, before the reader's rows are parsed, with the mode in its data-page-mode attribute (the
// script's text stays the one the CSP allows by hash); after a client-side navigation, where no inline
// script runs, the same rule is applied before the browser paints.
import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense, useLayoutEffect } from 'react';
import type { ReaderMode } from '@/lib/reader/options';
import { applyPageDisplay } from './display';

/**
 * Applies the rule again whenever the address changes: the page itself is the same for every address
 * (Next keeps one copy whatever the query), so a navigation that changes only ?mode= may not render it again.
 */
function FollowAddress({ pageMode }: { pageMode: ReaderMode | null }) {
  const pathname = usePathname();
  const search = useSearchParams();
  useLayoutEffect(() => applyPageDisplay(pageMode), [pageMode, pathname, search]);
  return null;
}

/** `script`: the prepaint script's text (lib/reader/prepaint.cjs), passed only with a page mode to keep it out of the bundle. */
export function PageDisplay({ pageMode, script }: { pageMode: ReaderMode | null; script?: string }) {
  return (
    <>
      {/* Reads the address: rendered in the browser only (a kept page has no query). */}
      <Suspense fallback={null}>
        <FollowAddress pageMode={pageMode} />
      </Suspense>
      {pageMode && script && (
        // The server's HTML runs it; React on the client renders it inert (a script it inserts never runs anyway).
        <script
          type={typeof window === 'undefined' ? 'text/javascript' : 'text/plain'}
          data-page-mode={pageMode}
          suppressHydrationWarning
          dangerouslySetInnerHTML={{ __html: script }}
        />
      )}
    </>
  );
}
