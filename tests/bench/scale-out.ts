// `npm run bench -- scale-out` (issue 15): the reader and the library under 30 connections, served by
// one instance on SQLite, one on PostgreSQL, and one and two on PostgreSQL behind the shipped
// haproxy.cfg, in one run on this machine. The load generator, the load balancer, PostgreSQL and the
// instances all share the machine's cores: two instances can only be faster where cores are idle.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { startApp, type OwnApp } from '../e2e/support/app-server';
import { startLoadBalancer } from '../support/haproxy';
import { migrateUrl } from '../support/migrate';
import { startPostgres } from '../support/postgres';
import { BROWSER_REQUEST, PAGES, isRightBody, load, type Run } from './page-speed';
import { fmt } from './support';
import type { BenchRow } from './vocabulary-files';

const MEASURED = PAGES.slice(0, 2); // the reader (demo, kept) and the library
/** Each setup's pages are loaded twice, the better run counting, as in the page-speed scenario. */
const ROUNDS = 2;

interface Setup {
  name: string;
  url: string;
}

async function measure(setup: Setup, seconds: number, add: (row: BenchRow) => void, baseline: Map<string, number>): Promise<void> {
  for (const page of MEASURED) {
    const first = await fetch(setup.url + page.path, { headers: BROWSER_REQUEST });
    const html = await first.text();
    const titleTag = /<title>[^<]*<\/title>/.exec(html)?.[0] ?? '';
    if (first.status !== 200 || !isRightBody(html, titleTag, page.content)) throw new Error(`${setup.name}: ${page.path} is not the page to measure (${first.status})`);
    const runs: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      runs.push(await load(setup.url + page.path, BROWSER_REQUEST, (body) => isRightBody(body, titleTag, page.content), seconds));
    }
    const best = runs.reduce((a, b) => (b.rps > a.rps ? b : a));
    const key = page.browserName;
    if (!baseline.has(key)) baseline.set(key, best.rps);
    add({
      area: 'Scale-out',
      measure: `${page.browserName}: ${setup.name}`,
      value: `${fmt(best.rps)} req/s, p50 ${fmt(best.p50)} ms, p99 ${fmt(best.p99)} ms, ${fmt(best.wrong)} wrong of ${fmt(best.requests)}`,
      against: 'one instance on SQLite',
      ratio: best.rps / baseline.get(key)!,
    });
  }
}

export async function scaleOut(add: (row: BenchRow) => void, seconds: number): Promise<void> {
  const baseline = new Map<string, number>();
  const sqlite = await startApp();
  try {
    await measure({ name: 'SQLite, 1 instance', url: sqlite.baseUrl }, seconds, add, baseline);
  } finally {
    await sqlite.stop();
  }
  const server = await startPostgres();
  if (!server) throw new Error('no PostgreSQL on this machine (apt-get install postgresql)');
  const instances: OwnApp[] = [];
  try {
    const databaseUrl = await server.createDatabase('bench_scale_out');
    migrateUrl(databaseUrl);
    // The demo article with its bundled English, as npm start seeds it.
    execFileSync(process.execPath, [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'prisma/seed.ts'], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'pipe' });
    const env = { TRUSTED_PROXIES: '127.0.0.1' };
    instances.push(await startApp({ databaseUrl, env }));
    await measure({ name: 'PostgreSQL, 1 instance', url: instances[0].baseUrl }, seconds, add, baseline);
    for (const count of [1, 2]) {
      if (count === 2) instances.push(await startApp({ databaseUrl, env, fakeOf: instances[0] }));
      const lb = await startLoadBalancer(instances.map((i) => i.baseUrl));
      if (!lb) throw new Error('no haproxy on this machine (apt-get install haproxy)');
      try {
        await measure({ name: `PostgreSQL, ${count} instance${count === 1 ? '' : 's'} behind haproxy`, url: lb.url }, seconds, add, baseline);
      } finally {
        await lb.stop();
      }
    }
  } finally {
    for (const instance of instances.reverse()) await instance.stop();
    await server.stop();
  }
  add({ area: 'Scale-out', measure: 'cores shared by load generator, haproxy, PostgreSQL and the instances', value: String(os.availableParallelism()), against: '', ratio: null });
}
