import type { Metadata } from 'next';
import Link from 'next/link';
import { isEditorRequest } from '@/lib/auth/current-editor';
import { listAssignments } from '@/lib/sharing/assignments';
import { passageLabel, passagePath } from '@/lib/sharing/passage';
import { pageOrigin } from '@/lib/sharing/origin';
import { DeleteAssignmentButton, SignOutButton } from '../_components/editor-forms';

export const metadata: Metadata = { title: 'Assignments' };
export const dynamic = 'force-dynamic';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

export default async function AssignmentsPage() {
  if (!(await isEditorRequest())) {
    return (
      <>
        <h1>Assignments</h1>
        <p>
          Only editors see the list of assignments. <Link href="/signin?next=/assignments">Sign in</Link>
        </p>
      </>
    );
  }
  const [assignments, origin] = await Promise.all([listAssignments(), pageOrigin()]);
  return (
    <>
      <div className="page-head">
        <h1>Assignments</h1>
        <SignOutButton />
      </div>
      {assignments.length === 0 ? (
        <p className="empty">
          No assignments yet. In an article, use a paragraph’s “Link”, then “Make an assignment…”.
        </p>
      ) : (
        <ul className="library" aria-label="Assignments">
          {assignments.map((a) => (
            <li key={a.code} className="library-item">
              <h2>
                <Link href={passagePath(a.slug, a.passage)} lang="de">
                  {a.title}
                </Link>{' '}
                {passageLabel(a.passage)}
              </h2>
              <p className="task-text">{a.task}</p>
              <p className="meta">
                <a href={`/s/${a.code}`}>{`${origin}/s/${a.code}`}</a>
                {a.mode && <span>opens in {a.mode} mode</span>}
                <time dateTime={a.createdAt.toISOString()}>{dateFormat.format(a.createdAt)}</time>
              </p>
              <DeleteAssignmentButton code={a.code} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
