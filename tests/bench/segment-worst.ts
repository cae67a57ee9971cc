// Time to segment the worst inputs known for lib/text (issue 11), at the largest size an import
// allows. A measurement, not a test: `npx tsx tests/bench/segment-worst.ts [chars] [case...]`.
import { segmentArticle } from '@/lib/text/segment';

const size = Number(process.argv[2] ?? 200_000);
const only = process.argv.slice(3);

/** `piece` repeated to exactly `n` characters (or `head` + filler + `tail`). */
const fill = (n: number, piece: string, head = '', tail = '') => head + piece.repeat(Math.ceil(n / piece.length)).slice(0, n - head.length - tail.length) + tail;

const CASES: Record<string, (n: number) => string> = {
  'caption credit: "Ein Bild:" + spaces + "x."': (n) => fill(n, ' ', 'Ein Bild:', 'x.'),
  'abbreviations: "B. " repeated': (n) => fill(n, 'B. '),
  'abbreviations: "z. B. " repeated': (n) => fill(n, 'z. B. '),
  'ordinals: "1. " repeated': (n) => fill(n, '1. '),
  'spaces on one line: "a" + spaces + "b."': (n) => fill(n, ' ', 'a', 'b.'),
  'heading: "# a" + spaces + "b"': (n) => fill(n, ' ', '# a', 'b'),
  'quote: "> a" + spaces + "b."': (n) => fill(n, ' ', '> a', 'b.'),
  'line breaks with spaces: " \\n" repeated': (n) => fill(n, ' \n', 'a', 'b.'),
  'dots without spaces: "a." repeated': (n) => fill(n, 'a.'),
  'one-word paragraphs: "Wort\\n\\n" repeated': (n) => fill(n, 'Wort\n\n'),
  'closing quotes: "a" + quotes + "x"': (n) => fill(n, '"', 'Ein Satz a', 'x'),
  'prose: the demo sentences, paragraphs of 400 characters': (n) =>
    fill(n, 'Das ist ein ganz normaler Satz mit z. B. einer Abkürzung am 1. September. '.repeat(5) + '\n\n'),
};

const fmt = (ms: number) => ms.toLocaleString('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

for (const [name, make] of Object.entries(CASES)) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  const text = make(size);
  const times: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const started = performance.now();
    const blocks = segmentArticle(text);
    times.push(performance.now() - started);
    if (rep === 0) console.log(`${name}: ${text.length.toLocaleString('en')} chars, ${blocks.length.toLocaleString('en')} blocks`);
    if (times[0] > 5_000) break; // the slow "before" cases: one run is enough
  }
  console.log(`  min ${fmt(Math.min(...times))} ms over ${times.length} run(s)`);
}
