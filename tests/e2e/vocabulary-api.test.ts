// The vocabulary HTTP API through `next start`: notes per learner (signed cookie), ownership, look-ups with their
// sentence as DeepL context, limits, export and import, and many learners saving at once.
// Runs on the shared default server (every test its own learners, the DeepL requests it asks about its own
// words or sentence); the look-ups while DeepL fails on a server of their own (they open the circuit breaker).
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedApp, startApp, uniqueWord, type OwnApp, type RunningApp } from './support/app-server';

const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
const DEMO_TITLE = 'Putin und Kim treffen sich am Weltraumbahnhof';
const COOKIE = 'nb-learner';
/** Paragraph 7 of the demo, its first and last sentence (prisma/demo/demo-article.de.txt). */
const P7_FIRST_SENTENCE = 'Putin und Kim kamen im Weltraumbahnhof Wostotschny im Osten Russlands zu Gesprächen zusammen.';
const P7_LAST_SENTENCE = 'Kim zeige großes Interesse an russischer Raketentechnik, sagte Putin.';

let app: RunningApp;

beforeAll(() => {
  app = sharedApp('default');
});

// ---------------------------------------------------------------- helpers

interface Note {
  id: string;
  term: string;
  baseForm: string;
  nounArticle: string | null;
  translation: string;
  note: string;
  context: string;
  articleSlug: string | null;
  articleTitle: string | null;
  paragraph: number | null;
  createdAt: string;
  updatedAt: string;
}

interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

interface CallOptions {
  /** The whole Cookie header ("nb-learner=…"); none when absent. */
  cookie?: string;
  /** Sent as JSON (content-type application/json). */
  json?: unknown;
  /** Sent as is, with `type` as its content type. */
  raw?: string;
  type?: string;
  /** The server to ask (default: the shared one). */
  target?: RunningApp;
}

/** One request, as a script would send it; the body is parsed as JSON when the answer is JSON. */
async function call<T = Record<string, unknown>>(method: string, urlPath: string, opts: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.raw !== undefined) {
    headers['content-type'] = opts.type ?? 'text/plain';
    body = opts.raw;
  }
  const res = await fetch((opts.target ?? app).baseUrl + urlPath, { method, headers, body });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('application/json');
  return { status: res.status, headers: res.headers, body: (isJson ? JSON.parse(text) : text) as T };
}

/** The nb-learner cookie an answer sets, as its raw Set-Cookie line; undefined when it sets none. */
function learnerSetCookie(headers: Headers): string | undefined {
  return headers.getSetCookie().find((line) => line.startsWith(`${COOKIE}=`));
}

/** "nb-learner=<value>" from a Set-Cookie line, ready for a Cookie header. */
function cookiePair(setCookie: string): string {
  return setCookie.split(';')[0];
}

/** A new learner: the Cookie header the server handed out to a caller without one. */
async function newLearner(target?: RunningApp): Promise<string> {
  const res = await call('GET', '/api/vocabulary', { target });
  const line = learnerSetCookie(res.headers);
  if (!line) throw new Error(`GET /api/vocabulary without a cookie set no ${COOKIE} cookie`);
  return cookiePair(line);
}

async function saveNote(cookie: string, input: Record<string, unknown>): Promise<Note> {
  const res = await call<{ note: Note; merged: boolean; error?: string }>('POST', '/api/vocabulary', { cookie, json: input });
  expect(res.status, `POST /api/vocabulary answered ${JSON.stringify(res.body)}`).toBe(201);
  return res.body.note;
}

async function listNotes(cookie: string, query = ''): Promise<Note[]> {
  const res = await call<{ notes: Note[] }>('GET', `/api/vocabulary${query}`, { cookie });
  expect(res.status).toBe(200);
  return res.body.notes;
}

async function getNote(cookie: string, id: string): Promise<Note> {
  const res = await call<{ note: Note }>('GET', `/api/vocabulary/${id}`, { cookie });
  expect(res.status).toBe(200);
  return res.body.note;
}

interface LookupAnswer {
  term: string;
  context: string;
  translation: string | null;
  error: string | null;
  baseForm: string;
  isNoun: boolean;
  nounArticle: string | null;
  existing: Note | null;
}

function lookup(cookie: string | undefined, selection: { paragraph: number; sentence: number; text: string; slug?: string }, target?: RunningApp) {
  return call<LookupAnswer & { error?: string }>('POST', '/api/vocabulary/lookup', {
    cookie,
    json: { slug: DEMO_SLUG, ...selection },
    target,
  });
}

/** DeepL requests answered so far that carry `selection` alone, as a look-up sends it (no other test sends these texts). */
async function lookupRequests(selection: string): Promise<number> {
  const term = selection.trim();
  return (await app.fake.requestsFor(term)).filter((r) => r.texts.some((t) => t.trim() === term)).length;
}

function csvRecords(text: string): Array<Record<string, string>> {
  return parseCsv(text, { columns: true, bom: true, skip_empty_lines: true }) as Array<Record<string, string>>;
}

// ---------------------------------------------------------------- saving and listing

describe('POST and GET /api/vocabulary', () => {
  it('saves a note: 201 with the whole note, the article title and the sentence it stands in; the same term and translation again merges (200)', async () => {
    const cookie = await newLearner();
    const res = await call<{ note: Note; merged: boolean }>('POST', '/api/vocabulary', {
      cookie,
      json: { term: 'Weltraumbahnhof', translation: 'spaceport', baseForm: 'Weltraumbahnhof', nounArticle: 'der', note: 'Kosmodrom', articleSlug: DEMO_SLUG, paragraph: 7 },
    });
    expect(res.status).toBe(201);
    expect(res.body.merged).toBe(false);
    const note = res.body.note;
    expect(note).toEqual({
      id: expect.any(String),
      term: 'Weltraumbahnhof',
      baseForm: 'Weltraumbahnhof',
      nounArticle: 'der',
      translation: 'spaceport',
      note: 'Kosmodrom',
      context: P7_FIRST_SENTENCE,
      articleSlug: DEMO_SLUG,
      articleTitle: DEMO_TITLE,
      paragraph: 7,
      // Its lemma key: what marks every form of it in any article.
      lemma: 'weltraumbahnhof',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(new Date(note.createdAt).toISOString()).toBe(note.createdAt);
    expect(note.id).not.toBe('');

    // Same term (any case) and translation: the existing note, merged, its own note text kept.
    const again = await call<{ note: Note; merged: boolean }>('POST', '/api/vocabulary', {
      cookie,
      json: { term: 'weltraumbahnhof', translation: 'Spaceport', note: 'something else' },
    });
    expect(again.status).toBe(200);
    expect(again.body.merged).toBe(true);
    expect(again.body.note.id).toBe(note.id);
    expect(again.body.note.note).toBe('Kosmodrom');
    expect((await listNotes(cookie)).map((n) => n.id)).toEqual([note.id]);
  });

  it('the same note saved five times at once (a double click) is one note: one 201, the others merged', async () => {
    const cookie = await newLearner();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call<{ note: Note; merged: boolean }>('POST', '/api/vocabulary', { cookie, json: { term: 'Staatschef', translation: 'head of state' } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.note.id)).size).toBe(1);
    expect((await listNotes(cookie)).map((n) => n.term)).toEqual(['Staatschef']);
  });

  it('PATCH changes the learner’s own note; a change that would double another note answers 409', async () => {
    const cookie = await newLearner();
    const bank = await saveNote(cookie, { term: 'Bank', translation: 'bench' });
    await saveNote(cookie, { term: 'Bank', translation: 'bank' });
    const changed = await call<{ note: Note }>('PATCH', `/api/vocabulary/${bank.id}`, { cookie, json: { note: 'im Park', nounArticle: 'die' } });
    expect(changed.status).toBe(200);
    expect(changed.body.note).toMatchObject({ id: bank.id, term: 'Bank', translation: 'bench', note: 'im Park', nounArticle: 'die' });
    const clash = await call<{ error: string }>('PATCH', `/api/vocabulary/${bank.id}`, { cookie, json: { translation: 'Bank' } });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatch(/already have a note for "Bank"/);
    expect((await getNote(cookie, bank.id)).translation).toBe('bench');
  });

  it('a caller without a cookie gets an httpOnly, SameSite=Lax nb-learner cookie and an empty list', async () => {
    const res = await call<{ notes: Note[] }>('GET', '/api/vocabulary');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ notes: [] });
    const line = learnerSetCookie(res.headers);
    expect(line, 'the Set-Cookie for nb-learner').toBeDefined();
    const attributes = (line ?? '').split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');
    // The new learner keeps that cookie: the next call sets none and still lists nothing.
    const next = await call<{ notes: Note[] }>('GET', '/api/vocabulary', { cookie: cookiePair(line ?? '') });
    expect(next.body).toEqual({ notes: [] });
    expect(learnerSetCookie(next.headers)).toBeUndefined();
  });

  it('GET lists only the caller’s notes, and searches, sorts and filters them', async () => {
    const [a, b] = [await newLearner(), await newLearner()];
    const zebra = await saveNote(a, { term: 'Zusammenarbeit', translation: 'cooperation' });
    const abfahrt = await saveNote(a, { term: 'Abfahrt', translation: 'departure', note: 'Zug', articleSlug: DEMO_SLUG, paragraph: 12 });
    const other = await saveNote(b, { term: 'Munition', translation: 'ammunition' });

    expect((await listNotes(a)).map((n) => n.id)).toEqual([abfahrt.id, zebra.id]); // newest first
    expect((await listNotes(b)).map((n) => n.id)).toEqual([other.id]);
    expect((await listNotes(a, '?sort=az')).map((n) => n.term)).toEqual(['Abfahrt', 'Zusammenarbeit']);
    expect((await listNotes(a, '?q=zug')).map((n) => n.id)).toEqual([abfahrt.id]);
    expect((await listNotes(a, `?article=${DEMO_SLUG}`)).map((n) => n.id)).toEqual([abfahrt.id]);
    expect(await listNotes(b, '?q=cooperation')).toEqual([]);
  });
});

// ---------------------------------------------------------------- ownership

describe('learner isolation', () => {
  it('another learner’s GET, PATCH and DELETE of a note id answer 404 and leave the note as it was', async () => {
    const a = await newLearner();
    const b = await newLearner();
    const note = await saveNote(a, { term: 'Halbinsel', translation: 'peninsula', note: 'koreanische Halbinsel' });

    for (const [method, json] of [['GET', undefined], ['PATCH', { note: 'changed by B' }], ['DELETE', undefined]] as const) {
      const res = await call<{ error: string }>(method, `/api/vocabulary/${note.id}`, { cookie: b, json });
      expect(res.status, `${method} by B`).toBe(404);
      expect(res.body.error).toMatch(/No such note/);
      const withoutCookie = await call<{ error: string }>(method, `/api/vocabulary/${note.id}`, { json });
      expect(withoutCookie.status, `${method} without a cookie`).toBe(404);
    }
    expect(await getNote(a, note.id)).toEqual(note);
    expect(await listNotes(b)).toEqual([]);
  });

  it('the reader’s marks of an article are the caller’s own', async () => {
    const a = await newLearner();
    const b = await newLearner();
    const note = await saveNote(a, { term: 'Weltraumbahnhof', translation: 'spaceport' });
    await saveNote(a, { term: 'Eiffelturm', translation: 'Eiffel Tower' }); // not in the demo article
    const marksOf = async (cookie?: string) =>
      (await call<{ notes: Array<{ id: string }> }>('GET', `/api/vocabulary/marks?article=${DEMO_SLUG}`, { cookie })).body.notes.map((n) => n.id);
    expect(await marksOf(a)).toEqual([note.id]);
    expect(await marksOf(b)).toEqual([]);
    expect(await marksOf(undefined)).toEqual([]);
  });

  it.each([
    ['A’s id with a changed signature', (value: string) => `${value.split('.')[0]}.${'A'.repeat(value.split('.')[1].length)}`],
    ['A’s id without its signature', (value: string) => value.split('.')[0]],
    ['random text', () => 'hello-i-am-learner-a'],
  ])('a cookie with %s is a new learner: sees nothing and cannot touch A’s notes', async (_, forge) => {
    const a = await newLearner();
    const note = await saveNote(a, { term: 'Sanktionen', translation: 'sanctions' });
    const aValue = a.slice(`${COOKIE}=`.length);
    const forged = `${COOKIE}=${forge(aValue)}`;
    expect(forged).not.toBe(a);

    const list = await call<{ notes: Note[] }>('GET', '/api/vocabulary', { cookie: forged });
    expect(list.status).toBe(200);
    expect(list.body.notes).toEqual([]);
    // It is handed a cookie of its own, for a learner other than A.
    const fresh = learnerSetCookie(list.headers);
    expect(fresh, 'a new nb-learner cookie').toBeDefined();
    expect(cookiePair(fresh ?? '').split('.')[0]).not.toBe(a.split('.')[0]);

    for (const [method, json] of [['GET', undefined], ['PATCH', { translation: 'forged' }], ['DELETE', undefined]] as const) {
      const res = await call(method, `/api/vocabulary/${note.id}`, { cookie: forged, json });
      expect(res.status, `${method} with the forged cookie`).toBe(404);
    }
    const exported = await call<string>('GET', '/api/vocabulary/export?format=csv', { cookie: forged });
    expect(exported.body).not.toContain('Sanktionen');
    expect(await getNote(a, note.id)).toEqual(note);
  });

  it('B’s CSV and Anki exports hold none of A’s notes', async () => {
    const a = await newLearner();
    const b = await newLearner();
    await saveNote(a, { term: 'Spionagesatellit', translation: 'spy satellite', note: 'nur A' });
    await saveNote(b, { term: 'Raketentest', translation: 'missile test', note: 'nur B' });

    const csvA = await call<string>('GET', '/api/vocabulary/export?format=csv', { cookie: a });
    expect(csvRecords(csvA.body).map((r) => r.term)).toEqual(['Spionagesatellit']);

    const csvB = await call<string>('GET', '/api/vocabulary/export?format=csv', { cookie: b });
    expect(csvB.status).toBe(200);
    expect(csvB.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csvB.headers.get('content-disposition')).toMatch(/^attachment; filename="nebeneinander-vocabulary-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csvRecords(csvB.body).map((r) => [r.term, r.translation, r.note])).toEqual([['Raketentest', 'missile test', 'nur B']]);
    expect(csvB.body).not.toContain('Spionagesatellit');

    const ankiB = await call<string>('GET', '/api/vocabulary/export?format=anki', { cookie: b });
    expect(ankiB.status).toBe(200);
    expect(ankiB.body.startsWith('#separator:tab\n')).toBe(true);
    expect(ankiB.body).toContain('Raketentest');
    expect(ankiB.body).not.toContain('Spionagesatellit');
    expect(ankiB.body).not.toContain('nur A');
  });

  it('an import by B adds to B only: A’s note with the same term and translation stays as it was', async () => {
    const a = await newLearner();
    const b = await newLearner();
    const aNote = await saveNote(a, { term: 'Verbündeter', translation: 'ally', note: 'A schrieb das' });
    const csv = 'term,translation,note\r\nVerbündeter,ally,B schrieb das\r\nSprungbrett,springboard,\r\n';

    const res = await call<{ added: number; merged: number; errors: unknown[] }>('POST', '/api/vocabulary/import', { cookie: b, raw: csv, type: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ added: 2, merged: 0, errors: [] });

    expect(await listNotes(a)).toEqual([aNote]);
    const bNotes = await listNotes(b, '?sort=az');
    expect(bNotes.map((n) => [n.term, n.translation, n.note])).toEqual([
      ['Sprungbrett', 'springboard', ''],
      ['Verbündeter', 'ally', 'B schrieb das'],
    ]);
    expect(bNotes.some((n) => n.id === aNote.id)).toBe(false);
  });
});

// ---------------------------------------------------------------- bad input

describe('bad input answers 400, 413 or 415 with a message, storing nothing', () => {
  let cookie: string;

  beforeAll(async () => {
    cookie = await newLearner();
  });

  it.each<[string, CallOptions, number, RegExp]>([
    ['a form body', { raw: 'term=Haus', type: 'application/x-www-form-urlencoded' }, 415, /application\/json/],
    ['invalid JSON', { raw: '{"term": "Haus"', type: 'application/json' }, 400, /not valid JSON/],
    ['a JSON array', { json: ['Haus'] }, 400, /JSON object/],
    ['an unknown field', { json: { term: 'Haus', gender: 'das' } }, 400, /Unknown field "gender"/],
    ['no term', { json: { translation: 'house' } }, 400, /term/],
    ['an empty term', { json: { term: '   ' } }, 400, /term is empty/],
    ['a term over 200 characters', { json: { term: 'a'.repeat(201) } }, 400, /"term" is too long: at most 200 characters/],
    ['a note over 2,000 characters', { json: { term: 'Haus', note: 'n'.repeat(2_001) } }, 400, /"note" is too long: at most 2,000 characters/],
    ['paragraph "7" as a string', { json: { term: 'Haus', articleSlug: DEMO_SLUG, paragraph: '7' } }, 400, /"paragraph" must be a whole number/],
    ['paragraph 2.5', { json: { term: 'Haus', articleSlug: DEMO_SLUG, paragraph: 2.5 } }, 400, /"paragraph" must be a whole number/],
    ['nounArticle "den"', { json: { term: 'Haus', nounArticle: 'den' } }, 400, /"nounArticle" must be "der", "die", "das" or null/],
    ['an articleSlug that does not exist', { json: { term: 'Haus', articleSlug: 'no-such-article' } }, 400, /There is no article "no-such-article"/],
    ['a paragraph the article does not have', { json: { term: 'Haus', articleSlug: DEMO_SLUG, paragraph: 99 } }, 400, /has no paragraph 99/],
    ['control characters in the term', { json: { term: 'Ha\u0007us' } }, 400, /control characters/],
    ['a body over 64 KB', { json: { term: 'Haus', note: 'n'.repeat(70_000) } }, 413, /larger than 65,536 bytes/],
  ])('POST /api/vocabulary with %s', async (_, opts, status, message) => {
    const res = await call<{ error: string }>('POST', '/api/vocabulary', { cookie, ...opts });
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(message);
    expect(await listNotes(cookie)).toEqual([]);
  });

  it('PATCH with a field that cannot change, or a term over 200 characters, answers 400 and changes nothing', async () => {
    const owner = await newLearner();
    const note = await saveNote(owner, { term: 'Gesundheit', translation: 'health' });
    const moved = await call<{ error: string }>('PATCH', `/api/vocabulary/${note.id}`, { cookie: owner, json: { articleSlug: DEMO_SLUG } });
    expect(moved.status).toBe(400);
    expect(moved.body.error).toMatch(/Only term, translation, baseForm, nounArticle and note can be changed/);
    const long = await call<{ error: string }>('PATCH', `/api/vocabulary/${note.id}`, { cookie: owner, json: { term: 'x'.repeat(201) } });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatch(/"term" is too long/);
    expect(await getNote(owner, note.id)).toEqual(note);
  });

  it.each<[string, string, number, RegExp]>([
    ['a sort other than newest or az', '/api/vocabulary?sort=oldest', 400, /"sort" must be "newest" or "az"/],
    ['an export format other than csv, anki or known', '/api/vocabulary/export?format=xlsx', 400, /"format" must be "csv", "anki" or "known"/],
    ['marks of an article that does not exist', '/api/vocabulary/marks?article=no-such-article', 404, /There is no article "no-such-article"/],
  ])('GET with %s', async (_, urlPath, status, message) => {
    const res = await call<{ error: string }>('GET', urlPath, { cookie });
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(message);
  });

  it('POST /api/vocabulary/import refuses a JSON body (415), bytes that are not UTF-8 (400) and a body over 10 MB (413)', async () => {
    const json = await call<{ error: string }>('POST', '/api/vocabulary/import', { cookie, json: { term: 'Haus' } });
    expect(json.status).toBe(415);
    expect(json.body.error).toMatch(/text\/csv/);

    // "term\nKöln\n" saved as Latin-1.
    const latin1 = await fetch(`${app.baseUrl}/api/vocabulary/import`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/csv' },
      body: new Uint8Array([0x74, 0x65, 0x72, 0x6d, 0x0a, 0x4b, 0xf6, 0x6c, 0x6e, 0x0a]),
    });
    expect(latin1.status).toBe(400);
    expect(((await latin1.json()) as { error: string }).error).toMatch(/not UTF-8/);

    const huge = await call<{ error: string }>('POST', '/api/vocabulary/import', {
      cookie,
      raw: `term\n${'Haus\n'.repeat(2_100_000)}`,
      type: 'text/csv',
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatch(/larger than 10 MB/);
    expect(await listNotes(cookie)).toEqual([]);
  });

  it('POST /api/vocabulary/import of a file without a "term" column imports nothing and says which column is missing', async () => {
    const res = await call<{ added: number; merged: number; errors: Array<{ line: number; message: string }> }>('POST', '/api/vocabulary/import', {
      cookie,
      raw: 'word,meaning\r\nHaus,house\r\n',
      type: 'text/csv',
    });
    expect(res.status).toBe(200);
    expect(res.body.added).toBe(0);
    expect(res.body.errors).toEqual([{ line: 1, message: expect.stringMatching(/"term" column/) }]);
    expect(await listNotes(cookie)).toEqual([]);
  });

  // Words no other test sends: were one of these refused look-ups sent to DeepL after all, only this test would ask for it.
  const NOT_IN_ARTICLE = uniqueWord('Eiffelturm');
  const SELECTED = uniqueWord('Putin');
  it.each<[string, Record<string, unknown>, number, RegExp]>([
    ['text that is not in the paragraph', { paragraph: 7, sentence: 0, text: NOT_IN_ARTICLE }, 400, new RegExp(`"${NOT_IN_ARTICLE}" is not in paragraph 7`)],
    ['a selection over 200 characters', { paragraph: 7, sentence: 0, text: `${P7_FIRST_SENTENCE} ${P7_FIRST_SENTENCE} ${P7_FIRST_SENTENCE}` }, 400, /look up at most 200/],
    ['an empty selection', { paragraph: 7, sentence: 0, text: ' „ ' }, 400, /Select a German word/],
    ['a paragraph the article does not have', { paragraph: 99, sentence: 0, text: SELECTED }, 404, /not in this article/],
    ['paragraph "7" as a string', { paragraph: '7', sentence: 0, text: SELECTED }, 400, /"paragraph": number/],
    ['an unknown field', { paragraph: 7, sentence: 0, text: SELECTED, context: 'x' }, 400, /a selection in an article/],
  ])('POST /api/vocabulary/lookup with %s', async (_, selection, status, message) => {
    const before = await lookupRequests(String(selection.text));
    const res = await call<{ error: string }>('POST', '/api/vocabulary/lookup', { cookie, json: { slug: DEMO_SLUG, ...selection } });
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(message);
    expect(await lookupRequests(String(selection.text))).toBe(before);
  });

  it('a path under /api/vocabulary with a broken %-escape answers 400 with a message, not a bare 500', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const res = await call<{ error: string }>(method, '/api/vocabulary/%E0%A4%A', { cookie, json: method === 'PATCH' ? { note: 'x' } : undefined });
      expect(res.status, method).toBe(400);
      expect(res.body.error).toMatch(/broken %-escape/);
    }
  });

  it('POST /api/vocabulary/lookup with a form body answers 415', async () => {
    const res = await call<{ error: string }>('POST', '/api/vocabulary/lookup', { cookie, raw: 'text=Putin', type: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.body.error).toMatch(/application\/json/);
  });
});

// ---------------------------------------------------------------- imports and exports at the limits

interface ImportAnswer {
  added: number;
  merged: number;
  errors: Array<{ line: number; message: string }>;
  error?: string;
}

function importCsv(cookie: string, csv: string) {
  return call<ImportAnswer>('POST', '/api/vocabulary/import', { cookie, raw: csv, type: 'text/csv' });
}

/** `count` rows "Wort<i>,word <i>,Notiz <i>" with LF endings, after a CRLF header. */
function rowsCsv(count: number, row = (i: number) => `Wort${i},word ${i},Notiz ${i}`): string {
  return `term,translation,note\r\n${Array.from({ length: count }, (_, i) => row(i)).join('\n')}\n`;
}

describe('imports and exports at the limits', () => {
  it('rows ending in LF after a CRLF header are three notes, not one (issue 12 item 2)', async () => {
    const cookie = await newLearner();
    const res = await importCsv(cookie, 'term,translation\r\nHaus,house\nBaum,tree\nAuto,car\n');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ added: 3, merged: 0, errors: [] });
    expect((await listNotes(cookie, '?sort=az')).map((n) => [n.term, n.translation])).toEqual([
      ['Auto', 'car'],
      ['Baum', 'tree'],
      ['Haus', 'house'],
    ]);
  });

  it('a file mixing CRLF, LF and CR, with line breaks inside quoted cells, names the right line of each bad row', async () => {
    const cookie = await newLearner();
    const csv = 'term,note\r\nHaus,"erste Zeile\r\nzweite Zeile"\nBaum,ok\r\n,kein Wort\rAuto,"a\nb"\n' + `${'x'.repeat(201)},zu lang\r\nZug,ja`;
    const res = await importCsv(cookie, csv);
    expect(res.body).toEqual({
      added: 4,
      merged: 0,
      errors: [
        { line: 5, message: 'The term is empty: select or type a German word or phrase.' },
        { line: 8, message: '"term" is too long: at most 200 characters.' },
      ],
    });
    expect((await listNotes(cookie, '?sort=az')).map((n) => [n.term, n.note])).toEqual([
      ['Auto', 'a\nb'],
      ['Baum', 'ok'],
      ['Haus', 'erste Zeile\nzweite Zeile'],
      ['Zug', 'ja'],
    ]);
  });

  it('20,000 rows with one over the length limit in the middle: 19,999 saved together, that one reported by its line', async () => {
    const cookie = await newLearner();
    const bad = 10_000;
    const res = await importCsv(cookie, rowsCsv(20_000, (i) => (i === bad ? `${'Ü'.repeat(201)},too long,` : `Wort${i},word ${i},Notiz ${i}`)));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ added: 19_999, merged: 0, errors: [{ line: bad + 2, message: '"term" is too long: at most 200 characters.' }] });
    const exported = await call<string>('GET', '/api/vocabulary/export?format=csv', { cookie });
    const terms = csvRecords(exported.body).map((r) => r.term);
    expect(terms).toHaveLength(19_999);
    expect(new Set(terms).size).toBe(19_999);
    expect(terms).not.toContain(`Wort${bad}`);
  });

  it('20,000 notes export as CSV and Anki that parse back to 20,000, and the CSV imports back whole (merged, nothing doubled)', async () => {
    const cookie = await newLearner();
    expect((await importCsv(cookie, rowsCsv(20_000))).body).toEqual({ added: 20_000, merged: 0, errors: [] });

    const csv = await call<string>('GET', '/api/vocabulary/export?format=csv', { cookie });
    expect(csv.status).toBe(200);
    const records = csvRecords(csv.body);
    expect(records).toHaveLength(20_000);
    expect(records[0]).toMatchObject({ term: 'Wort0', translation: 'word 0', note: 'Notiz 0' });
    expect(new Set(records.map((r) => r.term)).size).toBe(20_000);

    const anki = await call<string>('GET', '/api/vocabulary/export?format=anki', { cookie });
    expect(anki.status).toBe(200);
    const cards = anki.body.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(cards).toHaveLength(20_000);
    expect(new Set(cards.map((c) => c.split('\t')[3])).size).toBe(20_000);

    const again = await importCsv(cookie, csv.body);
    expect(again.body).toEqual({ added: 0, merged: 20_000, errors: [] });
    // One more note would pass the learner's limit: refused whole.
    const over = await importCsv(cookie, 'term,translation\nNoch eins,one more\nWort7,word 7\n');
    expect(over.status).toBe(413);
    expect(over.body.error).toMatch(/would give you 20,001 notes; one learner can keep 20,000\. Nothing was imported/);
    expect(csvRecords((await call<string>('GET', '/api/vocabulary/export?format=csv', { cookie })).body)).toHaveLength(20_000);
  });

  it('20,001 rows answer 413 with what to do, and save nothing', async () => {
    const cookie = await newLearner();
    const res = await importCsv(cookie, rowsCsv(20_001));
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('The file has more than 20,000 rows, so nothing was imported: split it into files of at most 20,000 notes.');
    expect(await listNotes(cookie)).toEqual([]);
  });
});

// ---------------------------------------------------------------- look-ups

describe('POST /api/vocabulary/lookup', () => {
  /** P7_LAST_SENTENCE with a place no other test names: the look-up's cache key (which holds the sentence) is this file's alone. */
  const OWN_SENTENCE = P7_LAST_SENTENCE.replace('großes Interesse', `in ${uniqueWord('Wostotschny')} großes Interesse`);
  let ownSlug: string;

  beforeAll(async () => {
    const res = await fetch(`${app.baseUrl}/api/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...app.editorHeaders() },
      body: JSON.stringify({ title: `Raketen ${uniqueWord('Vokabeltest')}`, text: OWN_SENTENCE }),
    });
    expect(res.status).toBe(201);
    ownSlug = ((await res.json()) as { slug: string }).slug;
  });

  /** The requests DeepL answered for a look-up of `term` in OWN_SENTENCE. */
  const ownLookups = async (term: string) => (await app.fake.requestsFor(term)).filter((r) => r.params.context === OWN_SENTENCE);

  it('translates the selection with its sentence as DeepL context; the same look-up by a second learner asks DeepL nothing', async () => {
    const a = await newLearner();
    expect(await ownLookups('Raketentechnik')).toEqual([]);
    const res = await lookup(a, { slug: ownSlug, paragraph: 1, sentence: 0, text: 'Raketentechnik' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      term: 'Raketentechnik',
      context: OWN_SENTENCE,
      translation: 'EN(Raketentechnik)',
      error: null,
      code: null,
      baseForm: 'Raketentechnik',
      isNoun: true,
      nounArticle: 'die',
      existing: null,
      // The dictionary's answer (a compound it lacks, by its last part "Technik").
      word: { form: 'Raketentechnik', baseForm: 'Raketentechnik', partOfSpeech: 'noun', gender: 'die', plural: 'Raketentechniken', known: false, status: 'new' },
    });
    const sent = await ownLookups('Raketentechnik');
    expect(sent).toHaveLength(1);
    expect(sent[0].texts).toEqual(['Raketentechnik']);
    expect(sent[0].params.context).toBe(OWN_SENTENCE);

    const b = await newLearner();
    const again = await lookup(b, { slug: ownSlug, paragraph: 1, sentence: 0, text: 'Raketentechnik' });
    expect(again.status).toBe(200);
    expect(again.body.translation).toBe('EN(Raketentechnik)');
    expect(again.body.context).toBe(OWN_SENTENCE);
    expect(await ownLookups('Raketentechnik')).toHaveLength(1);
  });

  it('names the learner’s own note for the term, and only to that learner', async () => {
    const a = await newLearner();
    const note = await saveNote(a, { term: 'Wostotschny', translation: 'Vostochny' });
    const res = await lookup(a, { paragraph: 7, sentence: 0, text: 'Wostotschny' });
    expect(res.status).toBe(200);
    expect(res.body.existing?.id).toBe(note.id);
    // Another learner looking up the same word has no note for it.
    const other = await lookup(await newLearner(), { paragraph: 7, sentence: 0, text: 'Wostotschny' });
    expect(other.body.existing).toBeNull();
  });

  it('the 61st look-up in a minute by one learner answers 429 "Slow down"', async () => {
    const cookie = await newLearner();
    const selection = { paragraph: 7, sentence: 1, text: 'Ortswahl' };
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await lookup(cookie, selection)).status);
    expect(statuses).toEqual(Array(60).fill(200));
    const refused = await lookup(cookie, selection);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/Slow down/);
    // The limit is the learner's: another learner still gets an answer.
    expect((await lookup(await newLearner(), selection)).status).toBe(200);
  });
});

// ---------------------------------------------------------------- many learners at once

describe('many learners at once', () => {
  it('200 concurrent saves by 20 learners all answer 201, every learner lists their 10, and the database never reports locked', async () => {
    const learners = await Promise.all(Array.from({ length: 20 }, () => newLearner()));
    const saves = learners.flatMap((cookie, l) =>
      Array.from({ length: 10 }, (_, i) =>
        call<{ note: Note; error?: string }>('POST', '/api/vocabulary', {
          cookie,
          json: { term: `Testwort ${l}-${i}`, translation: `test word ${l}-${i}`, articleSlug: DEMO_SLUG, paragraph: 7 },
        }),
      ),
    );
    const answers = await Promise.all(saves);
    const failed = answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${JSON.stringify(a.body)}`);
    expect(failed).toEqual([]);

    const lists = await Promise.all(learners.map((cookie) => listNotes(cookie, '?sort=az')));
    lists.forEach((notes, l) => {
      expect(notes.map((n) => n.term).sort(), `learner ${l}`).toEqual(Array.from({ length: 10 }, (_, i) => `Testwort ${l}-${i}`).sort());
    });
    expect(app.output()).not.toMatch(/database is locked|SQLITE_BUSY/i);
  });
});

// ---------------------------------------------------------------- DeepL down (a server of its own: the circuit breaker opens for everyone on it)

describe('look-ups while DeepL answers 503', () => {
  let own: OwnApp;

  beforeAll(async () => {
    own = await startApp();
  });

  afterAll(async () => {
    await own?.stop();
  });

  it('answer 503 with the reason and the rest of the look-up, also while the breaker then holds requests back; never 500', async () => {
    const cookie = await newLearner(own);
    own.fake.setFault({ kind: 'status', status: 503 });
    const res = await lookup(cookie, { paragraph: 7, sentence: 0, text: 'Gesprächen' }, own);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      term: 'Gesprächen',
      context: P7_FIRST_SENTENCE,
      translation: null,
      code: 'unavailable',
      error: expect.stringMatching(/\w/),
    });
    // The breaker is open now: the next look-up is refused without asking DeepL, with the error it keeps.
    const attempts = own.fake.allTranslateAttempts;
    const held = await lookup(cookie, { paragraph: 7, sentence: 0, text: 'Osten' }, own);
    expect(held.status).toBe(503);
    expect(held.body).toMatchObject({ term: 'Osten', translation: null, error: expect.stringMatching(/\w/) });
    expect(own.fake.allTranslateAttempts).toBe(attempts);
  });
});
