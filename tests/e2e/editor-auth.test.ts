// Owns the editor protection of issue 6 over HTTP: with ADMIN_PASSWORD set, importing, removing and
// assignments need a signed-in editor (API routes and the Server Actions a script could call
// directly), the session cookie's attributes (Secure behind HTTPS), the slow-down after wrong
// passwords, and that reading, links and vocabulary stay open to everyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app-server';
import { callFormAction } from './support/server-actions';

const PASSWORD = 'Lehrerzimmer-2026';
const DEMO_SLUG = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
const DEMO_PATH = `/a/${DEMO_SLUG}`;
const REFUSED = 'Sign in as an editor first (this instance has an ADMIN_PASSWORD).';
const ACTIONS = {
  signIn: { file: 'app/editor-actions.ts', name: 'signInAction' },
  importArticle: { file: 'app/import/actions.ts', name: 'importArticleAction' },
  removeArticle: { file: 'app/editor-actions.ts', name: 'removeArticleAction' },
  createAssignment: { file: 'app/_components/reader/share-actions.ts', name: 'createAssignmentAction' },
  deleteAssignment: { file: 'app/editor-actions.ts', name: 'deleteAssignmentAction' },
};
const WAIT = { timeout: 15_000, interval: 200 };

let app: RunningApp;
/** Each test signs in from its own made-up client address, so one test's wrong tries never slow another:
 *  the tests play a proxy on loopback (TRUSTED_PROXIES=127.0.0.1) that forwards many clients. */
let clients = 0;
const newClient = () => ({ 'x-forwarded-for': `198.51.100.${++clients}` });

beforeAll(async () => {
  app = await startApp({ env: { ADMIN_PASSWORD: PASSWORD, TRUSTED_PROXIES: '127.0.0.1' } });
});

afterAll(async () => {
  await app?.stop();
});

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
  return callFormAction(app.baseUrl, DEMO_PATH, ACTIONS.createAssignment, { slug: DEMO_SLUG, from: '3', to: '5', task: 'Lies ¶3–5.', mode: '' }, cookie ? { cookie } : {});
}

async function articleStatus(slug: string): Promise<number> {
  return (await fetch(`${app.baseUrl}/api/articles/${slug}`)).status;
}

describe('without an editor session, editing is refused', () => {
  it.each<[string, () => Promise<{ status: number; error: unknown }>]>([
    ['POST /api/articles', async () => {
      const res = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Ein Satz.' }) });
      return { status: res.status, error: ((await res.json()) as { error: string }).error };
    }],
    ['DELETE /api/articles/{slug}', async () => {
      const res = await fetch(`${app.baseUrl}/api/articles/${DEMO_SLUG}`, { method: 'DELETE' });
      return { status: res.status, error: ((await res.json()) as { error: string }).error };
    }],
    ['POST /api/articles with a wrong bearer password', async () => {
      const res = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer Lehrerzimmer-2025' }, body: JSON.stringify({ text: 'Ein Satz.' }) });
      return { status: res.status, error: ((await res.json()) as { error: string }).error };
    }],
    ['POST /api/articles with a forged session cookie', async () => {
      const cookie = `nb-editor=${Date.now() + 86_400_000}.${'A'.repeat(43)}`;
      const res = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ text: 'Ein Satz.' }) });
      return { status: res.status, error: ((await res.json()) as { error: string }).error };
    }],
    ['the import form’s action, called directly', async () => {
      const a = await callFormAction(app.baseUrl, '/import', ACTIONS.importArticle, { title: '', text: 'Ein Satz ohne Anmeldung.' });
      return { status: 401, error: (a.result as { error?: string }).error };
    }],
    ['the remove-article action, called directly', async () => {
      const a = await callFormAction(app.baseUrl, DEMO_PATH, ACTIONS.removeArticle, { slug: DEMO_SLUG });
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
  ])('%s: 401 "Sign in as an editor first", nothing changed', async (_, attempt) => {
    const before = (await (await fetch(`${app.baseUrl}/`, { headers: { accept: 'text/html' } })).text()).match(/class="library-item"/g)?.length;
    expect(await attempt()).toEqual({ status: 401, error: REFUSED });
    expect(await articleStatus(DEMO_SLUG)).toBe(200);
    expect((await (await fetch(`${app.baseUrl}/`, { headers: { accept: 'text/html' } })).text()).match(/class="library-item"/g)?.length).toBe(before);
    expect((await (await fetch(`${app.baseUrl}/assignments`)).text())).not.toContain('Lies ¶3–5.');
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
    const viaApi = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ title: 'Vom Editor', text: 'Ein Satz vom Editor.' }) });
    expect(viaApi.status).toBe(201);
    const { slug } = (await viaApi.json()) as { slug: string };

    const viaForm = await callFormAction(app.baseUrl, '/import', ACTIONS.importArticle, { title: 'Vom Formular', text: 'Ein Satz aus dem Formular.' }, { cookie });
    expect(viaForm.headers.get('x-action-redirect')).toMatch(/^\/a\/vom-formular/);

    const made = await createAssignment(cookie);
    expect(made.result).toMatchObject({ ok: true, code: expect.stringMatching(/^[A-Za-z0-9_-]{11}$/) });
    const code = (made.result as { code: string }).code;
    expect((await fetch(`${app.baseUrl}/s/${code}`)).status).toBe(200);
    const deleted = await callFormAction(app.baseUrl, '/assignments', ACTIONS.deleteAssignment, { code }, { cookie });
    expect(deleted.result).toEqual({});
    expect((await fetch(`${app.baseUrl}/s/${code}`)).status).toBe(404);

    const removed = await fetch(`${app.baseUrl}/api/articles/${slug}`, { method: 'DELETE', headers: { cookie } });
    expect(removed.status).toBe(204);
    const viaAction = await callFormAction(app.baseUrl, DEMO_PATH, ACTIONS.removeArticle, { slug: 'vom-formular' }, { cookie });
    expect(viaAction.headers.get('x-action-redirect')).toMatch(/^\/(;|$)/);
    expect([await articleStatus(slug), await articleStatus('vom-formular')]).toEqual([404, 404]);
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

describe('with PUBLIC_BASE_URL on https', () => {
  let secureApp: RunningApp;

  beforeAll(async () => {
    secureApp = await startApp({ env: { ADMIN_PASSWORD: PASSWORD, PUBLIC_BASE_URL: 'https://deutsch.example-school.org' } });
  });

  afterAll(async () => {
    await secureApp?.stop();
  });

  it('the session cookie is Secure even when the proxy in front sends no X-Forwarded-Proto', async () => {
    const { setCookie } = await signIn(PASSWORD, newClient(), secureApp);
    expect(cookieAttributes(setCookie!)).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite']));
  });
});
