// Owns "build when the sources changed": the hash of everything `next build` reads, kept next to the
// build, so an unchanged checkout starts (and tests run) without building again. Used by
// scripts/start.mjs and by the browser tests' global setup (tests/e2e/support/global-setup.ts).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const STAMP = path.join(root, '.next', 'nebeneinander-source-hash');
/** A build lock this old is stale whoever holds it: a build takes minutes. */
const STALE_LOCK_MS = 30 * 60_000;
/** Outside .next, which `next build` empties. */
const LOCK = path.join(root, 'node_modules', '.cache', 'nebeneinander-build.lock');

/** A hash of everything `next build` reads. */
export function sourceHash() {
  const hash = createHash('sha256');
  const visit = (rel) => {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) return;
    const stat = fs.statSync(abs);
    if (stat.isDirectory()) {
      // public/bench holds the benchmark's static comparison page, written at run time.
      if (['node_modules', '.next', '.git'].includes(path.basename(rel)) || rel === path.join('public', 'bench')) return;
      for (const name of fs.readdirSync(abs).sort()) visit(path.join(rel, name));
    } else {
      hash.update(rel).update(fs.readFileSync(abs));
    }
  };
  ['app', 'lib', 'public', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'tsconfig.json', 'package-lock.json', 'prisma/schema.prisma'].forEach(visit);
  return hash.digest('hex');
}

/**
 * @typedef {{ outcome: 'skipped' } | { outcome: 'built', output: string } | { outcome: 'failed', status: number | string | null, output: string }} BuildOutcome
 */

/**
 * Runs `next build` unless .next holds a build of these very sources. Returns what happened:
 * 'skipped', 'built', or the failed build's exit status (its output went to `stdio`).
 * @returns {BuildOutcome}
 */
export function buildIfChanged({ env = process.env, stdio = 'inherit' } = {}) {
  const current = sourceHash();
  const isBuilt = () => fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === current;
  if (isBuilt()) return { outcome: 'skipped' };
  const unlock = lockBuild();
  try {
    // Another start in this folder may have built these very sources while this one waited.
    if (isBuilt()) return { outcome: 'skipped' };
    return build(current, env, stdio);
  } finally {
    unlock();
  }
}

/**
 * One build at a time in this folder: a second `npm start` (or a test run) waits for the first's build
 * instead of writing .next beside it. The lock names its process; a lock whose process is gone is taken over.
 */
function lockBuild() {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(LOCK, { force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let text;
    let age;
    try {
      text = fs.readFileSync(LOCK, 'utf8');
      age = Date.now() - fs.statSync(LOCK).mtimeMs;
    } catch (error) {
      if (error.code === 'ENOENT') continue; // released meanwhile
      throw error;
    }
    // Empty: its maker has not written its number yet.
    const holder = text === '' ? process.pid : Number(text);
    // Its process is gone, or the lock is older than any build (its process number reused after a reboot).
    if (!isRunning(holder) || age > STALE_LOCK_MS) {
      fs.rmSync(LOCK, { force: true });
      continue;
    }
    if (!told) console.log(`  another start in this folder (process ${holder}) is building; waiting for it`);
    told = true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  }
}

function isRunning(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** @returns {BuildOutcome} */
function build(current, env, stdio) {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { cwd: root, env, stdio, encoding: 'utf8' });
  if (result.status !== 0) return { outcome: 'failed', status: result.status ?? result.signal, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
  fs.writeFileSync(STAMP, current);
  return { outcome: 'built', output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}
