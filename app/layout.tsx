import type { Metadata, Viewport } from 'next';
import { SiteDocument } from './_components/site-chrome';
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
  return <SiteDocument>{children}</SiteDocument>;
}
