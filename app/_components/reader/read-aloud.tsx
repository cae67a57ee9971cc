'use client';
// Read aloud: the rows' "Read aloud" / "From here" buttons speak the German (./read-aloud-speech.ts, loaded
// after the page); this keeps the live region that says what is being read from the first paint on.
import { useEffect, useState } from 'react';

export function ReadAloud() {
  const [status, setStatus] = useState('');

  useEffect(() => {
    const reader = document.querySelector<HTMLElement>('[data-reader]');
    if (!reader) return;
    let live = true;
    let stop: (() => void) | undefined;
    void import('./read-aloud-speech').then((speech) => {
      if (live) stop = speech.readAloudIn(reader, setStatus);
    });
    return () => {
      live = false;
      stop?.();
    };
  }, []);

  return (
    <p className="visually-hidden" role="status" aria-live="polite">
      {status}
    </p>
  );
}
