'use client';
// Sharing a passage: each row's "Link" copies /a/slug/p/n (shift-click or "Extend link to here"
// makes it a range), then offers a QR code to project and, for teachers, an assignment.
import { useActionState, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useEditor } from './editor-session';
import { createAssignmentAction, type AssignmentState } from './share-actions';

type Range = { from: number; to: number };

const label = ({ from, to }: Range) => (from === to ? `¶${from}` : `¶${from}–${to}`);
const pathOf = (slug: string, { from, to }: Range) => `/a/${slug}/p/${from === to ? from : `${from}-${to}`}`;

/** An absolute link; built only after a click, in the browser, so `window` is there. */
const linkTo = (configured: string | null, slug: string, range: Range) => (configured ?? window.location.origin) + pathOf(slug, range);

/** How many pixels of the rows from..to a box at [top, bottom] of the viewport would hide. */
function hidden(range: Range, top: number, bottom: number): number {
  let sum = 0;
  for (let n = range.from; n <= range.to; n++) {
    const row = document.getElementById(`p-${n}`)?.getBoundingClientRect();
    if (row) sum += Math.max(0, Math.min(bottom, row.bottom) - Math.max(top, row.top));
  }
  return sum;
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** `origin`: PUBLIC_BASE_URL when the instance sets it (the same for every request); else this browser's own. */
export function ShareControls({ slug, title, origin: configured }: { slug: string; title: string; origin: string | null }) {
  const canEdit = useEditor();
  const [range, setRange] = useState<Range | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const qrDialog = useRef<HTMLDialogElement>(null);
  const taskDialog = useRef<HTMLDialogElement>(null);
  const [assignment, createAssignment, creating] = useActionState<AssignmentState, FormData>(createAssignmentAction, null);
  const anchor = useRef<number | null>(null);
  const url = range ? linkTo(configured, slug, range) : '';
  const toast = useRef<HTMLDivElement>(null);
  const [atTop, setAtTop] = useState(false);

  // The toast sits at the bottom of the screen, or at the top when it would hide the passage it links to.
  useLayoutEffect(() => {
    const box = toast.current?.getBoundingClientRect();
    if (!range || !box) return;
    const margin = box.top > window.innerHeight / 2 ? window.innerHeight - box.bottom : box.top;
    const bottom = hidden(range, window.innerHeight - margin - box.height, window.innerHeight - margin);
    const top = hidden(range, margin, margin + box.height);
    setAtTop(top < bottom);
  }, [range]);

  useEffect(() => {
    const reader = document.querySelector<HTMLElement>('[data-reader]');
    if (!reader) return;
    const share = async (next: Range) => {
      setRange(next);
      setCopied(await copy(linkTo(configured, slug, next)));
      reader.dataset.shareAnchor = String(anchor.current);
      reader.querySelectorAll('section[data-row]').forEach((row) => {
        const n = Number((row as HTMLElement).dataset.row);
        row.classList.toggle('is-shared', n >= next.from && n <= next.to);
      });
    };
    const onClick = (e: MouseEvent) => {
      const button = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button[data-link], button[data-extend]') : null;
      if (!button) return;
      const n = Number(button.dataset.link ?? button.dataset.extend);
      const extend = button.hasAttribute('data-extend') || e.shiftKey;
      if (extend && anchor.current !== null) {
        void share({ from: Math.min(anchor.current, n), to: Math.max(anchor.current, n) });
      } else {
        anchor.current = n;
        void share({ from: n, to: n });
      }
    };
    reader.addEventListener('click', onClick);
    return () => reader.removeEventListener('click', onClick);
  }, [configured, slug]);

  const close = () => {
    setRange(null);
    anchor.current = null;
    const reader = document.querySelector<HTMLElement>('[data-reader]');
    delete reader?.dataset.shareAnchor;
    reader?.querySelectorAll('.is-shared').forEach((row) => row.classList.remove('is-shared'));
  };

  if (!range) return null;
  const qrPath = `${pathOf(slug, range)}/qr.svg`;
  return (
    <div ref={toast} className={`share-toast${atTop ? ' at-top' : ''}`} role="status" aria-live="polite">
      <p>
        {copied ? 'Copied a link to' : 'Link to'} <strong>{label(range)}</strong>
        {copied === false && ' (copy it from here)'}:{' '}
        <a href={url} className="share-url">
          {url}
        </a>
      </p>
      <p className="share-hint">Shift-click another paragraph’s “Link”, or use “Extend link to here”, for a range.</p>
      <div className="share-actions">
        <button type="button" className="button small" onClick={() => qrDialog.current?.showModal()}>
          QR code
        </button>
        <button type="button" className="button small secondary" onClick={() => taskDialog.current?.showModal()}>
          Make an assignment…
        </button>
        <button type="button" className="button small secondary" onClick={close} aria-label="Close the link">
          Close
        </button>
      </div>
      <dialog ref={qrDialog} className="qr-dialog" aria-labelledby="qr-title">
        <h2 id="qr-title">
          <span lang="de">{title}</span> {label(range)}
        </h2>
        {/* eslint-disable-next-line @next/next/no-img-element -- an SVG made by our own route */}
        <img src={qrPath} alt={`QR code for ${url}`} width={480} height={480} />
        <p className="qr-url">{url}</p>
        <form method="dialog">
          <button type="submit" className="button small">Close</button>
        </form>
      </dialog>
      <dialog ref={taskDialog} className="task-dialog" aria-labelledby="task-dialog-title">
        <h2 id="task-dialog-title">Assignment on {label(range)}</h2>
        {!canEdit ? (
          <p>
            Only editors can make assignments on this instance. <a href={`/signin?next=${encodeURIComponent(pathOf(slug, range))}`}>Sign in</a>
          </p>
        ) : assignment?.ok ? (
          <>
            <p>
              Send this link to your students: <a href={assignment.url}>{assignment.url}</a>
            </p>
            {/* eslint-disable-next-line @next/next/no-img-element -- an SVG made by our own route */}
            <img src={`/s/${assignment.code}/qr.svg`} alt={`QR code for ${assignment.url}`} width={320} height={320} />
            <p>
              <a href="/assignments">All assignments</a>
            </p>
          </>
        ) : (
          <form action={createAssignment} className="task-form">
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="from" value={range.from} />
            <input type="hidden" name="to" value={range.to} />
            <label htmlFor="task">Task</label>
            <textarea id="task" name="task" rows={4} maxLength={1000} required placeholder="Find three verbs in the past tense." />
            <label htmlFor="task-mode">Open in</label>
            <select id="task-mode" name="mode" defaultValue="">
              <option value="">the student’s own display mode</option>
              <option value="side">side by side</option>
              <option value="interleaved">interleaved</option>
              <option value="practice">practice (English hidden until revealed)</option>
              <option value="german">German only</option>
            </select>
            {assignment && !assignment.ok && (
              <p className="form-error" role="alert">
                {assignment.error}
              </p>
            )}
            <button type="submit" className="button small" disabled={creating}>
              {creating ? 'Creating…' : 'Create the assignment link'}
            </button>
          </form>
        )}
        <form method="dialog">
          <button type="submit" className="button small secondary">Close</button>
        </form>
      </dialog>
    </div>
  );
}
