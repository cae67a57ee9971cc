// What DeepL answers is checked before it is stored (issue 11): a faulty or hostile server behind
// DEEPL_SERVER_URL answers with control and text-direction characters, or with megabytes for a sentence.
// Through deepl-node against the fake DeepL, which answers a text holding answerMarker(...) with exactly that.
import { describe, expect, it } from 'vitest';
import { importArticleOrThrow } from '@/lib/articles/import-article';
import { translateArticle } from '@/lib/articles/translate-article';
import { db } from '@/lib/db';
import { maxAnswerChars } from '@/lib/translation/answers';
import { translatePhrase } from '@/lib/translation/translate-phrase';
import { answerMarker } from '../fake-deepl/server';
import { useFakeDeepL } from '../support/fake-deepl-env';
import { banner, readerArticle, useManualBreaker } from '../support/translation-faults';

useFakeDeepL();
useManualBreaker();

const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
let counter = 0;

async function importWith(...paragraphs: string[]) {
  counter++;
  return importArticleOrThrow({ title: `Antworten ${counter}`, text: paragraphs.map((p) => `${p} (${counter})`).join('\n\n') });
}

describe('answers with control and text-direction characters', () => {
  it('are stored and shown without them, also when DeepL sends them as XML entities', async () => {
    const hostile = '<s i="0">Hello\u0000 wor\u202eld\u0085 &#x202E;again\u2066 &#1114112;</s>';
    const { id, slug } = await importWith(`Hallo Welt ${answerMarker(hostile)}.`);
    expect((await translateArticle(id)).error).toBeNull();
    const [block] = (await readerArticle(slug)).blocks;
    expect(block.translation).toMatchObject({ status: 'done', text: 'Hello world again \ufffd', sentences: [{ en: 'Hello world again \ufffd' }] });
    const rows = await db.translationCache.findMany({ select: { text: true, sentences: true } });
    expect(rows.filter((r) => UNSAFE.test(r.text) || UNSAFE.test(r.sentences ?? ''))).toEqual([]);
  });

  it('a selection look-up gets its English without them', async () => {
    const text = `Bank ${answerMarker('ba\u202enk\u0000\u0007')}`;
    const { translation } = await translatePhrase(text, 'Die Bank am Fluss.');
    expect(translation).toBe('bank');
  });
});

describe('an answer far longer than its German', () => {
  it('is refused like a failed translation: the German stays, the reader says why, the other paragraphs get English', async () => {
    const { id, slug } = await importWith('Ein normaler Absatz.', `Ein kurzer Satz ${answerMarker('A', 10_000_000)}.`);
    const outcome = await translateArticle(id);
    expect(outcome.error?.code).toBe('failed');
    const [normal, flooded] = (await readerArticle(slug)).blocks;
    expect(normal.translation.status).toBe('done');
    expect(flooded.translation).toMatchObject({ status: 'failed', code: 'failed' });
    expect(flooded.text).toMatch(/^Ein kurzer Satz /);
    expect((await banner(slug)).text).toContain('1 paragraph not translated. DeepL answered with 10,000,000 characters');
    const longest = await db.$queryRaw<Array<{ n: bigint }>>`SELECT MAX(LENGTH(text)) AS n FROM TranslationCache`;
    expect(Number(longest[0].n)).toBeLessThan(2_000);
  });

  it('is not stored for a look-up either', async () => {
    const text = `Wort ${answerMarker('x', 50_000)}`;
    expect(50_000).toBeGreaterThan(maxAnswerChars(text.length));
    await expect(translatePhrase(text, 'Ein Wort im Satz.')).rejects.toMatchObject({ code: 'failed' });
    expect(await db.translationCache.count({ where: { text: { startsWith: 'xxxx' } } })).toBe(0);
  });

  it('the bound is four times the German plus 1,000 characters: at it the answer is kept, past it refused', async () => {
    const text = (times: number) => `Grenze ${answerMarker('z', times)}`;
    const bound = maxAnswerChars(text(1000).length); // the same length for every four-digit count
    expect(bound).toBeGreaterThan(999);
    expect(bound).toBeLessThan(9_999);
    expect((await translatePhrase(text(bound), 'Die Grenze.')).translation).toBe('z'.repeat(bound));
    await expect(translatePhrase(text(bound + 1), 'Die Grenze.')).rejects.toMatchObject({ code: 'failed' });
  });
});
