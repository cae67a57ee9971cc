// Read aloud's speech: the rows' "Read aloud" / "From here" buttons speak the German with the browser's
// speech synthesis in a German voice, sentence by sentence, highlighting the one being spoken. Loaded by
// read-aloud.tsx after the page, so it is not part of the reader's first JavaScript.

const SPEAKING = 'is-speaking';

function germanVoice(): SpeechSynthesisVoice | undefined {
  const voices = window.speechSynthesis?.getVoices() ?? [];
  const german = voices.filter((v) => v.lang.toLowerCase().replace('_', '-').startsWith('de'));
  return german.find((v) => v.lang.toLowerCase() === 'de-de') ?? german[0];
}

/** Reading the reader's rows aloud; `setStatus` is what a screen reader hears. */
export function readAloudIn(reader: HTMLElement, setStatus: (status: string) => void): { speak(button: HTMLButtonElement): void; stop(): void } {
  const session = { current: 0 };
  const clearMarks = () => {
    reader.querySelectorAll(`.${SPEAKING}`).forEach((el) => el.classList.remove(SPEAKING));
    reader.querySelectorAll('button[data-speak][aria-pressed]').forEach((b) => b.removeAttribute('aria-pressed'));
  };
  const stop = () => {
    session.current++;
    window.speechSynthesis?.cancel();
    clearMarks();
  };

  const speak = (button: HTMLButtonElement) => {
    const wasActive = button.getAttribute('aria-pressed') === 'true';
    stop();
    if (wasActive) return setStatus('Stopped reading.');
    const voice = germanVoice();
    if (!voice) {
      button.textContent = 'No German voice';
      button.setAttribute('aria-label', 'No German voice: this browser cannot read the German aloud');
      setStatus('This browser has no German voice, so nothing is read aloud. Add a German voice in your system’s speech settings.');
      return;
    }
    const from = Number(button.dataset.speak);
    const rows = Array.from(reader.querySelectorAll<HTMLElement>('section[data-row]')).filter((r) =>
      button.hasAttribute('data-from') ? Number(r.dataset.row) >= from : Number(r.dataset.row) === from,
    );
    const sentences = rows.flatMap((r) => Array.from(r.querySelectorAll<HTMLElement>('.cell.de .s')));
    const id = session.current;
    button.setAttribute('aria-pressed', 'true');
    setStatus(`Reading paragraph ${from} aloud.`);
    const next = (i: number) => {
      if (id !== session.current) return;
      if (i >= sentences.length) {
        clearMarks();
        return setStatus('Finished reading.');
      }
      const utterance = new SpeechSynthesisUtterance(sentences[i].textContent ?? '');
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = 0.9;
      utterance.onstart = () => {
        clearMarks();
        button.setAttribute('aria-pressed', 'true');
        sentences[i].classList.add(SPEAKING);
      };
      utterance.onend = () => next(i + 1);
      utterance.onerror = () => {
        clearMarks();
        setStatus('Reading aloud stopped.');
      };
      window.speechSynthesis.speak(utterance);
    };
    next(0);
  };

  // Chromium fills the voice list asynchronously; asking once starts loading it.
  window.speechSynthesis?.getVoices();
  return { speak, stop };
}
