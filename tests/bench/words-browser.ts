// The main-thread work the reader's marks and word statuses add when a learner opens an article, measured in
// Chromium: the one task that applies the answer of GET /api/vocabulary/marks (the reader's "nb-words" measure:
// JSON, statuses, React's render and commit, the new-word highlight, style and layout), and, for context, the
// renderer's task time for the whole load (CDP Performance.getMetrics, TaskDuration) with that answer and with
// an empty one (no notes, no words); that difference also holds the load's own variation (±30 ms here).
// The answer reaches the page once it has loaded and gone idle (as it does on a quick device: the page
// paints before the answer comes), so that the measure holds the marks' work alone.
import { chromium, type BrowserContext } from 'playwright-core';
import { findChromium, LAUNCH_ARGS } from '../e2e/support/browser';

const RUNS = 12;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
}

/** The main thread's CPU time in the task that holds the "nb-words" measure (a trace's thread duration). */
function taskCpuMs(trace: Buffer): number {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const begin = events.find((e) => e.name === 'nb-words' && e.ph === 'b');
  const end = events.find((e) => e.name === 'nb-words' && e.ph === 'e');
  if (!begin || !end) return NaN;
  const task = events.find((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === begin.pid && e.ts <= begin.ts && e.ts + (e.dur ?? 0) >= end.ts);
  return (task?.tdur ?? NaN) / 1000;
}

async function taskSeconds(context: BrowserContext, url: string, empty: boolean, traced = false): Promise<{ ms: number; commitMs: number; cpuMs: number; marks: number; newWords: number }> {
  const page = await context.newPage();
  const browser = context.browser()!;
  try {
    // The answer is held until the page has loaded, painted and gone idle, so that the measured task
    // is the marks' own work: during the load, Chromium's software raster and the server share the
    // machine's two cores with the main thread, and stretch whatever task runs then.
    await page.route('**/api/vocabulary/marks?**', async (route) => {
      const response = empty ? null : await route.fetch();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(() => r(null))))));
      if (response) await route.fulfill({ response });
      else await route.fulfill({ status: 200, contentType: 'application/json', body: '{"notes":[]}' });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const read = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    const before = await read();
    const answered = page.waitForResponse((r) => r.url().includes('/api/vocabulary/marks?'));
    if (traced) await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'blink.user_timing'] });
    await page.goto(url);
    await answered;
    if (!empty) await page.locator('[data-coverage-article]').waitFor();
    // Settled: two frames and an idle period after the marks were painted.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(() => r(null))))));
    const ms = (await read()) - before;
    const cpuMs = traced ? taskCpuMs(await browser.stopTracing()) : NaN;
    const found = await page.evaluate(() => ({
      commitMs: performance.getEntriesByName('nb-words', 'measure')[0]?.duration ?? 0,
      marks: document.querySelectorAll('.cell.de mark.vocab').length,
      newWords: (CSS.highlights.get('nb-new') as Highlight | undefined)?.size ?? 0,
    }));
    return { ms, cpuMs, ...found };
  } finally {
    await page.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function wordsMainThread(baseUrl: string, path: string, cookie: string, showNew = true) {
  const browser = await chromium.launch({ executablePath: findChromium(), args: LAUNCH_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: baseUrl }, { name: 'nb-new-words', value: showNew ? 'on' : 'off', url: baseUrl }]);
    const url = baseUrl + path;
    await taskSeconds(context, url, false); // warm: the server's first answer, the browser's caches
    await taskSeconds(context, url, true);
    const withWords: number[] = [];
    const without: number[] = [];
    const commits: number[] = [];
    const cpu: number[] = [];
    let last = { marks: 0, newWords: 0 };
    for (let i = 0; i < RUNS; i++) {
      const w = await taskSeconds(context, url, false);
      withWords.push(w.ms);
      commits.push(w.commitMs);
      last = w;
      without.push((await taskSeconds(context, url, true)).ms);
    }
    // Apart: tracing costs the browser time of its own, which would lengthen the elapsed times above.
    for (let i = 0; i < RUNS; i++) cpu.push((await taskSeconds(context, url, false, true)).cpuMs);
    const withMs = median(withWords);
    const withoutMs = median(without);
    return { runs: RUNS, withMs, withoutMs, addedMs: withMs - withoutMs, commitMs: median(commits), cpuMs: median(cpu), marks: last.marks, newWords: last.newWords, all: commits };
  } finally {
    await browser.close();
  }
}
