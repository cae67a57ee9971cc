// Owns issue 11's cross-site attacks: a page on another site makes a learner's browser post to the app
// (the text/plain form that wiped a vocabulary, a form to /api/articles, a Server Action form, fetches),
// and the same requests forged over HTTP against every state-changing route. Each is refused with 403
// before any work and before any cookie, and nothing changes; the app's own pages and scripts still work.
// Runs on the shared default server: the attacks go after an article of this file's own (not the demo,
// which other files read), and what they would have made holds a word no other test sends.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Response as PageResponse } from 'playwright-core';
import { slugify } from '@/lib/articles/slug';
import { sharedApp, uniqueWord, type RunningApp } from './support/app-server';
import { libraryLists } from './support/library';
import { launchBrowser } from './support/browser';
import { callFormAction, serverActionId } from './support/server-actions';

const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
const ATTACK = uniqueWord('Angriff');
/** The article the attacks would remove, assign or translate again; its first sentence holds the word they would look up. */
const TARGET_WORD = uniqueWord('Zielwort');
const TARGET_TITLE = `Ziel ${TARGET_WORD}`;
const TARGET_SLUG = slugify(TARGET_TITLE);
const TARGET_PATH = `/a/${TARGET_SLUG}`;
const REFUSED = /^Refused: this (POST|PUT|PATCH|DELETE) request was sent by a page on .+, so nothing was changed\. Nebeneinander only takes changes from its own pages: open http:\/\/127\.0\.0\.1:\d+ and do it there\.$/;
const ACTIONS = {
  importArticle: { file: 'app/import/actions.ts', name: 'importArticleAction' },
  removeArticle: { file: 'app/editor-actions.ts', name: 'removeArticleAction' },
  createAssignment: { file: 'app/_components/reader/share-actions.ts', name: 'createAssignmentAction' },
  deleteAssignment: { file: 'app/editor-actions.ts', name: 'deleteAssignmentAction' },
  retryTranslation: { file: 'app/_components/reader/actions.ts', name: 'retryTranslationAction' },
};

let app: RunningApp;
/** The learner whose notes the attacks go after (a script's cookie, for the HTTP tests). */
let learner: string;
let noteId: string;

beforeAll(async () => {
  app = sharedApp('default');
  const target = await fetch(`${app.baseUrl}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...app.editorHeaders() },
    body: JSON.stringify({ title: TARGET_TITLE, text: `Der ${TARGET_WORD} steht im ersten Absatz.\n\nDer zweite Absatz folgt.` }),
  });
  expect([target.status, ((await target.json()) as { slug: string }).slug]).toEqual([201, TARGET_SLUG]);
  expect(await libraryLists(app, TARGET_WORD), 'the library scan finds an article by its word').toBe(true);
  const saved = await fetch(`${app.baseUrl}/api/vocabulary`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ term: 'Weltraumbahnhof', translation: 'spaceport' }),
  });
  expect(saved.status).toBe(201);
  learner = saved.headers.getSetCookie()[0].split(';')[0];
  noteId = ((await saved.json()) as { note: { id: string } }).note.id;
});

async function noteTerms(cookie: string): Promise<string[]> {
  const res = await fetch(`${app.baseUrl}/api/vocabulary`, { headers: { cookie } });
  return ((await res.json()) as { notes: Array<{ term: string; note: string }> }).notes.map((n) => `${n.term}|${n.note}`);
}

/** What an attack could change: the library (an attack's article), the target and the demo, the learner's notes, the assignments (as an editor sees them). */
async function state() {
  const assignments = await (await fetch(`${app.baseUrl}/assignments`, { headers: { cookie: await app.editorCookie() } })).text();
  return {
    attackArticle: await libraryLists(app, ATTACK),
    target: (await fetch(`${app.baseUrl}/api/articles/${TARGET_SLUG}`)).status,
    demo: (await fetch(`${app.baseUrl}/api/articles/${DEMO_SLUG}`)).status,
    notes: await noteTerms(learner),
    attackAssignment: assignments.includes(ATTACK),
  };
}

/** DeepL requests answered for a look-up of the target's word (a look-up sends the selection alone). */
async function targetLookups(): Promise<number> {
  return (await app.fake.requestsFor(TARGET_WORD)).filter((r) => r.texts.includes(TARGET_WORD)).length;
}

// ---------------------------------------------------------------- forged over HTTP

/** Each state-changing route, as another site's page would make a browser send it (with the learner's cookie, as if the browser sent it). */
const ROUTES: Array<[string, string, () => string, { type: string; body: string } | null]> = [
  ['POST /api/articles', 'POST', () => '/api/articles', { type: 'application/json', body: JSON.stringify({ title: ATTACK, text: `${ATTACK}: ein Satz.` }) }],
  ['DELETE /api/articles/{slug}', 'DELETE', () => `/api/articles/${TARGET_SLUG}`, null],
  ['POST /api/vocabulary', 'POST', () => '/api/vocabulary', { type: 'application/json', body: JSON.stringify({ term: ATTACK, translation: 'attack' }) }],
  ['PATCH /api/vocabulary/{id}', 'PATCH', () => `/api/vocabulary/${noteId}`, { type: 'application/json', body: JSON.stringify({ note: ATTACK }) }],
  ['DELETE /api/vocabulary/{id}', 'DELETE', () => `/api/vocabulary/${noteId}`, null],
  ['POST /api/vocabulary/import (text/plain, as a form sends it)', 'POST', () => '/api/vocabulary/import', { type: 'text/plain', body: `term,translation\n${ATTACK},attack\n` }],
  ['POST /api/vocabulary/lookup', 'POST', () => '/api/vocabulary/lookup', { type: 'application/json', body: JSON.stringify({ slug: TARGET_SLUG, paragraph: 1, sentence: 0, text: TARGET_WORD }) }],
];

const FORGERIES: Array<[string, (app: RunningApp) => Record<string, string>]> = [
  ['Sec-Fetch-Site: cross-site', () => ({ 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.2:8080' })],
  ['another port of this host (same-site, not same-origin)', (a) => ({ 'sec-fetch-site': 'same-site', origin: a.baseUrl.replace(/:\d+$/, ':1') })],
  ['a browser without Sec-Fetch-*: another Origin', () => ({ origin: 'http://evil.example' })],
  ['a browser without Sec-Fetch-*: Origin "null" (sandboxed frame)', () => ({ origin: 'null' })],
  ['a forged X-Forwarded-Host matching the forged Origin', () => ({ origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' })],
];

describe('state-changing requests from another site are refused with 403, no cookie, nothing changed', () => {
  for (const [forgery, forged] of FORGERIES) {
    it.each(ROUTES)(`${forgery}: %s`, async (_, method, urlPath, body) => {
      const before = await state();
      for (const cookie of [learner, undefined]) {
        const headers = { ...forged(app), ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': body.type } : {}) };
        const res = await fetch(app.baseUrl + urlPath(), { method, headers, body: body?.body });
        expect(res.status).toBe(403);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        // The refusal carries the security headers of every other answer (next.config.js).
        expect([res.headers.get('x-frame-options'), res.headers.get('content-security-policy')]).toEqual(['DENY', expect.stringContaining("frame-ancestors 'none'")]);
        expect(((await res.json()) as { error: string }).error).toMatch(REFUSED);
        expect(res.headers.getSetCookie()).toEqual([]);
      }
      expect(await state()).toEqual(before);
      expect([await app.fake.attemptsFor(ATTACK), await targetLookups()]).toEqual([0, 0]);
    });
  }

  it.each<[string, keyof typeof ACTIONS, string, Record<string, string>]>([
    ['import an article', 'importArticle', '/import', { title: ATTACK, text: `${ATTACK}: ein Satz.` }],
    ['remove an article', 'removeArticle', TARGET_PATH, { slug: TARGET_SLUG }],
    ['make an assignment', 'createAssignment', TARGET_PATH, { slug: TARGET_SLUG, from: '1', to: '2', task: ATTACK, mode: '' }],
    ['delete an assignment', 'deleteAssignment', '/assignments', { code: 'abcdefghijk' }],
    ['translate again', 'retryTranslation', TARGET_PATH, { slug: TARGET_SLUG }],
  ])('Server Action “%s” from another site: 403 before Next runs it', async (_, action, pagePath, fields) => {
    const before = await state();
    for (const [, forged] of FORGERIES) {
      const answer = await callFormAction(app.baseUrl, pagePath, ACTIONS[action], fields, forged(app));
      expect(answer.status).toBe(403);
      expect((JSON.parse(answer.body) as { error: string }).error).toMatch(REFUSED);
      expect(answer.headers.getSetCookie()).toEqual([]);
    }
    expect(await state()).toEqual(before);
  });

  it('a GET from another site mints no learner cookie either (an image or a link to /api/vocabulary)', async () => {
    const res = await fetch(`${app.baseUrl}/api/vocabulary`, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/^Refused: this request was sent by a page on another site, so no learner was made\. Open http:\/\/127\.0\.0\.1:\d+\/vocabulary to see your notes\.$/);
    expect(res.headers.getSetCookie()).toEqual([]);
    // A link followed from another site carries the learner's Lax cookie: they see their notes.
    const followed = await fetch(`${app.baseUrl}/api/vocabulary`, { headers: { 'sec-fetch-site': 'cross-site', cookie: learner } });
    expect([followed.status, followed.headers.getSetCookie()]).toEqual([200, []]);
  });
});

describe('the app’s own pages and scripts still change things', () => {
  it.each<[string, (app: RunningApp) => Record<string, string>]>([
    ['a page of the app (Sec-Fetch-Site: same-origin)', (a) => ({ 'sec-fetch-site': 'same-origin', origin: a.baseUrl })],
    ['an older browser on a page of the app (its own Origin only)', (a) => ({ origin: a.baseUrl })],
    ['something typed or bookmarked (Sec-Fetch-Site: none)', () => ({ 'sec-fetch-site': 'none' })],
    ['a script (no Sec-Fetch-*, no Origin, no one’s cookies)', () => ({})],
  ])('%s: saves a note with a new learner cookie, and an editor’s Server Action runs', async (_, headers) => {
    const res = await fetch(`${app.baseUrl}/api/vocabulary`, {
      method: 'POST',
      headers: { ...headers(app), 'content-type': 'application/json' },
      body: JSON.stringify({ term: 'Rakete', translation: 'rocket' }),
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
    expect(cookie).toMatch(/^nb-learner=/);
    expect(await noteTerms(cookie!)).toEqual(['Rakete|']);
    const made = await callFormAction(app.baseUrl, TARGET_PATH, ACTIONS.createAssignment, { slug: TARGET_SLUG, from: '1', to: '1', task: `Lies ¶1. ${TARGET_WORD}`, mode: '' }, { ...headers(app), cookie: await app.editorCookie() });
    expect(made.result).toMatchObject({ ok: true, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{11}$/) });
  });
});

// ---------------------------------------------------------------- in the browser

/** A tiny site of the attacker's on loopback: `pages` by path, each an HTML document. */
async function startSite(host: string, pages: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const page = pages[req.url ?? ''];
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ?? 'not here');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The attacker's pages; `target` is the app's origin, `id` the learner's note they would like gone. */
function attackPages(target: string, id: string): Record<string, string> {
  const autoSubmit = '<script>document.forms[0].submit()</script>';
  const actionId = serverActionId(ACTIONS.importArticle.file, ACTIONS.importArticle.name);
  return {
    // The finding of issue 11: a text/plain form whose body is a CSV.
    '/import.html': `<form method="POST" enctype="text/plain" action="${target}/api/vocabulary/import"><input type="hidden" name="term,translation&#10;${ATTACK},attack&#10;x" value="y"></form>${autoSubmit}`,
    '/article.html': `<form method="POST" enctype="text/plain" action="${target}/api/articles"><input type="hidden" name='{"text":"${ATTACK}: ein Satz.","x":"' value='"}'></form>${autoSubmit}`,
    '/action.html': `<form method="POST" enctype="multipart/form-data" action="${target}/import"><input type="hidden" name="$ACTION_ID_${actionId}" value=""><input type="hidden" name="title" value="${ATTACK}"><input type="hidden" name="text" value="${ATTACK}: ein Satz."></form>${autoSubmit}`,
    '/fetch.html': `<script>
      window.done = Promise.all([
        fetch('${target}/api/vocabulary/import', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: 'term,translation\\n${ATTACK},attack\\n' }).then(() => 'sent', (e) => 'failed: ' + e.message),
        fetch('${target}/api/vocabulary/${id}', { method: 'DELETE', credentials: 'include' }).then((r) => 'answered ' + r.status, (e) => 'failed: ' + e.message),
      ]);
    </script>`,
  };
}

describe('in Chromium: another site’s page attacks a learner of http://127.0.0.1', () => {
  let browser: Browser;
  let context: BrowserContext;
  const sites: Array<{ url: string; close(): Promise<void> }> = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await Promise.all(sites.map((s) => s.close()));
    await browser?.close();
  });

  it('forms and fetches from 127.0.0.2 (another site) and from another port (same site): 403, the learner keeps cookie and notes', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    // The learner saves a note on the app's own page: a same-origin request, which goes through.
    await page.goto(`${app.baseUrl}/vocabulary`);
    const saved = await page.evaluate(async () => {
      const res = await fetch('/api/vocabulary', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ term: 'Weltraumbahnhof', translation: 'spaceport' }) });
      return { status: res.status, id: ((await res.json()) as { note: { id: string } }).note.id };
    });
    expect(saved.status).toBe(201);
    const cookieBefore = (await context.cookies(app.baseUrl)).find((c) => c.name === 'nb-learner');
    expect(cookieBefore).toBeDefined();
    const before = await state();

    const seen: Array<{ method: string; path: string; status: number }> = [];
    context.on('response', (r: PageResponse) => {
      if (r.url().startsWith(app.baseUrl) && r.request().method() !== 'GET') seen.push({ method: r.request().method(), path: new URL(r.url()).pathname, status: r.status() });
    });

    for (const host of ['127.0.0.2', '127.0.0.1']) {
      const site = await startSite(host, attackPages(app.baseUrl, saved.id));
      sites.push(site);
      for (const [attack, path] of [['/import.html', '/api/vocabulary/import'], ['/article.html', '/api/articles'], ['/action.html', '/import']]) {
        const answer = page.waitForResponse((r) => r.url() === app.baseUrl + path);
        await page.goto(site.url + attack);
        expect((await answer).status(), `${site.url}${attack}`).toBe(403);
        await page.waitForURL(app.baseUrl + path);
        expect(JSON.parse((await page.locator('body').textContent()) ?? '{}').error).toMatch(REFUSED);
      }
      await page.goto(`${site.url}/fetch.html`);
      const [noCors, deleted] = (await page.evaluate('window.done')) as [string, string];
      expect(noCors).toBe('sent');
      // DELETE is no simple request: Chromium asks first (CORS), gets no permission, and never sends it.
      expect(deleted).toMatch(/^failed: /);
    }

    expect(seen.filter((r) => r.method !== 'OPTIONS')).toEqual(
      [...Array(2)].flatMap(() => [
        { method: 'POST', path: '/api/vocabulary/import', status: 403 },
        { method: 'POST', path: '/api/articles', status: 403 },
        { method: 'POST', path: '/import', status: 403 },
        { method: 'POST', path: '/api/vocabulary/import', status: 403 },
      ]),
    );
    const cookieAfter = (await context.cookies(app.baseUrl)).find((c) => c.name === 'nb-learner');
    expect(cookieAfter?.value).toBe(cookieBefore?.value);
    expect(await state()).toEqual(before);
    await page.goto(`${app.baseUrl}/vocabulary`);
    const list = (await page.locator('main').textContent()) ?? '';
    expect(list).toContain('Weltraumbahnhof');
    expect(list).toContain('spaceport');
    expect(list).not.toContain(ATTACK);
    await context.close();
  });
});
