// `npm start`: apply migrations, seed the demo, build when the sources changed, print an editor sign-in link,
// then serve (scripts/serve.mjs).
// Each step is idempotent, so running it again is safe. Stopping it (Ctrl-C, SIGTERM) stops the server too.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dev = process.argv.includes('--dev');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' };
const bin = (...p) => path.join(root, 'node_modules', ...p);

/**
 * Prisma 6.19 warns on every `migrate deploy` that the schema's datasource `url` is unused with a
 * driver adapter. The schema keeps it (without it the CLI goes looking for a native engine to
 * download), so that one notice is dropped; everything else Prisma prints is passed on.
 */
const ADAPTER_URL_WARNING = /\n?WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter[\s\S]*?only using driver adapters\.\n/;

/** `hintFor`, when given, reads the step's output (then shown once it ends) to add a hint on failure;
 *  `drop` removes a notice from what the step printed. */
function run(label, args, hintFor, drop = null) {
  console.log(`> ${label}`);
  const piped = Boolean(hintFor || drop);
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: piped ? ['inherit', 'pipe', 'pipe'] : 'inherit', encoding: 'utf8' });
  if (piped) {
    process.stdout.write(String(result.stdout ?? '').replace(drop ?? /$^/, ''));
    process.stderr.write(result.stderr ?? '');
  }
  if (result.status !== 0) {
    const hint = hintFor ? hintFor(`${result.stdout ?? ''}\n${result.stderr ?? ''}`) : '';
    console.error(`\n${label} failed (exit ${result.status ?? result.signal}). ${hint}Nothing was served; fix the message above and run npm start again.`);
    process.exit(result.status ?? 1);
  }
}

/** A hash of everything `next build` reads, so an unchanged checkout starts without rebuilding. */
function sourceHash() {
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

run('check the database', [bin('tsx', 'dist', 'cli.mjs'), 'scripts/check-database.ts']);
run(
  'prisma migrate deploy',
  [bin('prisma', 'build', 'index.js'), 'migrate', 'deploy'],
  (output) =>
    /SocketTimeout|database is locked|SQLITE_BUSY/i.test(output)
      ? 'A "SocketTimeout" or "database is locked" means another process has the database open: is the app already running on it? '
      : '',
  ADAPTER_URL_WARNING,
);
run('seed the demo article', [bin('tsx', 'dist', 'cli.mjs'), 'prisma/seed.ts']);

if (!dev) {
  const stamp = path.join(root, '.next', 'nebeneinander-source-hash');
  const current = sourceHash();
  const built = fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === current;
  if (built) console.log('> next build: sources unchanged since the last build, skipped');
  else {
    run('next build', [bin('next', 'dist', 'bin', 'next'), 'build']);
    fs.writeFileSync(stamp, current);
  }
}

run('editor sign-in link', [bin('tsx', 'dist', 'cli.mjs'), 'scripts/signin-link.ts', '--start']);

const port = env.PORT || '3000';
console.log(`> serving on http://localhost:${port}`);
// scripts/serve.mjs is `next start` (or `next dev`) behind a check of every request (lib/net/front.ts).
const server = spawn(process.execPath, [path.join(root, 'scripts', 'serve.mjs'), ...(dev ? ['--dev'] : [])], {
  cwd: root,
  env,
  stdio: 'inherit',
});
// Next finishes open requests before it exits: one that never ends (a stalled upload) would keep it
// running, so after a grace period it is stopped for good.
const STOP_GRACE_MS = 5_000;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    server.kill(signal);
    setTimeout(() => {
      console.error(`The server did not stop within ${STOP_GRACE_MS / 1000} s (a request was still open): stopping it now.`);
      server.kill('SIGKILL');
    }, STOP_GRACE_MS).unref();
  });
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
