import type { Metadata } from 'next';
import { NothingHere } from './_components/site-chrome';

export const metadata: Metadata = { title: 'Not found' };

/**
 * A notFound() thrown by a page. Next sends this with every page it keeps in its cache, so it reads
 * nothing of the request; addresses that name nothing get app/global-not-found.tsx, which says why.
 */
export default function NotFound() {
  return <NothingHere />;
}
