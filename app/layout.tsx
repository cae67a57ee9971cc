import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Nebeneinander', template: '%s · Nebeneinander' },
  description: 'Read German beside English, paragraph by paragraph and sentence by sentence.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            Nebeneinander
          </Link>
          <nav aria-label="Main">
            <Link href="/">Library</Link>
            <Link href="/import">Import</Link>
          </nav>
        </header>
        <main className="site-main">{children}</main>
      </body>
    </html>
  );
}
