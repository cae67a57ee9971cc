import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { PATH_HEADER } from '@/lib/net/front';
import ArticleNotFound from './_components/not-found/article-not-found';
import AssignmentNotFound from './_components/not-found/assignment-not-found';

export const metadata: Metadata = { title: 'Not found' };

/**
 * Every 404 page, rendered in full on the server. proxy.ts rewrites a reader or assignment address that
 * names nothing to an unmatched path, because Next serves a notFound() thrown by a dynamic page as an
 * empty `__next_error__` shell (the message only in the RSC payload, vercel/next.js#62228); an unmatched
 * path renders this page with the root layout. The requested path comes in the `x-nb-path` header.
 */
export default async function NotFound() {
  const path = (await headers()).get(PATH_HEADER) ?? '';
  if (path.startsWith('/a/')) return <ArticleNotFound />;
  if (path.startsWith('/s/')) return <AssignmentNotFound />;
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no article at this address. It may have been removed, or the link is mistyped.{' '}
        <Link href="/">Back to the library</Link>.
      </p>
    </>
  );
}
