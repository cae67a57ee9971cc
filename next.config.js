// Next.js configuration. better-sqlite3 is a native module and pg loads optional modules at run time: keep them out of the server bundle.
const { PHASE_DEVELOPMENT_SERVER } = require('next/constants');

/**
 * Security headers on every response (pages, API, static files, and the pages proxy.ts replays
 * from memory: Next adds these to what the proxy answers too). Scripts are allowed inline rather
 * than by nonce: finished pages are served again from memory, so a nonce would be replayed and
 * known, and React renders all article and learner text as text. Everything else is this origin
 * only. `next dev` needs eval for Fast Refresh.
 */
function securityHeaders(dev) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return [
    { key: 'Content-Security-Policy', value: csp },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    // No address of this instance (passage, assignment code, search) leaves it in a Referer.
    { key: 'Referrer-Policy', value: 'same-origin' },
    { key: 'X-Frame-Options', value: 'DENY' },
    // Speech synthesis and the clipboard need no permission here; nothing else is used.
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=()' },
  ];
}

/** @type {(phase: string) => import('next').NextConfig} */
module.exports = (phase) => ({
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'pg', '@prisma/adapter-pg', 'deepl-node'],
  // Finished pages (ISR) are kept by the app's own handler, in memory and bounded, invalidated by tag
  // where the data changes (lib/cache/pages.ts); Next's own memory layer in front of it is off.
  cacheHandler: require.resolve('./lib/cache/page-cache-handler.cjs'),
  cacheMaxMemorySize: 0,
  poweredByHeader: false,
  // `npm test` checks the types itself (tsc --noEmit, tests included) before its global setup builds,
  // and says so with NB_TYPES_CHECKED=1; every other build (npm start) checks them as usual.
  typescript: { ignoreBuildErrors: process.env.NB_TYPES_CHECKED === '1' },
  experimental: {
    // Addresses that name nothing get app/global-not-found.tsx, rendered on its own with the request.
    globalNotFound: true,
    // Pasted articles and uploaded files go through a Server Action: 200,000 characters of German fit in 2 MB,
    // a saved web page (.html) may have up to 5 MB (MAX_PAGE_BYTES). The form sends an EPUB book (up to 20 MB)
    // to the HTTP API instead (app/import/book-upload.ts), for its upload's progress.
    serverActions: { bodySizeLimit: '6mb' },
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders(phase === PHASE_DEVELOPMENT_SERVER) }];
  },
});
