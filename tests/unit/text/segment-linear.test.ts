// Segmentation runs in time linear in its input (issue 11): random text from the pieces that made it
// quadratic or cubic, up to the 200,000 characters an import allows, timed as a ratio (4× the text
// may take at most 10× the time; the old code took 16–64×), plus what must hold for any text.
// (A wall-clock bound would fail on a slow machine; a ratio only fails when the growth is wrong.
// The time is this process's CPU time, so other work on the machine does not count.)
// The generators are seeded: a failure names its generator and seed, and reproduces.
import { describe, expect, it } from 'vitest';
import { MAX_BLOCK_CHARS, segmentArticle } from '@/lib/text/segment';

/** mulberry32: a small seeded PRNG, so every run builds the same text. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
/** A piece of text: fixed, or drawn (its length may grow with the size of the whole text). */
type Piece = string | ((random: Random, size: number) => string);
/** `unit` repeated to between 1/16 and 1/8 of the whole text: what is quadratic in the length of a
 *  run then shows in the time ratio, since the runs of 4× the text are 4× as long. */
const run = (unit: string) => (random: Random, size: number) => unit.repeat(Math.ceil(((0.5 + random() / 2) * size) / 8 / unit.length));
const spaces = (max: number) => (random: Random) => ' '.repeat(1 + Math.floor(random() * max));

/** Each generator draws pieces of one kind of trouble; `mixed` draws from all of them. */
const GENERATORS: Record<string, Piece[]> = {
  'runs of spaces and credit labels': [run(' '), spaces(20), ' ', 'Ein Bild:', ' Bild: ', 'Foto:', ' Foto: Name/Agentur', 'x.', 'Wort '],
  'abbreviations that keep a sentence going': ['B. ', 'z. B. ', 'Nr. ', 'Dr. ', 'ca. ', 'J. ', 'Hauptstr. 5 ', '12. Mal ', 'am 1. September ', 'der ', 'usw. und '],
  'sentence ends and abbreviations': ['B. ', 'z. B. ', 'Nr. ', 'usw. ', 'Dr. ', '2023. ', 'Ende. ', 'Die ', 'der ', '„Zitat.“ ', '! ', '? '],
  'dots without spaces': ['.', 'a.', 'B.', '1.', '…', '...', 'z.B.', 'x', run('a.')],
  'line breaks and blank lines': ['\n', '\n\n', '\n   \n', '\r\n', '\r\n\r\n', '# ', '## Titel ##', '> ', 'Bild: x', 'Wort', ' ', spaces(500), run(' '), run('#'), '>', run(' \n')],
  'emoji and long words': ['😀', '👩‍👩‍👧', '🦊 ', run('Donaudampfschifffahrt'), run('😀'), ' ', 'Ä', '.', '\u00a0', '\t'],
  'short captions': ['Ein kurzer Text Bild: Name/Agentur\n\n', 'Kim in Pjöngjang Foto:', spaces(300), ' Fotos: AP/picture alliance\n\n', 'x\n\n', run(' ')],
  'one-word paragraphs': ['Wort\n\n', 'B.\n\n', '1.\n\n', '\n\n'],
  'closing quotes and brackets': ['"', '“', '»', ')', ']', '„', 'Ein Satz', '.', ' ', '?', run('"'), run('“)')],
};
GENERATORS.mixed = Object.values(GENERATORS).flat();

/** The pieces of `size` characters of random text from `pieces`. */
function drawPieces(pieces: Piece[], seed: number, size: number): string[] {
  const random = prng(seed);
  const out: string[] = [];
  for (let length = 0; length < size; ) {
    const piece = pieces[Math.floor(random() * pieces.length)];
    const text = typeof piece === 'string' ? piece : piece(random, size);
    out.push(text);
    length += text.length;
  }
  return out;
}

/** Exactly `size` characters (one fewer rather than half an emoji). */
function cut(text: string, size: number): string {
  const cutText = text.slice(0, size);
  return /[\ud800-\udbff]$/.test(cutText) ? cutText.slice(0, -1) : cutText;
}

function generate(pieces: Piece[], seed: number, size: number): string {
  return cut(drawPieces(pieces, seed, size).join(''), size);
}

/** A text of `size` characters and one of 4× as much made alike: each piece four times in a row,
 *  so runs are 4× as long and every kind of piece takes the same share of both. */
function generatePair(pieces: Piece[], seed: number, size: number): [string, string] {
  const drawn = drawPieces(pieces, seed, size);
  return [cut(drawn.join(''), size), cut(drawn.map((p) => p.repeat(4)).join(''), 4 * size)];
}

/** Milliseconds of CPU this process spent segmenting `text` `calls` times: other processes on a
 *  busy machine take the CPU away, but do not add to this the way they add to elapsed time. */
function cpuMsOf(text: string, calls: number): number {
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) segmentArticle(text);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * How much longer `large` takes than `small`: the minimum of several alternating runs of each (GC
 * and the like only ever add time). Each run lasts about 5 ms: the small text is segmented as often
 * as that takes, the large one (4× the text) a quarter as often, so both meet the same interruptions.
 */
function timeRatio(small: string, large: string): { ratio: number; smallMs: number; largeMs: number } {
  segmentArticle(small);
  segmentArticle(large);
  let calls = 1;
  while (cpuMsOf(small, calls) < 5) calls *= 2;
  const largeCalls = Math.max(1, calls / 4);
  const smallTimes: number[] = [];
  const largeTimes: number[] = [];
  for (let run = 0; run < 5; run++) {
    smallTimes.push(cpuMsOf(small, calls));
    largeTimes.push(cpuMsOf(large, largeCalls));
  }
  const smallMs = Math.min(...smallTimes) / calls;
  const largeMs = Math.min(...largeTimes) / largeCalls;
  return { ratio: largeMs / smallMs, smallMs, largeMs };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What must hold for any input: numbered blocks, each within the limit, and no character lost or
 *  added but white space and Markdown's "#" and ">" marks. */
function expectSoundSegmentation(text: string, label: string): void {
  const blocks = segmentArticle(text);
  // Problems are gathered and asserted once: an expect per block is slow for 30,000 blocks.
  const problems: string[] = [];
  blocks.forEach((block, i) => {
    if (block.n !== i + 1) problems.push(`block ${i + 1} is numbered ${block.n}`);
    if (block.text.length > MAX_BLOCK_CHARS) problems.push(`block ${block.n} has ${block.text.length} characters`);
    if (block.sentences.join(' ') !== block.text) problems.push(`block ${block.n}'s sentences are not its text`);
    if (!block.sentences.every((s) => s.length > 0 && s === s.trim())) problems.push(`block ${block.n} has empty or untrimmed sentences`);
    if (LONE_SURROGATE.test(block.text)) problems.push(`block ${block.n} cuts a character in half`);
  });
  const kept = blocks.map((b) => b.sentences.join('') + (b.credit ?? '')).join('');
  const visible = (s: string) => s.replace(/[\s#>]/g, '');
  // Where the texts part, rather than two strings of 200,000 characters in the message.
  const [want, got] = [visible(text), visible(kept)];
  let at = 0;
  while (at < want.length && want[at] === got[at]) at++;
  if (at < want.length || got.length > want.length) problems.push(`the text differs at ${at}: ${JSON.stringify(want.slice(at, at + 40))} became ${JSON.stringify(got.slice(at, at + 40))}`);
  expect(problems.slice(0, 5), label).toEqual([]);
}

describe('segmentation time grows linearly with the text', () => {
  it.each(Object.keys(GENERATORS))('%s: 200,000 characters take at most 10× as long as 50,000', { timeout: 60_000 }, (name) => {
    const seed = 1_000 + Object.keys(GENERATORS).indexOf(name);
    const { ratio, smallMs, largeMs } = timeRatio(...generatePair(GENERATORS[name], seed, 50_000));
    expect(ratio, `${name} (seed ${seed}): ${smallMs.toFixed(2)} ms → ${largeMs.toFixed(2)} ms`).toBeLessThanOrEqual(10);
  });

  // The attacks of issue 11, each against four times its own size.
  it.each([
    ['"Ein Bild:" + 2,500 spaces + "x." (took 13 s: the credit pattern ran before the length check)', (k: number) => `Ein Bild:${' '.repeat(2_500 * k)}x.`],
    ['"B. " × 12,000 (took 10.7 s: each abbreviation re-split the growing sentence)', (k: number) => 'B. '.repeat(12_000 * k)],
    ['40,000 spaces on one line (took 5 s)', (k: number) => `Ein${' '.repeat(40_000 * k)}Satz.`],
    ['"a." × 25,000 with no space (ICU reads it as one sentence)', (k: number) => 'a.'.repeat(25_000 * k)],
  ])('%s', { timeout: 60_000 }, (_, attack) => {
    const { ratio, smallMs, largeMs } = timeRatio(attack(1), attack(4));
    expect(ratio, `${smallMs.toFixed(2)} ms → ${largeMs.toFixed(2)} ms`).toBeLessThanOrEqual(10);
    expectSoundSegmentation(attack(4), 'attack × 4');
  });
});

describe('segmentation keeps every character of random text', () => {
  it.each(Object.keys(GENERATORS))('%s: numbered blocks within the limit, nothing lost (20 seeds × 20,000 characters, and 200,000)', { timeout: 60_000 }, (name) => {
    for (let seed = 1; seed <= 20; seed++) expectSoundSegmentation(generate(GENERATORS[name], seed, 20_000), `${name} seed ${seed}`);
    expectSoundSegmentation(generate(GENERATORS[name], 1_000, 200_000), `${name} seed 1000, 200,000 characters`);
  });
});
