// `npm run bench`: what a class pays for, measured as ratios against their limits. A benchmark,
// not a test: it prints a table and writes tests/bench/results.json; it never fails on a slow machine.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pageWeight } from '../../scripts/page-weight.mjs';
import { startApp } from '../e2e/support/app-server';
import { migrate } from '../support/migrate';
import { addScaleNotes, buildScaleDatabase } from './scale-db';
import { buildMatcher, findMarks } from '@/lib/vocabulary/marks';
import { segmentArticle } from '@/lib/text/segment';
import { attackUntil, percentile, readerSamples, timed, worstRequests, type Timed } from './attack';
import { pageSpeed } from './page-speed';
import { scaleOut } from './scale-out';
import { DEMO_TEXT, blockChars, fmt, generatedArticle, importText, medianLatency, waitForEnglish } from './support';
import { vocabularyFiles } from './vocabulary-files';
import { germanWords } from './german';
import { wordsMainThread } from './words-browser';
import { epubBook } from './epub';

type Row = { area: string; measure: string; value: string; against: string; ratio: number | null; note?: string };
const rows: Row[] = [];
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
const ROUND_TRIP_MS = 300;
const log = (msg: string) => console.error(`bench: ${msg}`);

function add(row: Row) {
  rows.push(row);
  log(`${row.measure}: ${row.value} (${row.ratio === null ? '-' : row.ratio.toFixed(2)})`);
}

/** 1. DeepL cost: requests and billed characters, against the unique source characters. */
async function deeplCost() {
  const app = await startApp({ env: { SEED_DEMO: 'false' } });
  try {
    const fake = app.fake;
    const unique = new Map<string, number>();
    const views = { demo: 0 };
    let billed = 0;
    let naive = 0;
    const step = async (measure: string, work: () => Promise<void>, articleText: string, naiveEvents: number) => {
      fake.reset();
      await work();
      for (const [k, v] of blockChars(articleText)) unique.set(k, v);
      billed += fake.billedChars;
      const articleChars = [...blockChars(articleText).values()].reduce((a, b) => a + b, 0);
      naive += naiveEvents * articleChars;
      add({ area: 'DeepL cost', measure, value: `${fake.requestCount} requests, ${fmt(fake.billedChars)} chars`, against: 'naive: every view', ratio: null });
    };
    let demoSlug = '';
    await step('import the demo article', async () => {
      demoSlug = await importText(app, DEMO_TEXT, 'Demo');
      await waitForEnglish(app.baseUrl, demoSlug);
    }, DEMO_TEXT, 1);
    await step('100 views by 30 learners', async () => {
      const clients = Array.from({ length: 30 }, (_, i) => ({ cookie: `nb-mode=side; learner=${i}` }));
      await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const res = await fetch(`${app.baseUrl}/a/${demoSlug}`, { headers: clients[i % 30] });
          await res.arrayBuffer();
          views.demo++;
        }),
      );
    }, DEMO_TEXT, 100);
    await step('re-import the same text', async () => {
      await waitForEnglish(app.baseUrl, await importText(app, DEMO_TEXT, 'Demo again'));
    }, DEMO_TEXT, 1);
    const edited = DEMO_TEXT.replace('650 Kilometer', '600 Kilometer');
    await step('re-import with one paragraph edited', async () => {
      await waitForEnglish(app.baseUrl, await importText(app, edited, 'Demo edited'));
    }, edited, 1);
    const long = generatedArticle(300, 'Kosten');
    await step('a 300-block article', async () => {
      await waitForEnglish(app.baseUrl, await importText(app, long, 'Lang'));
    }, long, 1);
    const uniqueChars = [...unique.values()].reduce((a, b) => a + b, 0);
    add({ area: 'DeepL cost', measure: 'billed ÷ unique source characters', value: `${fmt(billed)} ÷ ${fmt(uniqueChars)}`, against: 'limit 1.00', ratio: billed / uniqueChars });
    add({ area: 'DeepL cost', measure: 'billed ÷ a naive reader’s bill', value: `${fmt(billed)} ÷ ${fmt(naive)}`, against: 'naive translates on every view', ratio: billed / naive });
  } finally {
    await app.stop();
  }
}

/** 2. Waiting for English: a 300-block article with 300 ms added to every DeepL request. */
async function waitingForEnglish() {
  const app = await startApp({ env: { SEED_DEMO: 'false' } });
  try {
    app.fake.setLatency(ROUND_TRIP_MS);
    const text = generatedArticle(300, `Warten ${Date.now()}`);
    const start = performance.now();
    const slug = await importText(app, text, 'Warten');
    const t = await waitForEnglish(app.baseUrl, slug, start);
    add({ area: 'Waiting for English', measure: '300 blocks: import to fully translated', value: `${fmt(t.allMs)} ms, ${app.fake.requestCount} requests`, against: `one round trip, ${ROUND_TRIP_MS} ms`, ratio: t.allMs / ROUND_TRIP_MS });
    add({ area: 'Waiting for English', measure: '300 blocks: import to first translated block', value: `${fmt(t.firstMs)} ms`, against: `one round trip, ${ROUND_TRIP_MS} ms`, ratio: t.firstMs / ROUND_TRIP_MS });
  } finally {
    await app.stop();
  }
}

/** A blank Next.js page built with the same config, for the page-weight baseline. */
async function blankPageWeight() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nb-blank-'));
  try {
    fs.mkdirSync(path.join(dir, 'app'));
    // The same config, with what it names (the page cache handler).
    fs.mkdirSync(path.join(dir, 'lib', 'cache'), { recursive: true });
    for (const f of ['next.config.js', 'tsconfig.json', 'lib/cache/page-cache-handler.cjs']) fs.copyFileSync(f, path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true, "name": "blank" }\n');
    fs.writeFileSync(path.join(dir, 'app', 'layout.tsx'), 'export default function Layout({ children }: { children: React.ReactNode }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n');
    fs.writeFileSync(path.join(dir, 'app', 'page.tsx'), 'export default function Page() {\n  return <h1>Blank</h1>;\n}\n');
    execFileSync('cp', ['-al', path.resolve('node_modules'), path.join(dir, 'node_modules')]);
    const next = path.join(dir, 'node_modules', 'next', 'dist', 'bin', 'next');
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
    execFileSync(process.execPath, [next, 'build'], { cwd: dir, env, stdio: 'pipe' });
    const port = 3990;
    const server = spawn(process.execPath, [next, 'start', '-p', String(port)], { cwd: dir, env, stdio: 'ignore', detached: true });
    try {
      for (let i = 0; i < 200; i++) {
        if (await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      return await pageWeight(`http://127.0.0.1:${port}/`);
    } finally {
      process.kill(-server.pid!, 'SIGTERM');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** 4. Page weight of the reader against a blank Next.js page. */
async function pageWeights() {
  const app = await startApp();
  let reader;
  try {
    reader = await pageWeight(`${app.baseUrl}/a/putin-und-kim-treffen-sich-am-weltraumbahnhof`);
  } finally {
    await app.stop();
  }
  const blank = await blankPageWeight();
  const kb = (n: number) => `${fmt(n / 1024, 1)} KB`;
  add({ area: 'Page weight', measure: 'reader: JavaScript (gzip)', value: `${kb(reader.jsBytes)} vs ${kb(blank.jsBytes)}`, against: 'blank Next.js page', ratio: reader.jsBytes / blank.jsBytes });
  add({ area: 'Page weight', measure: 'reader: all bytes (gzip)', value: `${kb(reader.totalBytes)} vs ${kb(blank.totalBytes)}`, against: 'blank Next.js page', ratio: reader.totalBytes / blank.totalBytes });
}

/** 5. Scale: reader and library with a large library, against an empty one. */
async function scale() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nb-bench-scale-'));
  const empty = path.join(dir, 'empty.db');
  const big = path.join(dir, 'big.db');
  migrate(empty);
  const t = performance.now();
  const built = buildScaleDatabase(big);
  const vocabulary = addScaleNotes(big);
  log(`scale database: ${fmt(built.blocks)} blocks, ${fmt(built.cacheRows)} cache rows, ${fmt(vocabulary.notes)} notes in ${fmt(performance.now() - t)} ms`);
  const measure = async (file: string) => {
    // Through npm start, which seeds the demo article into the prepared file (served as it is otherwise).
    const app = await startApp({ databaseFile: file, viaNpmStart: true });
    try {
      const reader = `${app.baseUrl}/a/putin-und-kim-treffen-sich-am-weltraumbahnhof`;
      // What the reader fetches to mark the learner's saved terms (in the empty database the
      // cookie names nobody: a learner with no notes).
      const marks = `${app.baseUrl}/api/vocabulary/marks?article=putin-und-kim-treffen-sich-am-weltraumbahnhof`;
      const asHeavyLearner = { cookie: vocabulary.heavyCookie };
      await medianLatency(reader, 5);
      await medianLatency(`${app.baseUrl}/`, 5);
      await medianLatency(marks, 5, asHeavyLearner);
      const latencies = {
        reader: await medianLatency(reader, 50),
        library: await medianLatency(`${app.baseUrl}/`, 50),
        marks: await medianLatency(marks, 50, asHeavyLearner),
      };
      if (file === big) {
        const words = await wordsMainThread(app.baseUrl, '/a/putin-und-kim-treffen-sich-am-weltraumbahnhof', vocabulary.heavyCookie);
        add({
          area: 'Vocabulary',
          measure: `Chromium: the task that puts the demo's marks and word statuses on the page (parse, render, style, layout), learner with 5,000 notes and 20,000 known words, "show new words" on (${words.marks} marks, ${words.newWords} new words underlined in the rows on screen), median of ${words.runs}`,
          value: `${fmt(words.commitMs, 1)} ms (all main-thread tasks of the page load: ${fmt(words.withMs, 1)} vs ${fmt(words.withoutMs, 1)} ms without the answer)`,
          against: 'one frame, 16 ms',
          ratio: words.commitMs / 16,
        });
        add({
          area: 'Vocabulary',
          measure: `Chromium: the main thread's CPU time in that task (from a trace; the elapsed time above also holds the moments the thread waits for a core while Chromium's other threads and the server run), median of ${words.runs}`,
          value: `${fmt(words.cpuMs, 1)} ms`,
          against: 'one frame, 16 ms',
          ratio: words.cpuMs / 16,
        });
      }
      return latencies;
    } finally {
      await app.stop();
    }
  };
  const small = await measure(empty);
  const large = await measure(big);
  add({ area: 'Scale', measure: 'reader p50, 1,000 articles + 100k cache rows', value: `${fmt(large.reader, 1)} vs ${fmt(small.reader, 1)} ms`, against: 'empty database', ratio: large.reader / small.reader });
  add({ area: 'Scale', measure: 'library p50, 1,000 articles + 100k cache rows', value: `${fmt(large.library, 1)} vs ${fmt(small.library, 1)} ms`, against: 'empty database', ratio: large.library / small.library });
  add({ area: 'Vocabulary', measure: 'marks for the demo, learner with 5,000 notes (50k notes in all), p50', value: `${fmt(large.marks, 1)} vs ${fmt(small.marks, 1)} ms`, against: 'a learner with no notes', ratio: large.marks / small.marks });
  markingInBrowserCode();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Marking in the reader itself: index 5,000 notes, find them in every German sentence of the demo. */
function markingInBrowserCode() {
  const notes = Array.from({ length: 5000 }, (_, i) => ({ id: String(i), term: i % 10 === 0 ? `kunst wort${i}` : `Kunstwort${i}`, baseForm: '' }));
  const words = [...new Set(DEMO_TEXT.match(/\p{Lu}\p{Ll}{5,}/gu) ?? [])].slice(0, 60);
  words.forEach((term, i) => (notes[i] = { id: `demo${i}`, term, baseForm: '' }));
  const sentences = segmentArticle(DEMO_TEXT).flatMap((b) => b.sentences);
  const times: number[] = [];
  let marks = 0;
  for (let run = 0; run < 60; run++) {
    const t = performance.now();
    const matcher = buildMatcher(notes);
    marks = sentences.reduce((n, s) => n + findMarks(s, matcher).length, 0);
    times.push(performance.now() - t);
  }
  const median = times.slice(10).sort((a, b) => a - b)[25];
  add({ area: 'Vocabulary', measure: `index 5,000 notes + mark the demo (${sentences.length} sentences, ${marks} marks), median`, value: `${fmt(median, 2)} ms`, against: 'one frame, 16 ms', ratio: median / 16 });
}

/** 6. Under attack: a learner's reader requests while one client sends the worst inputs we know of. */
async function underAttack() {
  const password = 'bench-editor-password';
  const app = await startApp({ env: { ADMIN_PASSWORD: password } });
  try {
    const demoSlug = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
    const reader = `${app.baseUrl}/a/${demoSlug}`;
    const saved = await fetch(`${app.baseUrl}/api/vocabulary`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ term: 'Weltraumbahnhof', translation: 'spaceport' }),
    });
    const learnerCookie = (saved.headers.get('set-cookie') ?? '').split(';')[0];
    const requests = worstRequests({
      editor: { authorization: `Bearer ${password}` },
      learnerCookie,
      demoSlug,
      demoSentence: 'Putin und Kim kamen im Weltraumbahnhof Wostotschny im Osten Russlands zu Gesprächen zusammen.',
    });
    await readerSamples(reader, 2); // warm up
    // Every route the attack uses has served once, as on a server that has been running: the first
    // request of a route loads its code (up to ~370 ms here), a one-time cost, not the attack's.
    for (const request of requests) await timed(app.baseUrl, request);
    const quiet = await readerSamples(reader, LOAD_SECONDS);
    let stop = false;
    const attacker = attackUntil(app.baseUrl, requests, () => stop);
    await new Promise((r) => setTimeout(r, 1000)); // the attack is under way
    const loaded = await readerSamples(reader, LOAD_SECONDS);
    stop = true;
    const attacks: Timed[] = await attacker;
    const worstAttack = attacks.reduce((a, b) => (b.ms > a.ms ? b : a));
    const q99 = percentile(quiet, 99);
    const l99 = percentile(loaded, 99);
    add({ area: 'Under attack', measure: `reader p99 while one client attacks (${fmt(attacks.length)} attack requests)`, value: `${fmt(l99, 1)} vs ${fmt(q99, 1)} ms`, against: 'the same reader unloaded; limit 3.00', ratio: l99 / q99 });
    add({ area: 'Under attack', measure: 'slowest reader request while attacked', value: `${fmt(Math.max(...loaded), 1)} ms`, against: 'unloaded p99', ratio: Math.max(...loaded) / q99 });
    add({ area: 'Under attack', measure: `slowest attack request: ${worstAttack.name} (${worstAttack.status})`, value: `${fmt(worstAttack.ms)} ms`, against: '', ratio: null });
  } finally {
    await app.stop();
  }
}

async function main() {
  const only = process.argv.slice(2);
  const scenarios = {
    cost: deeplCost,
    waiting: waitingForEnglish,
    speed: () => pageSpeed(add, LOAD_SECONDS),
    weight: pageWeights,
    scale,
    attack: underAttack,
    files: () => vocabularyFiles(add),
    german: () => germanWords(add),
    'scale-out': () => scaleOut(add, LOAD_SECONDS),
    epub: () => epubBook(add),
  };
  for (const [name, run] of Object.entries(scenarios)) {
    if (only.length && !only.includes(name)) continue;
    log(`${name} ...`);
    try {
      await run();
    } catch (error) {
      add({ area: name, measure: 'could not be measured', value: String(error).slice(0, 200), against: '', ratio: null });
    }
  }
  const machine = `${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const date = new Date().toISOString().slice(0, 10);
  const header = `| Area | Measure | Value | Against | Ratio |\n| --- | --- | --- | --- | ---: |`;
  const lines = rows.map((r) => `| ${r.area} | ${r.measure} | ${r.value}${r.note ? ` (${r.note})` : ''} | ${r.against} | ${r.ratio === null ? '' : r.ratio.toFixed(2)} |`);
  console.log(`Benchmark on ${machine}, ${date} (load: ${LOAD_SECONDS} s per run)\n\n${header}\n${lines.join('\n')}`);
  fs.writeFileSync(path.join('tests', 'bench', 'results.json'), JSON.stringify({ date, machine, loadSeconds: LOAD_SECONDS, rows }, null, 2));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
