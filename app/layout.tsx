import type { Metadata, Viewport } from 'next';
import { PREPAINT_SCRIPT } from '@/lib/reader/prepaint.cjs';
import { SiteChrome } from './_components/site-chrome';
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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  // The same HTML for every visitor: the script sets the learner's theme, text size and reading mode on
  // <html> before anything is painted (suppressHydrationWarning: React keeps the attributes it set).
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: PREPAINT_SCRIPT }} />
      </head>
      <body>
        <SiteChrome>{children}</SiteChrome>
      </body>
    </html>
  );
}
