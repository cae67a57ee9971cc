'use client';
// Highlights a sentence's counterpart in the other language on hover and keyboard focus.
import { useEffect } from 'react';

const LINKED = 'is-linked';

function counterparts(target: EventTarget | null): Element[] {
  if (!(target instanceof Element)) return [];
  const sentence = target.closest('.s[data-s]');
  const row = sentence?.closest('[data-row]');
  if (!sentence || !row) return [];
  return Array.from(row.querySelectorAll(`.s[data-s="${sentence.getAttribute('data-s')}"]`));
}

export function SentenceLinker() {
  useEffect(() => {
    const reader = document.querySelector('[data-reader]');
    if (!reader) return;
    const on = (e: Event) => counterparts(e.target).forEach((el) => el.classList.add(LINKED));
    const off = (e: Event) => counterparts(e.target).forEach((el) => el.classList.remove(LINKED));
    const events: Array<[string, (e: Event) => void]> = [
      ['mouseover', on],
      ['mouseout', off],
      ['focusin', on],
      ['focusout', off],
    ];
    events.forEach(([name, fn]) => reader.addEventListener(name, fn));
    return () => events.forEach(([name, fn]) => reader.removeEventListener(name, fn));
  }, []);
  return null;
}
