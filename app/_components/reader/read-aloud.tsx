'use client';
// Read aloud: the rows' "Read aloud" / "From here" buttons speak the German (./read-aloud-speech.ts, loaded
// after the page, or by the first such click); this keeps the live region that says what is being read
// from the first paint on.
import { useEffect, useState } from 'react';

export function ReadAloud() {
  const [status, setStatus] = useState('');

  useEffect(() => {
    const reader = document.querySelector<HTMLElement>('[data-reader]');
    if (!reader) return;
    let live = true;
    const speech = import('./read-aloud-speech').then((m) => m.readAloudIn(reader, setStatus));
    const onClick = (e: MouseEvent) => {
      const button = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button[data-speak]') : null;
      if (button) void speech.then((reading) => live && reading.speak(button));
    };
    reader.addEventListener('click', onClick);
    return () => {
      live = false;
      reader.removeEventListener('click', onClick);
      void speech.then((reading) => reading.stop());
    };
  }, []);

  return (
    <p className="visually-hidden" role="status" aria-live="polite">
      {status}
    </p>
  );
}
