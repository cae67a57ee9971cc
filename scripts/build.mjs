// Owns "build when the sources changed": the hash of everything `next build` reads, kept next to the
// build, so an unchanged checkout starts (and tests run) without building again. Used by
// scripts/start.mjs and by the browser tests' global setup (tests/e2e/support/global-setup.ts).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const STAMP = path.join(root, '.next', 'nebeneinander-source-hash');

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
  ['app', 'lib', 'public', 'proxy.ts', 'next.config.js', 'tsconfig.json', 'package-lock.json', 'prisma/schema.prisma'].forEach(visit);
  return hash.digest('hex');
}

/**
 * Runs `next build` unless .next holds a build of these very sources. Returns what happened:
 * 'skipped', 'built', or the failed build's exit status (its output went to `stdio`).
 */
export function buildIfChanged({ env = process.env, stdio = 'inherit' } = {}) {
  const current = sourceHash();
  const built = fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === current;
  if (built) return { outcome: 'skipped' };
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { cwd: root, env, stdio, encoding: 'utf8' });
  if (result.status !== 0) return { outcome: 'failed', status: result.status ?? result.signal, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
  fs.writeFileSync(STAMP, current);
  return { outcome: 'built', output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}
