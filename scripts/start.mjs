// `npm start`: apply migrations, seed the demo, build when the sources changed, print an editor sign-in link,
// then serve (scripts/serve.mjs).
// Each step is idempotent, so running it again is safe. Stopping it (Ctrl-C, SIGTERM) stops the server too.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildIfChanged } from './build.mjs';

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
  console.log('> next build');
  const build = buildIfChanged({ env });
  if (build.outcome === 'skipped') console.log('  sources unchanged since the last build, skipped');
  if (build.outcome === 'failed') {
    console.error(`\nnext build failed (exit ${build.status}). Nothing was served; fix the message above and run npm start again.`);
    process.exit(typeof build.status === 'number' ? build.status : 1);
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
