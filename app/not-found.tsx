import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Not found' };

/**
 * A notFound() thrown by a page. Next sends this with every page it keeps in its cache, so it reads
 * nothing of the request; addresses that name nothing get app/global-not-found.tsx, which says why.
 */
export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is nothing at this address. It may have been removed, or the link is mistyped. <Link href="/">Back to the library</Link>.
      </p>
    </>
  );
}
