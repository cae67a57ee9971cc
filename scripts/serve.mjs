// Serves the app as `next start` (or `next dev` with --dev) would, through Next's custom-server API, so
// that every request passes lib/net/front.ts first: it refuses state-changing requests from other
// sites, drops forwarding headers unless the peer is in TRUSTED_PROXIES, and hands the app the TCP peer.
// Started by scripts/start.mjs after migrations, seed and build; SIGINT/SIGTERM stop it gracefully.
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
// tsx's require hook, not its ESM loader: an ESM loader would run every later import() of the process on
// a loader thread, and Next imports its cache handler on every request.
import { require as tsxRequire } from 'tsx/cjs/api';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dev = process.argv.includes('--dev');
// As `next start` / `next dev` set it: React and Next pick their production or development build by it.
process.env.NODE_ENV = dev ? 'development' : 'production';

const { getEnvOrThrow } = tsxRequire('../lib/env.ts', import.meta.url);
const { INTERNAL_RESPONSE_HEADERS, admitRequest, brokenEscapeAnswer, sharedCacheControl, startFront } = tsxRequire('../lib/net/front.ts', import.meta.url);
const { sendKeptPage } = tsxRequire('../lib/cache/kept-pages.ts', import.meta.url);

let env;
try {
  env = getEnvOrThrow();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const port = env.PORT;
// `next start` sets this too: Server Actions that redirect fetch the next page from it, over plain HTTP.
process.env.__NEXT_PRIVATE_ORIGIN = `http://localhost:${port}`;
startFront();

// The security headers of next.config.js, which Next adds to everything it answers, on the 403s too.
const require = createRequire(import.meta.url);
const { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } = require('next/constants');
const config = require(path.join(root, 'next.config.js'))(dev ? PHASE_DEVELOPMENT_SERVER : PHASE_PRODUCTION_SERVER);
const securityHeaders = (await config.headers()).find((rule) => rule.source === '/:path*').headers;

/** An answer the front server gives itself, with the headers every answer has. */
function answer(res, status, contentType, body) {
  for (const { key, value } of securityHeaders) res.setHeader(key, value);
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const broken = brokenEscapeAnswer(req.url);
  if (broken) return answer(res, broken.status, broken.contentType, broken.body);
  const refusal = admitRequest(req.method, req.headers, req.socket.remoteAddress, env);
  if (refusal) return answer(res, 403, 'application/json; charset=utf-8', JSON.stringify({ error: refusal }));
  // A page Next keeps fresh is sent from its cache entry here, without Next's pipeline (lib/cache/kept-pages.ts).
  if (!dev && sendKeptPage(req, res, securityHeaders)) return;
  const { setHeader, writeHead } = res;
  res.setHeader = function (name, value) {
    return setHeader.call(this, name, typeof value === 'string' && name.toLowerCase() === 'cache-control' ? sharedCacheControl(value) : value);
  };
  res.writeHead = function (...args) {
    for (const name of INTERNAL_RESPONSE_HEADERS) this.removeHeader(name);
    return writeHead.apply(this, args);
  };
  handle(req, res).catch((error) => {
    console.error(`Failed to handle ${req.method} ${req.url}:`, error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Internal Server Error');
  });
});

const { default: next } = await import('next');
const app = next({ dev, dir: root, hostname: 'localhost', port, httpServer: server });
const handle = app.getRequestHandler();
await app.prepare();
server.listen(port, async () => {
  // A route handler's code (the database client, the import's segmenter and translation) loads on its
  // first request: asked for here, so a teacher's first import does not wait ~20-40 ms for it. The import
  // route answers a GET with 405 and changes nothing; its module is loaded all the same.
  if (!dev) {
    for (const warm of ['/api/health', '/api/articles']) {
      await fetch(`http://127.0.0.1:${port}${warm}`).then((res) => res.arrayBuffer(), () => undefined);
    }
  }
  console.log(`> ready on http://localhost:${port}${dev ? ' (development)' : ''}, process ${process.pid}`);
});

let stopping = false;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // As `next start` does: finish the requests under way (and their after() work), then exit.
    server.close(() => app.close().catch(console.error).finally(() => process.exit(code)));
    if (dev) server.closeAllConnections();
  });
}
