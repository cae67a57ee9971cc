'use client';
// Import a CSV export (from another browser or device): what was added, merged, and which lines were refused.
import { useRouter } from 'next/navigation';
import { useState } from 'react';

interface Report {
  added: number;
  merged: number;
  errors: Array<{ line: number; message: string }>;
}

export function ImportNotesForm() {
  const router = useRouter();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(form: HTMLFormElement) {
    setBusy(true);
    setError(null);
    setReport(null);
    const response = await fetch('/api/vocabulary/import', { method: 'POST', body: new FormData(form) }).catch(() => null);
    setBusy(false);
    const body = (await response?.json().catch(() => null)) as (Report & { error?: string }) | null;
    if (!response?.ok || !body) {
      setError(body?.error ?? 'The server could not be reached. Nothing was imported; try again.');
      return;
    }
    setReport(body);
    form.reset();
    router.refresh();
  }

  return (
    <section className="vocab-import" aria-labelledby="import-title">
      <h2 id="import-title">Import a CSV</h2>
      <p className="hint">
        A file exported here (from this or another browser). Notes you already have are merged, not doubled.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit(e.currentTarget);
        }}
      >
        <input type="file" name="file" accept=".csv,text/csv" required aria-label="CSV file" />{' '}
        <button type="submit" className="button small" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {report && (
          <p>
            Added {report.added}, merged {report.merged}
            {report.errors.length > 0 && `, ${report.errors.length} line${report.errors.length === 1 ? '' : 's'} not imported`}.
          </p>
        )}
        {report && report.errors.length > 0 && (
          <ul className="form-error import-errors">
            {report.errors.slice(0, 50).map((e) => (
              <li key={`${e.line}:${e.message}`}>
                Line {e.line}: {e.message}
              </li>
            ))}
            {report.errors.length > 50 && <li>… and {report.errors.length - 50} more.</li>}
          </ul>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
