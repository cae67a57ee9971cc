'use client';
// Which kinds of card the learner practises: saved for the learner (PUT /api/review/settings), so every
// session and the header's count follow it.
import { useState } from 'react';
import { CARD_KINDS, KIND_LABELS, type CardKind } from '@/lib/review/types';

/** `onChange` gets the kinds as saved, before the queue is read again. */
export function KindsForm({ kinds, onChange }: { kinds: CardKind[]; onChange: (kinds: CardKind[]) => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const toggle = async (kind: CardKind, on: boolean) => {
    const next = on ? [...kinds, kind] : kinds.filter((k) => k !== kind);
    if (next.length === 0) {
      setError('Keep at least one kind of card.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      const response = await fetch('/api/review/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kinds: next }) });
      const answer = (await response.json().catch(() => ({}))) as { kinds?: CardKind[]; error?: string };
      if (!response.ok || !answer.kinds) throw new Error(answer.error ?? 'Could not save your choice; try again.');
      onChange(answer.kinds);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="review-kinds" disabled={busy || kinds.length === 0}>
      <legend>Cards to practise</legend>
      {CARD_KINDS.map((kind) => (
        <label key={kind}>
          <input type="checkbox" name="kind" value={kind} checked={kinds.includes(kind)} onChange={(e) => void toggle(kind, e.target.checked)} /> {KIND_LABELS[kind]}
        </label>
      ))}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
