// Owns the editor protection of issues 6 and 11 over HTTP: importing, removing, assignments and
// "Translate again" need an editor (API routes and the Server Actions a script could call directly),
// the session cookie's attributes (Secure behind HTTPS), the one throttle on wrong passwords and links
// (the attacks of issue 11 as the tests), a fresh install without ADMIN_PASSWORD (the printed sign-in
// link), and that reading, links and vocabulary stay open to everyone.
// Most of it runs on the shared trustedProxy server: every password try comes from a made-up client of its
// own (X-Forwarded-For), what the refused requests would remove or translate is an article of this file's
// own, and what they would import holds a word no other test sends. "Translate again" (it opens the
// circuit breaker), the fresh install (what `npm start` printed) and PUBLIC_BASE_URL on https run on
// servers of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { slugify } from '@/lib/articles/slug';
import { sharedApp, startApp, uniqueClientAddress, uniqueWord, type OwnApp, type RunningApp } from './support/app-server';
import { libraryLists } from './support/library';
import { launchBrowser } from './support/browser';
import { callFormAction } from './support/server-actions';

const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
const DEMO_PATH = `/a/${DEMO_SLUG}`;
const REFUSED = 'Sign in as an editor first: at /signin, or send "Authorization: Bearer <ADMIN_PASSWORD>".';
const WRONG = 'That is not the editor password.';
const ACTIONS = {
  signIn: { file: 'app/editor-actions.ts', name: 'signInAction' },
  signInWithLink: { file: 'app/editor-actions.ts', name: 'signInWithLinkAction' },
  retryTranslation: { file: 'app/_components/reader/actions.ts', name: 'retryTranslationAction' },
  importArticle: { file: 'app/import/actions.ts', name: 'importArticleAction' },
  removeArticle: { file: 'app/editor-actions.ts', name: 'removeArticleAction' },
  createAssignment: { file: 'app/_components/reader/share-actions.ts', name: 'createAssignmentAction' },
  deleteAssignment: { file: 'app/editor-actions.ts', name: 'deleteAssignmentAction' },
};
const WAIT = { timeout: 15_000, interval: 200 };
/** In every text a refused request would have imported or sent to DeepL. */
const REFUSED_WORD = uniqueWord('Abgelehnt');
/** The article the refused requests would remove or translate again (not the demo, which other files read). */
const TARGET_WORD = uniqueWord('Zielwort');
const TARGET_TITLE = `Ziel ${TARGET_WORD}`;
const TARGET_SLUG = slugify(TARGET_TITLE);
const TARGET_PATH = `/a/${TARGET_SLUG}`;
const TASK = `Lies ¶3–5. ${uniqueWord('Aufgabe')}`;

let app: RunningApp;
/** The shared server's ADMIN_PASSWORD. */
let PASSWORD: string;
/**
 * Each test signs in from its own made-up client address, so one test's wrong tries never slow another
 * (the server trusts this test's X-Forwarded-For: TRUSTED_PROXIES=127.0.0.1).
 */
const newClient = () => ({ 'x-forwarded-for': uniqueClientAddress() });

beforeAll(async () => {
  app = sharedApp('trustedProxy');
  PASSWORD = app.adminPassword ?? '';
  const res = await fetch(`${app.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...app.editorHeaders() },
    body: JSON.stringify({ title: TARGET_TITLE, text: `Der ${TARGET_WORD} steht hier.\n\nEin zweiter Absatz.` }),
  });
  expect([res.status, ((await res.json()) as { slug: string }).slug]).toEqual([201, TARGET_SLUG]);
  // Translated before the tests count DeepL requests holding its word.
  await until(async () => (await blockStatuses(app, TARGET_SLUG)).every((status) => status === 'done'), `${TARGET_SLUG} translated`);
});

async function blockStatuses(target: RunningApp, slug: string): Promise<string[]> {
  return ((await (await fetch(`${target.baseUrl}/api/articles/${slug}`)).json()) as { blocks: Array<{ translation: { status: string } }> }).blocks.map((b) => b.translation.status);
}

/** Polls `check` until it holds (for hooks, where expect.poll is not available). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`Not within ${timeoutMs / 1000} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Signs in through the sign-in form's action; resolves with the Set-Cookie line of nb-editor, if any. */
async function signIn(password: string, headers: Record<string, string>, target: RunningApp = app) {
  const answer = await callFormAction(target.baseUrl, '/signin', ACTIONS.signIn, { password, next: '/assignments' }, headers);
  const setCookie = answer.headers.getSetCookie().find((c) => c.startsWith('nb-editor='));
  return { answer, setCookie, cookie: setCookie?.split(';')[0] };
}

function cookieAttributes(setCookie: string): string[] {
  return setCookie
    .split(';')
    .slice(1)
    .map((a) => a.trim().split('=')[0].toLowerCase());
}

async function createAssignment(cookie?: string) {
  return callFormAction(app.baseUrl, DEMO_PATH, ACTIONS.createAssignment, { slug: DEMO_SLUG, from: '3', to: '5', task: TASK, mode: '' }, cookie ? { cookie } : {});
}

async function articleStatus(slug: string): Promise<number> {
  return (await fetch(`${app.baseUrl}/api/articles/${slug}`)).status;
}

/** DeepL requests received (whatever the answer) holding this file's words: the refused requests' texts and the target's. */
async function deeplAttempts(): Promise<number> {
  return (await app.fake.attemptsFor(REFUSED_WORD)) + (await app.fake.attemptsFor(TARGET_WORD));
}

/** The assignments an editor sees. */
async function assignmentsPage(): Promise<string> {
  return (await fetch(`${app.baseUrl}/assignments`, { headers: { cookie: await app.editorCookie() } })).text();
}

describe('without an editor session, editing is refused', () => {
  it.each<[string, () => Promise<{ status: number; error: unknown }>, string?]>([
    ['POST /api/articles', async () => {
      const res = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `Ein Satz von ${REFUSED_WORD}.` }) });
      return { status: res.status, error: ((await res.json()) as { error: string }).error };
    }],
    ['DELETE /api/articles/{slug}', async () => {
      const res = await fetch(`${app.baseUrl}/api/articles/${TARGET_SLUG}`, { method: 'DELETE' });
      return { status: res.status, error: ((await res.json()) as { error: string }).error };
    }],
    ['POST /api/articles with a wrong bearer password', async () => {
      const res = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer Lehrerzimmer-2025', ...newClient() }, body: JSON.stringify({ text: `Ein Satz von ${REFUSED_WORD}.` }) });
      return { status: res.status, error: ((await res.json()) as { error: string }).error };
    }, WRONG],
    ['POST /api/articles with a wrong bearer password and a forged session cookie', async () => {
      const cookie = `nb-editor=${Date.now() + 86_400_000}.${'A'.repeat(43)}`;
      const res = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x', cookie, ...newClient() }, body: JSON.stringify({ text: `Ein Satz von ${REFUSED_WORD}.` }) });
      return { status: res.status, error: ((await res.json()) as { error: string }).error };
    }, WRONG],
    ['POST /api/articles with a forged session cookie', async () => {
      const cookie = `nb-editor=${Date.now() + 86_400_000}.${'A'.repeat(43)}`;
      const res = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ text: `Ein Satz von ${REFUSED_WORD}.` }) });
      return { status: res.status, error: ((await res.json()) as { error: string }).error };
    }],
    ['the import form’s action, called directly', async () => {
      const a = await callFormAction(app.baseUrl, '/import', ACTIONS.importArticle, { title: '', text: `Ein Satz ohne Anmeldung von ${REFUSED_WORD}.` });
      return { status: 401, error: (a.result as { error?: string }).error };
    }],
    ['the remove-article action, called directly', async () => {
      const a = await callFormAction(app.baseUrl, TARGET_PATH, ACTIONS.removeArticle, { slug: TARGET_SLUG });
      return { status: 401, error: (a.result as { error?: string }).error };
    }],
    ['the create-assignment action, called directly', async () => {
      const a = await createAssignment();
      return { status: 401, error: (a.result as { error?: string }).error };
    }],
    ['the delete-assignment action, called directly', async () => {
      const a = await callFormAction(app.baseUrl, '/assignments', ACTIONS.deleteAssignment, { code: 'abcdefghijk' });
      return { status: 401, error: (a.result as { error?: string }).error };
    }],
    ['"Translate again", called directly', async () => {
      const a = await callFormAction(app.baseUrl, TARGET_PATH, ACTIONS.retryTranslation, { slug: TARGET_SLUG });
      return { status: 401, error: (a.result as { error?: string }).error };
    }],
  ])('%s: 401 with what to do, nothing changed', async (_, attempt, error = REFUSED) => {
    const deepl = await deeplAttempts();
    expect(await attempt()).toEqual({ status: 401, error });
    expect([await articleStatus(DEMO_SLUG), await articleStatus(TARGET_SLUG)]).toEqual([200, 200]);
    expect(await libraryLists(app, REFUSED_WORD)).toBe(false);
    expect(await assignmentsPage()).not.toContain(TASK);
    expect(await deeplAttempts()).toBe(deepl);
  });

  it('a 401 from the API names the Bearer scheme (WWW-Authenticate)', async () => {
    const res = await fetch(`${app.baseUrl}/api/articles/${TARGET_SLUG}`, { method: 'DELETE' });
    expect([res.status, res.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="Nebeneinander editors"']);
  });
});

describe('signing in', () => {
  it('the password signs in with an HttpOnly, SameSite=Lax cookie for the whole site, not Secure over plain HTTP', async () => {
    const { setCookie, answer } = await signIn(PASSWORD, newClient());
    expect(answer.headers.get('x-action-redirect')).toMatch(/^\/assignments/);
    expect(setCookie).toBeDefined();
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=lax/i);
    expect(cookieAttributes(setCookie!)).not.toContain('secure');
  });

  it('behind an HTTPS proxy (X-Forwarded-Proto: https) the cookie is also Secure', async () => {
    const { setCookie } = await signIn(PASSWORD, { ...newClient(), 'x-forwarded-proto': 'https' });
    expect(cookieAttributes(setCookie!)).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite', 'path']));
  });

  it('a wrong password sets no cookie; a try right after, even with the right password, waits; then it works', async () => {
    const client = newClient();
    const wrongAt = Date.now();
    const wrong = await signIn('Lehrerzimmer-2025', client);
    expect([wrong.answer.result, wrong.setCookie]).toEqual([{ error: 'That is not the editor password.' }, undefined]);
    const early = await signIn(PASSWORD, client);
    expect([early.answer.result, early.setCookie]).toEqual([{ error: expect.stringMatching(/^Too many wrong passwords\. Try again in [12] s\.$/) }, undefined]);
    // Another client is not slowed down by this one's mistake.
    expect((await signIn(PASSWORD, newClient())).setCookie).toBeDefined();
    await expect.poll(async () => (await signIn(PASSWORD, client)).setCookie !== undefined, WAIT).toBe(true);
    expect(Date.now() - wrongAt).toBeGreaterThanOrEqual(1_900);
  });

  it('each further wrong password doubles the wait', async () => {
    const client = newClient();
    await signIn('falsch-1', client);
    await expect.poll(async () => (await signIn('falsch-2', client)).answer.result, WAIT).toEqual({ error: 'That is not the editor password.' });
    expect((await signIn(PASSWORD, client)).answer.result).toEqual({ error: expect.stringMatching(/^Too many wrong passwords\. Try again in [34] s\.$/) });
  });
});

describe('with an editor session', () => {
  let cookie: string;

  beforeAll(async () => {
    cookie = (await signIn(PASSWORD, newClient())).cookie!;
  });

  it('imports through the API and the form’s action, makes and deletes an assignment, and removes an article', async () => {
    const viaApi = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ title: `Vom Editor ${uniqueWord('Editor')}`, text: 'Ein Satz vom Editor.' }) });
    expect(viaApi.status).toBe(201);
    const { slug } = (await viaApi.json()) as { slug: string };

    const formTitle = `Vom Formular ${uniqueWord('Formular')}`;
    const formSlug = slugify(formTitle);
    const viaForm = await callFormAction(app.baseUrl, '/import', ACTIONS.importArticle, { title: formTitle, text: 'Ein Satz aus dem Formular.' }, { cookie });
    expect(viaForm.headers.get('x-action-redirect')).toMatch(new RegExp(`^/a/${formSlug}`));

    const made = await createAssignment(cookie);
    expect(made.result).toMatchObject({ ok: true, code: expect.stringMatching(/^[A-Za-z0-9_-]{11}$/) });
    const code = (made.result as { code: string }).code;
    expect((await fetch(`${app.baseUrl}/s/${code}`)).status).toBe(200);
    expect(await assignmentsPage()).toContain(TASK);
    const deleted = await callFormAction(app.baseUrl, '/assignments', ACTIONS.deleteAssignment, { code }, { cookie });
    expect(deleted.result).toEqual({});
    expect((await fetch(`${app.baseUrl}/s/${code}`)).status).toBe(404);

    const removed = await fetch(`${app.baseUrl}/api/articles/${slug}`, { method: 'DELETE', headers: { cookie } });
    expect(removed.status).toBe(204);
    const viaAction = await callFormAction(app.baseUrl, `/a/${formSlug}`, ACTIONS.removeArticle, { slug: formSlug }, { cookie });
    expect(viaAction.headers.get('x-action-redirect')).toMatch(/^\/(;|$)/);
    expect([await articleStatus(slug), await articleStatus(formSlug)]).toEqual([404, 404]);
  });

  it('"Sign out" on /assignments ends the session in that browser: /import asks to sign in again', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const [name, value] = cookie.split(/=(.*)/);
      await context.addCookies([{ name, value, url: app.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/assignments`);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((u) => u.pathname === '/');
      expect((await context.cookies()).map((c) => c.name)).not.toContain('nb-editor');
      await page.goto(`${app.baseUrl}/import`);
      expect(await page.locator('main').textContent()).toContain('only editors import articles');
    } finally {
      await browser.close();
    }
  });
});

describe('reading, links and vocabulary stay open to everyone', () => {
  let code: string;

  beforeAll(async () => {
    const cookie = (await signIn(PASSWORD, newClient())).cookie!;
    code = ((await createAssignment(cookie)).result as { code: string }).code;
  });

  it.each([
    ['the library', '/'],
    ['the reader', DEMO_PATH],
    ['a paragraph link', `${DEMO_PATH}/p/3-5`],
    ['its preview card', `${DEMO_PATH}/p/3-5/og.png`],
    ['its QR code', `${DEMO_PATH}/p/3-5/qr.svg`],
    ['an assignment link', 'ASSIGNMENT'],
    ['/vocabulary', '/vocabulary'],
    ['GET /api/articles/{slug}', `/api/articles/${DEMO_SLUG}`],
  ])('%s: 200 without signing in', async (_, urlPath) => {
    const res = await fetch(app.baseUrl + (urlPath === 'ASSIGNMENT' ? `/s/${code}` : urlPath), { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
  });

  it('a learner without an editor session saves, looks up, edits, exports, imports and deletes notes', async () => {
    const json = { 'content-type': 'application/json' };
    const first = await fetch(`${app.baseUrl}/api/vocabulary`, { method: 'POST', headers: json, body: JSON.stringify({ term: 'Weltraumbahnhof', translation: 'spaceport' }) });
    expect(first.status).toBe(201);
    const learner = { cookie: first.headers.getSetCookie()[0].split(';')[0] };
    const { note } = (await first.json()) as { note: { id: string } };
    const lookup = await fetch(`${app.baseUrl}/api/vocabulary/lookup`, { method: 'POST', headers: { ...json, ...learner }, body: JSON.stringify({ slug: DEMO_SLUG, paragraph: 7, sentence: 0, text: 'Weltraumbahnhof' }) });
    expect(lookup.status).toBe(200);
    const patched = await fetch(`${app.baseUrl}/api/vocabulary/${note.id}`, { method: 'PATCH', headers: { ...json, ...learner }, body: JSON.stringify({ note: 'Kosmodrom' }) });
    expect(patched.status).toBe(200);
    const exported = await fetch(`${app.baseUrl}/api/vocabulary/export?format=csv`, { headers: learner });
    expect([exported.status, (await exported.text()).includes('Kosmodrom')]).toEqual([200, true]);
    const imported = await fetch(`${app.baseUrl}/api/vocabulary/import`, { method: 'POST', headers: { 'content-type': 'text/csv', ...learner }, body: 'term,translation\r\nRakete,rocket\r\n' });
    expect([imported.status, await imported.json()]).toEqual([200, { added: 1, merged: 0, errors: [] }]);
    const deleted = await fetch(`${app.baseUrl}/api/vocabulary/${note.id}`, { method: 'DELETE', headers: learner });
    expect(deleted.status).toBe(200);
    const list = (await (await fetch(`${app.baseUrl}/api/vocabulary`, { headers: learner })).json()) as { notes: Array<{ term: string }> };
    expect(list.notes.map((n) => n.term)).toEqual(['Rakete']);
  });
});

describe('guessing the password (issue 11)', () => {
  const json = { 'content-type': 'application/json' };

  it('300 wrong Bearer guesses from one client: after the first, 429 with Retry-After, checked no faster than the waits allow; nothing imported, DeepL untouched', async () => {
    const client = newClient();
    const deepl = await deeplAttempts();
    const started = Date.now();
    const answers: Array<{ status: number; retryAfter: string | null }> = [];
    for (let i = 0; i < 300; i++) {
      const res = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { ...json, ...client, authorization: `Bearer guess-${i}-2026` }, body: JSON.stringify({ text: `Geraten ${i} von ${REFUSED_WORD}.` }) });
      await res.arrayBuffer();
      answers.push({ status: res.status, retryAfter: res.headers.get('retry-after') });
    }
    const elapsed = Date.now() - started;
    expect(answers[0].status).toBe(401);
    expect(answers[1]).toEqual({ status: 429, retryAfter: expect.stringMatching(/^[12]$/) });
    const checked = answers.filter((a) => a.status === 401).length;
    // Waits of 2 s, 4 s, 8 s, ... after each wrong guess: within `elapsed` at most this many are even looked at.
    expect(checked).toBeLessThanOrEqual(1 + Math.floor(Math.log2(elapsed / 2000 + 1)));
    expect(answers.filter((a) => a.status === 429)).toHaveLength(300 - checked);
    expect(answers.every((a) => a.status === 401 || Number(a.retryAfter) >= 1)).toBe(true);
    expect(await libraryLists(app, REFUSED_WORD)).toBe(false);
    expect(await deeplAttempts()).toBe(deepl);
  });

  it('a wrong Bearer on DELETE /api/articles/<unknown slug> answers 401, not the 404 a right one gets', async () => {
    const wrong = await fetch(`${app.baseUrl}/api/articles/no-such-article-here`, { method: 'DELETE', headers: { ...newClient(), authorization: 'Bearer Lehrerzimmer-2025' } });
    expect([wrong.status, ((await wrong.json()) as { error: string }).error]).toEqual([401, WRONG]);
    const right = await fetch(`${app.baseUrl}/api/articles/no-such-article-here`, { method: 'DELETE', headers: { ...newClient(), authorization: `Bearer ${PASSWORD}` } });
    expect(right.status).toBe(404);
  });

  it('40 wrong passwords from 40 other clients (form and Bearer) lock nobody out: the right password from a fresh client is accepted at once', async () => {
    // Each a client of its own /64 in IPv6's documentation prefix, as many as an attacker likes.
    for (let i = 1; i <= 20; i++) {
      expect((await signIn(`falsch-${i}`, newClient())).answer.result).toEqual({ error: WRONG });
      const res = await fetch(`${app.baseUrl}/api/articles/${TARGET_SLUG}`, { method: 'DELETE', headers: { ...newClient(), authorization: `Bearer falsch-${i}` } });
      expect(res.status).toBe(401);
    }
    expect((await signIn(PASSWORD, newClient())).setCookie).toBeDefined();
    const script = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { ...json, ...newClient(), authorization: `Bearer ${PASSWORD}` }, body: JSON.stringify({ title: `Trotz Angriff ${uniqueWord('Lehrer')}`, text: 'Der Lehrer kommt trotzdem herein.' }) });
    expect(script.status).toBe(201);
    expect([await articleStatus(DEMO_SLUG), await articleStatus(TARGET_SLUG)]).toEqual([200, 200]);
  });

  it('the form, the Bearer header and the sign-in link share one throttle', async () => {
    // A wrong Bearer: the same client's right password in the form waits.
    const a = newClient();
    await fetch(`${app.baseUrl}/api/articles/${TARGET_SLUG}`, { method: 'DELETE', headers: { ...a, authorization: 'Bearer falsch' } });
    expect((await signIn(PASSWORD, a)).answer.result).toEqual({ error: expect.stringMatching(/^Too many wrong passwords\. Try again in [12] s\.$/) });
    // A wrong password in the form: the same client's right Bearer waits (429).
    const b = newClient();
    await signIn('falsch', b);
    const bearer = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { ...json, ...b, authorization: `Bearer ${PASSWORD}` }, body: JSON.stringify({ text: `Ein Satz von ${REFUSED_WORD}.` }) });
    expect([bearer.status, bearer.headers.get('retry-after')]).toEqual([429, expect.stringMatching(/^[12]$/)]);
    // A made-up sign-in link: the same client's right password waits, and so does a real link from it.
    const token = new URL(await app.newSignInLink()).searchParams.get('token')!;
    const c = newClient();
    const madeUp = await callFormAction(app.baseUrl, '/signin', ACTIONS.signInWithLink, { token: 'A'.repeat(43), next: '/' }, c);
    expect(madeUp.result).toEqual({ error: expect.stringMatching(/^This sign-in link is not valid/) });
    expect((await signIn(PASSWORD, c)).answer.result).toEqual({ error: expect.stringMatching(/^Too many wrong passwords/) });
    const real = await callFormAction(app.baseUrl, '/signin', ACTIONS.signInWithLink, { token, next: '/' }, c);
    expect(real.result).toEqual({ error: expect.stringMatching(/^Too many wrong passwords/) });
    // From a client with no wrong tries the same link signs in.
    const fresh = await callFormAction(app.baseUrl, '/signin', ACTIONS.signInWithLink, { token, next: '/' }, newClient());
    expect(fresh.headers.getSetCookie().some((h) => h.startsWith('nb-editor='))).toBe(true);
  });
});

describe('"Translate again" (issue 11)', () => {
  const json = { 'content-type': 'application/json' };
  /** A server of its own: DeepL's 503 opens the circuit breaker for everyone on it. */
  let own: OwnApp;
  let slug: string;

  beforeAll(async () => {
    own = await startApp();
    // DeepL fails (503) for a new article: its blocks fail and the breaker holds requests back for 30 s.
    own.fake.setFault({ kind: 'status', status: 503 });
    const res = await fetch(`${own.baseUrl}/api/articles`, { method: 'POST', headers: { ...json, ...own.editorHeaders() }, body: JSON.stringify({ title: 'Nochmal', text: 'Die Übersetzung scheitert zuerst.' }) });
    slug = ((await res.json()) as { slug: string }).slug;
    await until(async () => (await blockStatuses(own, slug)).includes('failed'), 'the article shows a failed block');
  });

  afterAll(async () => {
    await own?.stop();
  });

  it('is refused to a learner, ten times over, and sends nothing to DeepL; a learner sees no button', async () => {
    const deepl = own.fake.allTranslateAttempts;
    for (let i = 0; i < 10; i++) {
      const answer = await callFormAction(own.baseUrl, `/a/${slug}`, ACTIONS.retryTranslation, { slug });
      expect(answer.result).toEqual({ error: REFUSED });
    }
    expect(own.fake.allTranslateAttempts).toBe(deepl);
    const html = await (await fetch(`${own.baseUrl}/a/${slug}`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('The app tries again by itself');
    expect(html).not.toContain('Translate again');
  });

  it('while the breaker is open, an editor’s "Translate again" sends nothing either, and says when the next try is', async () => {
    const deepl = own.fake.allTranslateAttempts;
    const answer = await callFormAction(own.baseUrl, `/a/${slug}`, ACTIONS.retryTranslation, { slug }, { cookie: await own.editorCookie() });
    expect(answer.result).toEqual({
      error: expect.stringMatching(/^Nothing was sent: DeepL answered with a server error \(503\)[^]* The next try is in about ([12]?[0-9]|30) s \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)\.$/),
    });
    expect(own.fake.allTranslateAttempts).toBe(deepl);
    // The page is the same HTML for everyone; the editor's browser adds the button once /api/session says editor.
    const html = await (await fetch(`${own.baseUrl}/a/${slug}`, { headers: { accept: 'text/html', cookie: await own.editorCookie() } })).text();
    expect(html).not.toContain('Translate again');
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      await own.signInBrowser(context);
      const page = await context.newPage();
      await page.goto(`${own.baseUrl}/a/${slug}`);
      await expect.poll(() => page.locator('.banner').getByRole('button', { name: 'Translate again' }).count(), { timeout: 10_000 }).toBe(1);
    } finally {
      await browser.close();
    }
  });
});

describe('a fresh install without ADMIN_PASSWORD', () => {
  let fresh: OwnApp;
  let browser: Browser;
  let printedLink: string;

  beforeAll(async () => {
    // Started as an operator starts it: `npm start` prints the sign-in link.
    fresh = await startApp({ viaNpmStart: true, adminPassword: null });
    browser = await launchBrowser();
    printedLink = /http:\/\/localhost:\d+\/signin\?token=[\w-]+/.exec(fresh.output())?.[0] ?? '';
  });

  afterAll(async () => {
    await browser?.close();
    await fresh?.stop();
  });

  async function newTab(viewport = { width: 1280, height: 800 }): Promise<Page> {
    return (await browser.newContext({ viewport })).newPage();
  }

  it('prints a sign-in link at start, with what it is for and how to get another', () => {
    expect(printedLink).toBe(`http://localhost:${new URL(fresh.baseUrl).port}/signin?token=${printedLink.split('token=')[1]}`);
    expect(printedLink.split('token=')[1]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh.output()).toContain('Open this link to sign your browser in as one');
    expect(fresh.output()).toContain('`npm run signin-link` prints a new one');
  });

  it('refuses importing, removing and assignments without credentials, saying how to sign in; reading stays open', async () => {
    const post = await fetch(`${fresh.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Ein Satz von irgendwem.' }) });
    expect(post.status).toBe(401);
    expect(((await post.json()) as { error: string }).error).toMatch(/^Sign in as an editor first: open the sign-in link that npm start printed \("npm run signin-link" on the server prints a new one\)\./);
    const bearer = await fetch(`${fresh.baseUrl}/api/articles/${DEMO_SLUG}`, { method: 'DELETE', headers: { authorization: 'Bearer irgendwas-langes' } });
    expect([bearer.status, ((await bearer.json()) as { error: string }).error]).toEqual([401, 'This instance has no ADMIN_PASSWORD to send: set one (at least 8 characters) and restart the app.']);
    const assignment = await callFormAction(fresh.baseUrl, DEMO_PATH, ACTIONS.createAssignment, { slug: DEMO_SLUG, from: '1', to: '2', task: 'Lies.', mode: '' });
    expect((assignment.result as { ok: boolean }).ok).toBe(false);
    for (const urlPath of ['/', DEMO_PATH, `${DEMO_PATH}/p/3-5`, '/vocabulary', `/api/articles/${DEMO_SLUG}`]) {
      expect((await fetch(fresh.baseUrl + urlPath, { headers: { accept: 'text/html' } })).status, urlPath).toBe(200);
    }
  });

  it('/signin says where the link is and how to get a new one', async () => {
    const page = await newTab();
    await page.goto(`${fresh.baseUrl}/signin`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('the terminal running npm start prints a sign-in link');
    expect(main).toContain('run npm run signin-link for a new one');
    await page.screenshot({ path: '/tmp/signin-no-password-desktop.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '/tmp/signin-no-password-phone.png', fullPage: true });
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth ?? Infinity)).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it('the printed link, opened in Chromium, signs that browser in and /import works; the same link again is refused', async () => {
    const page = await newTab();
    await page.goto(printedLink);
    await page.screenshot({ path: '/tmp/signin-link-desktop.png' });
    await Promise.all([page.waitForURL((u) => u.pathname === '/import', WAIT), page.getByRole('button', { name: 'Sign in on this browser' }).click()]);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'nb-editor');
    expect([cookie?.httpOnly, cookie?.sameSite]).toEqual([true, 'Lax']);
    const text = page.locator('#text');
    await expect
      .poll(async () => {
        await text.fill('Mit dem Link angemeldet\n\nDie Lehrerin importiert ihren ersten Artikel.');
        return page.locator('.import-form .count').textContent();
      }, WAIT)
      .toMatch(/^\d+ \/ 200,000 characters$/);
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/a/mit-dem-link-angemeldet'), WAIT), page.getByRole('button', { name: 'Import and read' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Mit dem Link angemeldet');
    await page.context().close();

    const again = await newTab({ width: 390, height: 844 });
    await again.goto(printedLink);
    await again.getByRole('button', { name: 'Sign in on this browser' }).click();
    const error = again.locator('.form-error');
    await expect.poll(async () => ((await error.count()) ? error.textContent() : null), WAIT).toMatch(/^This sign-in link has already been used; each link works once\. Run "npm run signin-link" on the server for a new one/);
    await again.screenshot({ path: '/tmp/signin-link-used-phone.png', fullPage: true });
    expect((await again.context().cookies()).map((c) => c.name)).not.toContain('nb-editor');
    await again.context().close();
  });

  it('a signed-in editor makes a link for another browser on /signin', async () => {
    const editor = await newTab();
    await fresh.signInBrowser(editor.context());
    await editor.goto(`${fresh.baseUrl}/signin`);
    expect(await editor.locator('h1').textContent()).toBe('Signed in as an editor');
    const link = editor.locator('output.sign-in-link');
    await expect
      .poll(async () => {
        if ((await link.count()) === 0) await editor.getByRole('button', { name: 'Make a sign-in link for another browser' }).click();
        return link.count();
      }, WAIT)
      .toBe(1);
    await editor.screenshot({ path: '/tmp/signin-editor-desktop.png', fullPage: true });
    const made = (await link.textContent()) ?? '';
    expect(made).toMatch(new RegExp(`^${fresh.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/signin\\?token=[\\w-]{43}$`));

    const other = await newTab();
    await other.goto(made);
    await Promise.all([other.waitForURL((u) => u.pathname === '/import', WAIT), other.getByRole('button', { name: 'Sign in on this browser' }).click()]);
    expect(await other.locator('#text').count()).toBe(1);
    await editor.context().close();
    await other.context().close();
  });
});

describe('with PUBLIC_BASE_URL on https', () => {
  let secureApp: OwnApp;

  beforeAll(async () => {
    secureApp = await startApp({ env: { PUBLIC_BASE_URL: 'https://deutsch.example-school.org' } });
  });

  afterAll(async () => {
    await secureApp?.stop();
  });

  it('the session cookie is Secure even when the proxy in front sends no X-Forwarded-Proto', async () => {
    const { setCookie } = await signIn(secureApp.adminPassword ?? '', newClient(), secureApp);
    expect(cookieAttributes(setCookie!)).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite']));
  });
});
