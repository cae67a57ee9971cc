// The browser and HTTP tests' global setup, once per run: builds the app when its sources changed,
// prepares template databases (migrated; one with the demo article seeded), launches one Chromium
// that every test file connects to, and starts one server per shared configuration (./servers.ts),
// each with its fake DeepL in this process. Test files get all of it through inject('e2e').
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { startFakeDeepL, type FakeDeepL } from '../../fake-deepl/server';
import { buildIfChanged } from '../../../scripts/build.mjs';
import { E2E_DEEPL_KEY, REPO_ROOT, builtWithKey, forgetBuild, launchServer, recordBuildKey, type E2eContext, type SharedServerInfo } from './app-server';
import { LAUNCH_ARGS, findChromium } from './browser';
import { SHARED_SERVERS, type SharedServerName } from './servers';

const node = (args: string[], env: NodeJS.ProcessEnv) =>
  execFileSync(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env, CHECKPOINT_DISABLE: '1' }, stdio: 'pipe', encoding: 'utf8' });

function prepareTemplate(file: string, seedDemo: boolean): void {
  const env = { DATABASE_URL: `file:${file}`, SEED_DEMO: String(seedDemo) };
  node([path.join('node_modules', 'prisma', 'build', 'index.js'), 'migrate', 'deploy'], env);
  node([path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'prisma/seed.ts'], env);
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-e2e-setup-'));
  const stops: Array<() => Promise<unknown>> = [];
  const teardown = async () => {
    await Promise.allSettled(stops.reverse().map((stop) => stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // The build sees the test key in its environment, as an operator's would: key-leak.test.ts looks for it in the output.
    // A build of the same sources made without it (npm start) is made again.
    if (!builtWithKey(E2E_DEEPL_KEY)) forgetBuild();
    const build = buildIfChanged({ env: { ...process.env, DEEPL_AUTH_KEY: E2E_DEEPL_KEY, NEXT_TELEMETRY_DISABLED: '1' }, stdio: 'pipe' });
    if (build.outcome === 'failed') throw new Error(`next build failed (exit ${build.status}):\n${build.output}`);
    if (build.outcome === 'built') recordBuildKey(E2E_DEEPL_KEY);

    const templates = { seeded: path.join(dir, 'seeded.db'), empty: path.join(dir, 'empty.db') };
    prepareTemplate(templates.seeded, true);
    prepareTemplate(templates.empty, false);

    let browser: E2eContext['browser'];
    try {
      const server: BrowserServer = await chromium.launchServer({ executablePath: findChromium(), args: LAUNCH_ARGS });
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
        const opts = SHARED_SERVERS[name];
        const env = name === 'default' ? { ...opts.env, NB_OUTBOUND_LOG: path.join(dir, 'outbound.jsonl') } : undefined;
        const launched = await launchServer({ ...opts, ...(env ? { env } : {}) }, fake.url, templates, logFile);
        stops.push(() => launched.stop());
        const info: SharedServerInfo = { baseUrl: launched.baseUrl, fakeUrl: fake.url, logFile, adminPassword: launched.adminPassword, env: launched.env as Record<string, string> };
        shared[name] = info;
      }),
    );
    project.provide('e2e', { templates, browser, shared });
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
