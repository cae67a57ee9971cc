// Every 404 for an address that names nothing, rendered in full on the server with its status. proxy.ts
// rewrites a reader, passage or assignment address that names nothing (and any unknown path ends here
// too) to an unmatched path, with the requested path in the `x-nb-path` header; Next renders this page
// on its own, without the root layout, so it brings the site's chrome, styles and pre-paint script itself. The root
// app/not-found.tsx, which Next sends along with every page, reads nothing of the request.
import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { PATH_HEADER } from '@/lib/net/front';
import { PREPAINT_SCRIPT } from '@/lib/reader/prepaint.cjs';
import ArticleNotFound from './_components/not-found/article-not-found';
import AssignmentNotFound from './_components/not-found/assignment-not-found';
import { SiteChrome } from './_components/site-chrome';
import './globals.css';

export const metadata: Metadata = { title: 'Not found · Nebeneinander' };

async function Message() {
  const path = (await headers()).get(PATH_HEADER) ?? '';
  if (path.startsWith('/a/')) return <ArticleNotFound path={path} />;
  if (path.startsWith('/s/')) return <AssignmentNotFound />;
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is nothing at this address. It may have been removed, or the link is mistyped. <Link href="/">Back to the library</Link>.
      </p>
    </>
  );
}

export default function GlobalNotFound() {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: PREPAINT_SCRIPT }} />
      </head>
      <body>
        <SiteChrome>
          <Message />
        </SiteChrome>
      </body>
    </html>
  );
}
