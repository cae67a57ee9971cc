'use client';
// Signs this browser in as the learner of a one-time code: typed, or from the link's #fragment (the QR
// code's link), which the browser never sends: this script reads it, removes it from the address bar and
// history, and posts it. Nothing is sent before the learner says so. The field has no name, so a form sent
// before the script runs carries no code in its URL.
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';

export function RedeemForm() {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const hash = window.location.hash.slice(1, 200);
    if (!hash) return;
    let fromLink = hash;
    try {
      fromLink = decodeURIComponent(hash);
    } catch {
      // A broken %-escape: the text as it is, for the learner to see and correct.
    }
    window.history.replaceState(null, '', window.location.pathname);
    if (input.current) input.current.value = fromLink.slice(0, 40);
  }, []);

  async function submit(code: string) {
    setBusy(true);
    setError(null);
    const response = await fetch('/api/devices/redeem', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    }).catch(() => null);
    setBusy(false);
    if (response?.ok) {
      setDone(true);
      return;
    }
    const body = (await response?.json().catch(() => null)) as { error?: string } | null;
    setError(body?.error ?? 'The server could not be reached. Check the connection and try again.');
  }

  if (done) {
    return (
      <p role="status" className="device-done">
        Done: this browser now has your notes. <Link href="/vocabulary">Open your vocabulary</Link>
      </p>
    );
  }
  return (
    <form
      className="redeem-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(input.current?.value ?? '');
      }}
    >
      <label className="field" htmlFor="device-code">
        <span>Code from your other device</span>
      </label>
      <input
        id="device-code"
        className="device-code-input"
        ref={input}
        placeholder="7K3QF-M2XDA"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={40}
        required
        aria-describedby={error ? 'device-code-error' : undefined}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Signing in…' : 'Use my notes here'}
      </button>
      {error && (
        <p className="form-error" role="alert" id="device-code-error">
          {error}
        </p>
      )}
    </form>
  );
}
