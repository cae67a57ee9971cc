// The site's header and main landmark, shared by the root layout and the 404 page for unmatched
// addresses (app/global-not-found.tsx), which Next renders without the layout.
import Link from 'next/link';

export function SiteChrome({ children }: { children: React.ReactNode }) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          Nebeneinander
        </Link>
        <nav aria-label="Main">
          <Link href="/">Library</Link>
          <Link href="/vocabulary">Vocabulary</Link>
          <Link href="/import">Import</Link>
          <Link href="/assignments">Assignments</Link>
        </nav>
      </header>
      <main id="main" className="site-main">
        {children}
      </main>
    </>
  );
}
