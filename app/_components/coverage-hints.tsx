'use client';
// Library: "82 % known" for each article, the learner's share of its running words they know or are
// learning. The page is the same for every learner; the figures come from GET /api/words/coverage.
import { useEffect } from 'react';

interface Coverage {
  words: number;
  known: number;
  learning: number;
  percent: number;
}

export function CoverageHints() {
  useEffect(() => {
    const spans = new Map<string, HTMLElement>();
    document.querySelectorAll<HTMLElement>('[data-coverage-for]').forEach((el) => spans.set(el.dataset.coverageFor ?? '', el));
    if (spans.size === 0) return;
    let live = true;
    fetch(`/api/words/coverage?articles=${[...spans.keys()].map(encodeURIComponent).join(',')}`, { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<{ coverage: Record<string, Coverage> }>) : { coverage: {} as Record<string, Coverage> }))
      .then(({ coverage }) => {
        if (!live) return;
        for (const [slug, el] of spans) {
          const c = coverage[slug];
          if (!c || c.words === 0) continue;
          el.textContent = `${c.percent} % known`;
          el.title = `${c.words.toLocaleString('en')} words: ${c.known.toLocaleString('en')} known, ${c.learning.toLocaleString('en')} in your vocabulary`;
          el.hidden = false;
        }
      })
      .catch(() => undefined); // the library works without the figures
    return () => {
      live = false;
    };
  }, []);
  return null;
}
