// The JavaScript and total bytes (gzip) a page loads, as served. Used by `npm run bench`, and by hand:
//   node scripts/page-weight.mjs http://localhost:3000/a/<slug>
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

/** Fetches the page and every script and stylesheet it references; sizes are gzip bytes. */
export async function pageWeight(url) {
  const html = await (await fetch(url)).text();
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((m) => m[1]))];
  const styles = [...new Set([...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]))];
  const gz = async (src) => gzipSync(Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer())).length;
  const js = (await Promise.all(scripts.map(gz))).reduce((a, b) => a + b, 0);
  const css = (await Promise.all(styles.map(gz))).reduce((a, b) => a + b, 0);
  const htmlBytes = gzipSync(Buffer.from(html)).length;
  return { url, scripts: scripts.length, jsBytes: js, cssBytes: css, htmlBytes, totalBytes: js + css + htmlBytes };
}

async function cli(url) {
  if (!url) {
    console.error('Usage: node scripts/page-weight.mjs <page URL>');
    process.exit(2);
  }
  const w = await pageWeight(url);
  const kb = (n) => +(n / 1024).toFixed(1);
  console.log(JSON.stringify({ url, scripts: w.scripts, jsGzipKB: kb(w.jsBytes), cssGzipKB: kb(w.cssBytes), htmlGzipKB: kb(w.htmlBytes), totalGzipKB: kb(w.totalBytes) }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void cli(process.argv[2]);
