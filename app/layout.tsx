import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { PREFERENCE_COOKIES, resolveTextSize, resolveTheme } from '@/lib/reader/preferences';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Nebeneinander', template: '%s · Nebeneinander' },
  description: 'Read German beside English, paragraph by paragraph and sentence by sentence.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fbfaf7' },
    { media: '(prefers-color-scheme: dark)', color: '#17181a' },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const jar = await cookies();
  // Set from the first byte, so a chosen theme or size never flashes the default first.
  const theme = resolveTheme(jar.get(PREFERENCE_COOKIES.theme)?.value);
  const size = resolveTextSize(jar.get(PREFERENCE_COOKIES.size)?.value);
  return (
    <html lang="en" data-theme={theme} data-size={size}>
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
            <Link href="/import">Import</Link>
            <Link href="/assignments">Assignments</Link>
          </nav>
        </header>
        <main id="main" className="site-main">
          {children}
        </main>
      </body>
    </html>
  );
}
