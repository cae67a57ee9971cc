// Time to read the worst web pages known for lib/import/web-page.ts (issue 18), and how long the server's
// event loop was held meanwhile (Readability runs on a worker). A measurement, not a test:
// `npx tsx tests/bench/web-page-worst.mts`.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { extractArticleOrThrow } from '@/lib/import/web-page';
import { ARTICLE_PAGE } from '@/tests/support/german-pages';

const LONG = 'Dieser Absatz ist lang genug, damit die Seite als Artikel gilt. ';
const CASES: Record<string, string> = {
  'the test article page': ARTICLE_PAGE,
  '30,000 elements of links, no article': `<html><body>${'<div><a href="/x">Link</a></div>'.repeat(14_900)}</body></html>`,
  '30,000 short paragraphs': `<html><body>${'<p>kurz</p>'.repeat(29_900)}</body></html>`,
  '140 levels deep, 190 times': `<html><body>${('<div>'.repeat(140) + `<p>${LONG}</p>` + '</div>'.repeat(140)).repeat(190)}</body></html>`,
  '5 MB in one text node': `<html><body><p>${'Wort '.repeat(999_000)}</p></body></html>`,
  '900 long paragraphs': `<html><body><article>${`<p>${LONG.repeat(3)}</p>`.repeat(900)}</article></body></html>`,
};

for (const [name, html] of Object.entries(CASES)) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const start = performance.now();
  let outcome: string;
  try {
    outcome = `${(await extractArticleOrThrow(html, null)).blocks.length} blocks`;
  } catch (error) {
    outcome = (error as Error).message.slice(0, 60);
  }
  delay.disable();
  const ms = (performance.now() - start).toFixed(0);
  console.log(`${name.padEnd(38)} ${(html.length / 1e6).toFixed(1)} MB  ${ms.padStart(5)} ms  event loop held at most ${(delay.max / 1e6).toFixed(0)} ms  ${outcome}`);
}
