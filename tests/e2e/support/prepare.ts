// Owns what every test server starts from: the build (made again only when the sources changed, with
// the test DeepL key in its environment) and template databases, migrated, with and without the demo
// article. The e2e global setup calls it once per run; the benchmark (no vitest) once per process.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
// A JavaScript module shared with scripts/start.mjs.
import { buildIfChanged } from '../../../scripts/build.mjs';
import { migrate } from '../../support/migrate';
import { E2E_DEEPL_KEY, REPO_ROOT, builtWithKey, forgetBuild, recordBuildKey, type E2eContext } from './app-server';

const node = (args: string[], env: Record<string, string>) =>
  execFileSync(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env, CHECKPOINT_DISABLE: '1' }, stdio: 'pipe', encoding: 'utf8' });

/** Builds unless .next already holds a build of these sources made with the test key. */
export function buildForTests(): void {
  // A build of the same sources made without the key (npm start) is made again: key-leak.test.ts looks for it in the output.
  if (!builtWithKey(E2E_DEEPL_KEY)) forgetBuild();
  const build = buildIfChanged({ env: { ...process.env, DEEPL_AUTH_KEY: E2E_DEEPL_KEY, NEXT_TELEMETRY_DISABLED: '1' }, stdio: 'pipe' });
  if (build.outcome === 'failed') throw new Error(`next build failed (exit ${build.status}):\n${build.output}`);
  if (build.outcome === 'built') recordBuildKey(E2E_DEEPL_KEY);
}

function prepareTemplate(file: string, seedDemo: boolean): void {
  migrate(file);
  node([path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'prisma/seed.ts'], { DATABASE_URL: `file:${file}`, SEED_DEMO: String(seedDemo) });
  // Seeding leaves the file in WAL mode: a copy must hold everything, so nothing may be left in a -wal file.
  if (fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0) throw new Error(`${file}-wal is not empty after seeding`);
}

/** Migrated template databases in `dir`: with the demo article seeded, and without. */
export function prepareTemplates(dir: string): E2eContext['templates'] {
  const templates = { seeded: path.join(dir, 'seeded.db'), empty: path.join(dir, 'empty.db') };
  prepareTemplate(templates.seeded, true);
  prepareTemplate(templates.empty, false);
  return templates;
}
