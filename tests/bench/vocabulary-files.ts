// The benchmark's vocabulary files at the learner limit: a CSV import of 3,000 and of 20,000 rows and the
// CSV and Anki exports of 20,000 notes, each over HTTP, and how long another learner's request waits meanwhile.
import { startApp } from '../e2e/support/app-server';
import { notesToCsv } from '@/lib/vocabulary/csv';
import type { VocabularyNote } from '@/lib/vocabulary/types';
import { fmt } from './support';

export interface BenchRow {
  area: string;
  measure: string;
  value: string;
  against: string;
  ratio: number | null;
}

/** An import or export of 20,000 should take "a few seconds at most". */
const LIMIT_MS = 3_000;
/** How long the bystander's requests are timed on an idle server, for comparison. */
const IDLE_MS = 2_000;

/** `count` notes as a learner's export would have them: article, sentence with the term, a note now and then. */
export function benchNotes(count: number, seed: string): VocabularyNote[] {
  const created = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const term = i % 10 === 0 ? `zu Gesprächen ${seed}${i}` : `Wort${seed}${i}`;
    const at = new Date(created + i * 1000).toISOString();
    return {
      id: `bench-${seed}-${i}`,
      term,
      baseForm: i % 3 === 0 ? term : '',
      lemma: '',
      nounArticle: i % 4 === 0 ? 'das' : null,
      translation: `word ${i}, "quoted"`,
      note: i % 5 === 0 ? `Zeile eins\nZeile zwei für ${term}` : '',
      context: `Im Satz steht ${term}, am Ende noch einmal ${term.toLowerCase()}.`,
      articleSlug: 'putin-und-kim-treffen-sich-am-weltraumbahnhof',
      articleTitle: 'Putin und Kim am Weltraumbahnhof',
      paragraph: 1 + (i % 30),
      createdAt: at,
      updatedAt: at,
    };
  });
}

/**
 * Runs `work` while another learner sends requests one after another; answers the work's time, and the
 * longest and the median time one of those requests took (the event loop busy, or the database held).
 */
async function withBystander<T>(
  probeUrl: string,
  cookie: string,
  work: () => Promise<T>,
): Promise<{ result: T; ms: number; longestWaitMs: number; medianWaitMs: number; failed: number }> {
  let done = false;
  const waits: number[] = [];
  let failed = 0;
  const probe = (async () => {
    while (!done) {
      const t = performance.now();
      // A request the server drops (it gave up waiting for its own event loop) counts with its time.
      await fetch(probeUrl, { headers: { cookie } }).then((res) => res.arrayBuffer(), () => failed++);
      waits.push(performance.now() - t);
    }
  })();
  const start = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - start;
    done = true;
    await probe;
    waits.sort((a, b) => a - b);
    return { result, ms, longestWaitMs: waits[waits.length - 1] ?? 0, medianWaitMs: waits[waits.length >> 1] ?? 0, failed };
  } finally {
    done = true;
    await probe;
  }
}

async function learnerCookie(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/vocabulary`);
  await res.arrayBuffer();
  const line = res.headers.getSetCookie().find((l) => l.startsWith('nb-learner='));
  if (!line) throw new Error('no learner cookie');
  return line.split(';')[0];
}

export async function vocabularyFiles(add: (row: BenchRow) => void): Promise<void> {
  const app = await startApp();
  try {
    const bystander = await learnerCookie(app.baseUrl);
    const probeUrl = `${app.baseUrl}/api/vocabulary`;
    const idle = await withBystander(probeUrl, bystander, () => new Promise((resolve) => setTimeout(resolve, IDLE_MS)));
    const row = (measure: string, run: { ms: number; longestWaitMs: number; medianWaitMs: number; failed: number }) => {
      add({ area: 'Vocabulary files', measure, value: `${fmt(run.ms)} ms`, against: `limit ${fmt(LIMIT_MS)} ms`, ratio: run.ms / LIMIT_MS });
      add({
        area: 'Vocabulary files',
        measure: `${measure}: another learner’s requests meanwhile, longest (median)`,
        value: `${fmt(run.longestWaitMs)} (${fmt(run.medianWaitMs)}) ms${run.failed ? `, ${run.failed} dropped` : ''}`,
        against: `idle server: ${fmt(idle.longestWaitMs)} (${fmt(idle.medianWaitMs)}) ms`,
        ratio: run.longestWaitMs / idle.longestWaitMs,
      });
    };
    // The first request to a route loads its code: warm every route up with a small file first.
    const warm = await learnerCookie(app.baseUrl);
    await fetch(`${app.baseUrl}/api/vocabulary/import`, { method: 'POST', headers: { cookie: warm, 'content-type': 'text/csv' }, body: notesToCsv(benchNotes(50, 'warm')) });
    for (const format of ['csv', 'anki']) await (await fetch(`${app.baseUrl}/api/vocabulary/export?format=${format}`, { headers: { cookie: warm } })).arrayBuffer();
    let heavy = '';
    for (const count of [3_000, 20_000]) {
      const cookie = await learnerCookie(app.baseUrl);
      const body = notesToCsv(benchNotes(count, `b${count}x`));
      const run = await withBystander(probeUrl, bystander, async () => {
        const res = await fetch(`${app.baseUrl}/api/vocabulary/import`, { method: 'POST', headers: { cookie, 'content-type': 'text/csv' }, body });
        const answer = (await res.json()) as { added?: number; errors?: unknown[]; error?: string };
        if (res.status !== 200 || answer.added !== count) throw new Error(`import of ${count} rows: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
      });
      row(`CSV import of ${fmt(count)} rows (a new learner)`, run);
      heavy = cookie;
    }
    for (const format of ['csv', 'anki'] as const) {
      const run = await withBystander(probeUrl, bystander, async () => {
        const res = await fetch(`${app.baseUrl}/api/vocabulary/export?format=${format}`, { headers: { cookie: heavy } });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`${format} export: ${res.status} ${text.slice(0, 300)}`);
        return text.length;
      });
      row(`${format === 'csv' ? 'CSV' : 'Anki'} export of 20,000 notes (${fmt(run.result / 1e6, 1)} MB)`, run);
    }
  } finally {
    await app.stop();
  }
}
