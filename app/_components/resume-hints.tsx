'use client';
// Library: "continue at ¶N" for the articles this browser has started reading.
import { useEffect } from 'react';
import { readPositions } from './reader/preferences-client';

export function ResumeHints() {
  useEffect(() => {
    const positions = readPositions();
    document.querySelectorAll<HTMLAnchorElement>('a[data-resume-for]').forEach((link) => {
      const n = positions[link.dataset.resumeFor ?? ''];
      if (!Number.isInteger(n) || n < 2) return;
      link.href = `/a/${link.dataset.resumeFor}#p-${n}`;
      link.textContent = `Continue at ¶${n}`;
      link.hidden = false;
    });
  }, []);
  return null;
}
