// `npm run bench epub`: what a book costs. DeepL characters at import (none) and at opening chapter 2 (exactly
// its own), the time to read a large generated book (300 chapters) and to import it over HTTP, and how fast a
// zip bomb is refused.
import { startApp } from '../e2e/support/app-server';
import { prepareBookOrThrow } from '@/lib/articles/import-book';
import { readEpubOrThrow } from '@/lib/import/epub';
import { CHAPTER_2_TEXTS, buildEpub, largeEpub, zerosZip } from '../support/epub';
import { fmt, waitForEnglish } from './support';

type Add = (row: { area: string; measure: string; value: string; against: string; ratio: number | null; note?: string }) => void;

export async function epubBook(add: Add): Promise<void> {
  const app = await startApp({ env: { SEED_DEMO: 'false' } });
  try {
    const upload = async (bytes: Uint8Array, name: string) => {
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(bytes)], { type: 'application/epub+zip' }), name);
      const res = await fetch(`${app.baseUrl}/api/articles`, { method: 'POST', headers: app.editorHeaders(), body: form });
      if (res.status !== 201) throw new Error(`import answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { slug: string };
    };
    app.fake.reset();
    const { slug } = await upload(buildEpub(), 'reise.epub');
    await (await fetch(`${app.baseUrl}/a/${slug}`)).arrayBuffer(); // the contents page sends nothing either
    add({ area: 'EPUB', measure: 'import a 3-chapter book: characters to DeepL', value: `${app.fake.requestCount} requests, ${fmt(app.fake.billedChars)} chars`, against: 'limit 0', ratio: null });
    app.fake.reset();
    const start = performance.now();
    await (await fetch(`${app.baseUrl}/a/${slug}/2`)).arrayBuffer();
    await waitForEnglish(app.baseUrl, `${slug}/2`, start);
    const chapter2 = CHAPTER_2_TEXTS.join('').length;
    add({ area: 'EPUB', measure: 'open chapter 2: characters to DeepL', value: `${fmt(app.fake.billedChars)} of chapter 2's ${fmt(chapter2)}`, against: "chapter 2's characters", ratio: app.fake.billedChars / chapter2 });

    const large = largeEpub(300);
    const t0 = performance.now();
    const book = await readEpubOrThrow(large, 'lang.epub');
    const readMs = performance.now() - t0;
    const t1 = performance.now();
    const prepared = await prepareBookOrThrow(book);
    const splitMs = performance.now() - t1;
    const blocks = prepared.chapters.reduce((n, c) => n + c.blocks.length, 0);
    add({ area: 'EPUB', measure: `read a ${fmt(large.length / 1_000, 0)} KB book, 300 chapters, ${fmt(blocks)} paragraphs (worker + blocks)`, value: `${fmt(readMs)} ms`, against: '', ratio: null });
    add({ area: 'EPUB', measure: 'the same book: segmentation (sentences, in turns)', value: `${fmt(splitMs)} ms`, against: '', ratio: null });
    const t2 = performance.now();
    app.fake.reset();
    await upload(large, 'lang.epub');
    add({ area: 'EPUB', measure: 'the same book: POST /api/articles to 201 (one transaction)', value: `${fmt(performance.now() - t2)} ms, ${fmt(app.fake.billedChars)} chars to DeepL`, against: '', ratio: null });

    const bomb = zerosZip('OEBPS/text/kapitel-1.xhtml', 200_000_000);
    const lying = Buffer.from(bomb);
    for (let at = 0; at + 4 <= lying.length; at++) {
      const signature = lying.readUInt32LE(at);
      if (signature === 0x04034b50) lying.writeUInt32LE(1_000, at + 22);
      if (signature === 0x02014b50) lying.writeUInt32LE(1_000, at + 24);
    }
    for (const [what, bytes] of [['declared', bomb], ['declared as 1 KB', new Uint8Array(lying)]] as const) {
      const t = performance.now();
      const refused = await readEpubOrThrow(bytes, 'bombe.epub').then(() => 'read!', (e: Error) => e.message.slice(0, 40));
      add({ area: 'EPUB', measure: `zip bomb, 200 MB of zeros in ${fmt(bytes.length / 1_000, 0)} KB (${what}): refused`, value: `${fmt(performance.now() - t)} ms`, against: '', ratio: null, note: refused });
    }
  } finally {
    await app.stop();
  }
}
