// The articles HTTP API through `next start`: teachers' scripts depend on these paths and shapes.
// Runs on the shared default server: its titles and texts are this file's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedApp, startApp, type OwnApp, type RunningApp } from './support/app-server';

let app: RunningApp;
let own: Promise<OwnApp> | undefined;

beforeAll(() => {
  app = sharedApp('default');
});

afterAll(async () => {
  await (await own)?.stop();
});

/** A server of this file's own, for the refusals that count every article; started when first needed. */
const countingApp = () => (own ??= startApp());

function post(body: string, contentType = 'application/json') {
  return fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': contentType, ...app.editorHeaders() }, body });
}

interface ArticleJson {
  slug: string;
  title: string;
  blocks: Array<{ n: number; kind: string; text: string; credit?: string; translation: { status: string; text?: string; source?: string; sentences?: Array<{ de: string; en: string }> } }>;
}

async function getArticle(slug: string): Promise<ArticleJson> {
  const res = await fetch(`${app.baseUrl}/api/articles/${slug}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ArticleJson;
}

describe('POST /api/articles', () => {
  it('imports, answers 201 with slug and url, and translates right after', async () => {
    const text = 'Die API im Test\n\nEin Lehrer schickt einen Text. Die Klasse liest ihn.\n\nDann sprechen alle darüber.';
    const res = await post(JSON.stringify({ text }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { slug: string; url: string };
    expect(body.slug).toBe('die-api-im-test');
    expect(body.url).toBe(`${app.baseUrl}/a/die-api-im-test`);
    await expect
      .poll(async () => (await getArticle(body.slug)).blocks.map((b) => b.translation.status), { timeout: 20_000, interval: 200 })
      .toEqual(['done', 'done']);
    const article = await getArticle(body.slug);
    // The leading heading is the title, not also paragraph 1.
    expect(article.title).toBe('Die API im Test');
    expect(article.blocks[0]).toMatchObject({ n: 1, kind: 'paragraph', text: 'Ein Lehrer schickt einen Text. Die Klasse liest ihn.' });
    expect(article.blocks[0].translation).toEqual({
      status: 'done',
      source: 'deepl',
      text: 'EN(Ein Lehrer schickt einen Text.) EN(Die Klasse liest ihn.)',
      sentences: [
        { de: 'Ein Lehrer schickt einen Text.', en: 'EN(Ein Lehrer schickt einen Text.)' },
        { de: 'Die Klasse liest ihn.', en: 'EN(Die Klasse liest ihn.)' },
      ],
    });
    expect(await app.fake.requestsFor('Ein Lehrer schickt einen Text.')).toHaveLength(1);
  });

  it.each([
    ['empty text', JSON.stringify({ text: '   ' }), 'application/json', 400, /empty/],
    ['no text field', JSON.stringify({ title: 'x' }), 'application/json', 400, /"text"/],
    ['a title that is not a string', JSON.stringify({ title: 5, text: 'Ein Satz.' }), 'application/json', 400, /title/],
    ['broken JSON', '{"text": "Ein', 'application/json', 400, /not valid JSON/],
    ['a JSON array', '[1,2]', 'application/json', 400, /JSON object/],
    ['text over 200,000 characters', JSON.stringify({ text: 'a'.repeat(200_001) }), 'application/json', 413, /200,000/],
    ['a body over 1 MB', JSON.stringify({ text: 'ä'.repeat(600_000) }), 'application/json', 413, /larger than/],
    ['a form body', 'text=Hallo', 'application/x-www-form-urlencoded', 415, /application\/json/],
  ])('refuses %s with a message, storing nothing', async (_, body, type, status, message) => {
    // Counted on a server of this describe's own: on the shared one other files import meanwhile.
    const counted = await countingApp();
    const count = async () => (await (await fetch(counted.baseUrl)).text()).match(/href="\/a\//g)?.length ?? 0;
    const before = await count();
    const res = await fetch(`${counted.baseUrl}/api/articles`, { method: 'POST', headers: { 'content-type': type, ...counted.editorHeaders() }, body });
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: string };
    expect(json.error).toMatch(message);
    expect(await count()).toBe(before);
  });
});

describe('GET /api/articles/{slug}', () => {
  it('answers the demo article with its bundled translation and credits', async () => {
    const article = await getArticle('putin-und-kim-treffen-sich-am-weltraumbahnhof');
    expect(article.blocks).toHaveLength(15);
    expect(article.blocks.every((b) => b.translation.status === 'done' && b.translation.source === 'bundled')).toBe(true);
    expect(article.blocks[7]).toMatchObject({ kind: 'caption', credit: 'Bild: Mikhail Metzel, Sputnik, Kremlin Pool Photo via AP/picture alliance' });
  });

  it.each(['no-such-article', '..%2F..%2Fetc', 'a'.repeat(300), '%00'])('answers 404 JSON for %s', async (slug) => {
    const res = await fetch(`${app.baseUrl}/api/articles/${slug}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/No article/);
  });
});
