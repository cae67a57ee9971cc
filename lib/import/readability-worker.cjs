// Reader mode on a worker thread (lib/import/web-page.ts starts it): linkedom parses the page and Mozilla's
// Readability finds its article. Readability takes ~0.5 s on a big page and more on a hostile one; here
// that time is the worker's, the server's event loop goes on serving, and a worker past its time limit
// is terminated. Plain CommonJS: Node loads it as it is, unbundled.
'use strict';

const { parentPort, workerData } = require('node:worker_threads');
const { parseHTML } = require('linkedom');
const { Readability } = require('@mozilla/readability');

/** The deepest nesting of elements under `root`, stopping once it passes `limit` (an explicit stack: no recursion). */
function depthPasses(root, limit) {
  const stack = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop();
    if (depth > limit) return true;
    for (const child of node.children) stack.push([child, depth + 1]);
  }
  return false;
}

function read({ html, maxElements, maxDepth }) {
  const { document } = parseHTML(html);
  // Readability's own maxElemsToParse counts with getElementsByTagName('*'), which linkedom answers with none.
  const elements = document.querySelectorAll('*').length;
  if (elements > maxElements) return { refused: 'elements', count: elements };
  // Readability walks each element's ancestors: quadratic in nesting (30,000 nested divs took 25 s).
  if (depthPasses(document.documentElement, maxDepth)) return { refused: 'depth' };
  // Read before Readability, which rewrites the document (its h1s become h2s).
  const h1 = document.querySelector('article h1, main h1') || document.querySelector('h1');
  const site = document.querySelector('meta[property="og:site_name"], meta[name="og:site_name"]');
  const article = new Readability(document, { keepClasses: true }).parse();
  return {
    h1Html: h1 ? h1.outerHTML : null,
    siteName: (site && site.getAttribute('content')) || (article && article.siteName) || null,
    title: (article && article.title) || null,
    byline: (article && article.byline) || null,
    contentHtml: (article && article.content) || null,
  };
}

try {
  parentPort.postMessage({ ok: read(workerData) });
} catch (error) {
  parentPort.postMessage({ error: String((error && error.message) || error).slice(0, 300) });
}
