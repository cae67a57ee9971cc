// Storage and process faults (issue 11): a full disk during an import, SIGTERM while a client holds a
// request open, and a database file that is not this app's. The last two test `npm start`'s script (its
// stop grace period, its database check), so their servers start through it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type OwnApp, type RunningApp } from './support/app-server';

/** A 16 MB disk of its own for the database (tmpfs; we run as root), or null where mounting is not allowed. */
function mountSmallDisk(): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir], { stdio: 'pipe' });
    return dir;
  } catch (error) {
    console.warn(`storage-faults: cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]}); the full-disk test is skipped.`);
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

/** Writes a file until the disk says ENOSPC. */
function fillDisk(file: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    for (const size of [1024 * 1024, 4096, 512]) {
      const chunk = Buffer.alloc(size, 0x2a);
      for (;;) fs.writeSync(fd, chunk);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
}

/** About 150,000 characters of German in paragraphs: far more than the space left in the database's log. */
function longArticle(label: string): string {
  const paragraph = (i: number) =>
    `Absatz ${i} über ${label}: Die Stadtverwaltung hat am Montag neue Pläne für den Ausbau der Radwege vorgestellt. ` +
    'Bürgerinnen und Bürger können bis Ende des Monats Vorschläge einreichen, die anschließend öffentlich diskutiert werden. '.repeat(3);
  return Array.from({ length: 330 }, (_, i) => paragraph(i + 1)).join('\n\n');
}

async function importArticle(app: RunningApp, title: string, text: string) {
  const res = await fetch(`${app.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...app.editorHeaders() },
    body: JSON.stringify({ title, text }),
  });
  return { status: res.status, body: (await res.json()) as { slug?: string; error?: string } };
}

const disk = mountSmallDisk();

describe.skipIf(!disk)('a full disk', () => {
  let app: OwnApp;
  const filler = path.join(disk ?? '', 'filler');

  beforeAll(async () => {
    app = await startApp({ databaseFile: path.join(disk!, 'app.db') });
  });

  afterAll(async () => {
    await app?.stop();
    execFileSync('umount', ['--lazy', disk!]); // freed once the last file on it is closed
    fs.rmSync(disk!, { recursive: true, force: true });
  });

  it('fails the import with a clear 507, keeps reads working, and the next import works once there is space', async () => {
    fillDisk(filler);
    const refused = await importArticle(app, 'Auf voller Platte', longArticle('die volle Platte'));
    expect(refused.status).toBe(507);
    expect(refused.body.error).toBe("The server's disk is full: nothing was saved. Tell whoever runs the app.");

    const library = await fetch(`${app.baseUrl}/`, { headers: { accept: 'text/html' } });
    expect(library.status).toBe(200);
    expect(await library.text()).not.toContain('Auf voller Platte');

    fs.rmSync(filler);
    // The failed transaction left nothing open: the same import now goes through, and so does another.
    const saved = await importArticle(app, 'Nach dem Aufräumen', longArticle('den freien Platz'));
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const small = await importArticle(app, 'Noch einer', 'Ein kurzer Text. Er passt immer.');
    expect(small.status).toBe(201);
    const reader = await fetch(`${app.baseUrl}/a/${saved.body.slug}`, { headers: { accept: 'text/html' } });
    expect(reader.status).toBe(200);
    expect(await reader.text()).toContain('Nach dem Aufräumen');
  });
});

describe('SIGTERM while a client holds a request open', () => {
  let app: OwnApp;

  beforeAll(async () => {
    app = await startApp({ viaNpmStart: true });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('stops the server all the same: the whole process group ends', async () => {
    // An upload that never finishes: chunked, with no end.
    const url = new URL(`${app.baseUrl}/api/articles`);
    const upload = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...app.editorHeaders() } });
    const closed = new Promise<void>((resolve) => {
      upload.on('error', () => resolve());
      upload.on('close', () => resolve());
    });
    await new Promise<void>((resolve) => upload.write('{"text": "Ein Text, der nie ', () => resolve()));
    // The server has read the request's head once it answers a later request on another connection.
    expect((await fetch(`${app.baseUrl}/api/articles/no-such-article`)).status).toBe(404);

    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), 30_000)));
    const outcome = await Promise.race([app.kill('SIGTERM').then(() => 'stopped' as const), bound]);
    clearTimeout(timer);
    expect(outcome, app.output().split('\n').slice(-10).join('\n')).toBe('stopped');
    await closed;
    expect(app.output()).toContain('did not stop within 5 s');
  });
});

describe('a database file that is not this app’s', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nebeneinander-foreign-'));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the app on the file; resolves with what it printed when it refused to start. */
  async function refusedStart(file: string): Promise<string> {
    try {
      const app = await startApp({ databaseFile: file, viaNpmStart: true });
      await app.stop();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error(`the app started on ${file}`);
  }

  it('a text file: named, with what to do, before any migration runs', async () => {
    const file = path.join(dir, 'notes.db');
    fs.writeFileSync(file, 'Einkaufsliste: Milch, Brot, Käse\n'.repeat(200));
    const output = await refusedStart(file);
    expect(output).toContain(`${file} is not a SQLite database (or is damaged): move it away or set DATABASE_URL to another file.`);
    expect(output).toMatch(/exit code 1/);
    expect(output).not.toContain('prisma migrate deploy');
    expect(output).not.toContain('External error');
    expect(output).not.toContain('database is locked');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^Einkaufsliste/); // untouched
  });

  it('a SQLite file that is damaged', async () => {
    const file = path.join(dir, 'damaged.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x TEXT)');
    db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(20_000));
    db.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xff, 4096, bytes.length); // every page after the first
    fs.writeFileSync(file, bytes);
    expect(await refusedStart(file)).toContain(`${file} is not a SQLite database (or is damaged)`);
  });

  it('another program’s SQLite database, with tables of the same names', async () => {
    const file = path.join(dir, 'other-app.db');
    const db = new Database(file);
    db.exec('CREATE TABLE Article (id INTEGER PRIMARY KEY, body TEXT); CREATE TABLE users (name TEXT)');
    db.close();
    const output = await refusedStart(file);
    expect(output).toContain(`${file} is another program's SQLite database (tables Article, users), not Nebeneinander's: move it away or set DATABASE_URL to another file.`);
  });

  it('a migration that fails for another reason does not blame a lock', async () => {
    const file = path.join(dir, 'half.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE _prisma_migrations (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, finished_at DATETIME, migration_name TEXT NOT NULL,
      logs TEXT, rolled_back_at DATETIME, started_at DATETIME NOT NULL DEFAULT current_timestamp, applied_steps_count INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE Article (x TEXT)`);
    db.close();
    const output = await refusedStart(file);
    expect(output).toContain('prisma migrate deploy failed');
    expect(output).not.toContain('database is locked');
  });
});
