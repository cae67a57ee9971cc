// Every 404 for an address that names nothing, rendered in full on the server with its status. proxy.ts
// rewrites a reader, passage or assignment address that names nothing (and any unknown path ends here
// too) to an unmatched path, with the requested path in the `x-nb-path` header; Next renders this page
// on its own, without the root layout, so it brings the site's chrome, styles and pre-paint script itself. The root
// app/not-found.tsx, which Next sends along with every page, reads nothing of the request.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { PATH_HEADER } from '@/lib/net/front';
import ArticleNotFound from './_components/not-found/article-not-found';
import AssignmentNotFound from './_components/not-found/assignment-not-found';
import { NothingHere, SiteDocument } from './_components/site-chrome';
import './globals.css';

export const metadata: Metadata = { title: 'Not found · Nebeneinander' };

async function Message() {
  const path = (await headers()).get(PATH_HEADER) ?? '';
  if (path.startsWith('/a/')) return <ArticleNotFound path={path} />;
  if (path.startsWith('/s/')) return <AssignmentNotFound />;
  return <NothingHere />;
}

export default function GlobalNotFound() {
  return (
    <SiteDocument>
      <Message />
    </SiteDocument>
  );
}
