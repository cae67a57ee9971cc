// The browser and HTTP tests' global setup, once per run: builds the app when its sources changed,
// prepares template databases (migrated; one with the demo article seeded), launches one Chromium
// that every test file connects to, and starts one server per shared configuration (./servers.ts),
// each with its fake DeepL in this process. Test files get all of it through e2eContext() (app-server.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import { startFakeDeepL, type FakeDeepL } from '../../fake-deepl/server';
import { launchServer, provideE2eContext, type E2eContext, type SharedServerInfo, type StartOptions } from './app-server';
import { LAUNCH_ARGS, findChromium } from './browser';
import { buildForTests, prepareTemplates } from './prepare';
import { SHARED_SERVERS, type SharedServerName } from './servers';

export default async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-e2e-setup-'));
  const stops: Array<() => Promise<unknown>> = [];
  const teardown = async () => {
    await Promise.allSettled(stops.reverse().map((stop) => stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    buildForTests();
    const templates = prepareTemplates(dir);

    let browser: E2eContext['browser'];
    try {
      // The tests' pages live for seconds: V8's optimizing compilers (Maglev, TurboFan) would spend the two
      // cores compiling code that is never run again (~8 % of the browser files' time). Not for the benchmark.
      const server: BrowserServer = await chromium.launchServer({ executablePath: findChromium(), args: [...LAUNCH_ARGS, '--js-flags=--no-opt --no-maglev'] });
      stops.push(() => server.close());
      browser = { wsEndpoint: server.wsEndpoint() };
    } catch (error) {
      browser = { error: error instanceof Error ? error.message : String(error) };
    }

    const shared: E2eContext['shared'] = {};
    await Promise.all(
      (Object.keys(SHARED_SERVERS) as SharedServerName[]).map(async (name) => {
        const fake: FakeDeepL = await startFakeDeepL();
        stops.push(() => fake.close());
        const logFile = path.join(dir, `${name}.log`);
        const opts: StartOptions = SHARED_SERVERS[name];
        const env = name === 'default' ? { ...opts.env, NB_OUTBOUND_LOG: path.join(dir, 'outbound.jsonl') } : undefined;
        const launched = await launchServer({ ...opts, ...(env ? { env } : {}) }, fake.url, templates, logFile);
        stops.push(() => launched.stop());
        const info: SharedServerInfo = { baseUrl: launched.baseUrl, fakeUrl: fake.url, logFile, adminPassword: launched.adminPassword, env: launched.env as Record<string, string> };
        shared[name] = info;
      }),
    );
    provideE2eContext({ templates, browser, shared });
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
