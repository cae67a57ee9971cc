// The German word data (lib/german): what its first look-up costs a server process, and how fast
// look-ups are after it, measured in a fresh process (tests/bench/german-measure.ts).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fmt } from './support';
import type { BenchRow } from './vocabulary-files';

export function germanWords(add: (row: BenchRow) => void) {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join('tests', 'bench', 'german-measure.ts')], { encoding: 'utf8' });
  const m = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { loadMs: number; heapMb: number; rssMb: number; words: number; known: number; perSecond: number; p99Ms: number; slowestMs: number };
  add({ area: 'German words', measure: 'read the data (first look-up in a process)', value: `${fmt(m.loadMs)} ms`, against: '', ratio: null });
  add({ area: 'German words', measure: 'memory kept after reading it', value: `heap ${fmt(m.heapMb)} MiB, RSS ${fmt(m.rssMb)} MiB`, against: '', ratio: null });
  add({ area: 'German words', measure: `look-ups of the demo article's ${fmt(m.words)} words with their sentences`, value: `${fmt(m.perSecond)} per second`, against: '', ratio: null });
  add({ area: 'German words', measure: 'one look-up after reading, p99', value: `${fmt(m.p99Ms * 1000, 1)} µs`, against: '1 ms', ratio: m.p99Ms });
  // The slowest are the collector's pauses, which now also mark the data's objects.
  add({ area: 'German words', measure: 'slowest look-up (a garbage collection)', value: `${fmt(m.slowestMs, 1)} ms`, against: '1 ms', ratio: m.slowestMs });
  add({ area: 'German words', measure: "demo article's running words the dictionary answers", value: `${fmt(m.known)} of ${fmt(m.words)}`, against: 'all', ratio: m.known / m.words });
}
