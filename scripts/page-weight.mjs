// Prints the JavaScript and total bytes (gzip) a page loads, from the built app served at BASE_URL.
// Usage: node scripts/page-weight.mjs http://localhost:3000/a/<slug>
import { gzipSync } from 'node:zlib';

const url = process.argv[2];
if (!url) {
  console.error('Usage: node scripts/page-weight.mjs <page URL>');
  process.exit(2);
}
const html = await (await fetch(url)).text();
const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((m) => m[1]))];
const styles = [...new Set([...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]))];
const gz = (buf) => gzipSync(buf).length;
let js = 0;
for (const src of scripts) js += gz(Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer()));
let css = 0;
for (const href of styles) css += gz(Buffer.from(await (await fetch(new URL(href, url))).arrayBuffer()));
const htmlGz = gz(Buffer.from(html));
const kb = (n) => (n / 1024).toFixed(1);
console.log(JSON.stringify({ url, scripts: scripts.length, jsGzipKB: +kb(js), cssGzipKB: +kb(css), htmlGzipKB: +kb(htmlGz), totalGzipKB: +kb(js + css + htmlGz) }));
