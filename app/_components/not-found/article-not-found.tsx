import Link from 'next/link';
import { explainNotFound } from '@/lib/sharing/not-found-reason';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** A 404 under /a/ that says what went wrong: no such paragraph (with a link), removed, or unknown. */
export default async function ArticleNotFound({ path }: { path: string | null }) {
  const reason = await explainNotFound(path);
  if (reason.kind === 'bad-passage') {
    return (
      <>
        <h1>No such paragraph</h1>
        <p>{reason.message}</p>
        <p>
          Read the whole article:{' '}
          <Link href={`/a/${reason.slug}`} lang="de">
            {reason.title}
          </Link>
        </p>
      </>
    );
  }
  if (reason.kind === 'removed') {
    return (
      <>
        <h1>This article was removed</h1>
        <p>
          “<span lang="de">{reason.title}</span>” was removed from this library on {dateFormat.format(reason.removedAt)}. Ask
          your teacher for a new link, or <Link href="/">browse the library</Link>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no article at this address. Check the link, or <Link href="/">browse the library</Link>.
      </p>
    </>
  );
}
