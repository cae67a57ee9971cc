// Owns the tests of the fake DeepL server (tests/fake-deepl/server.ts), driven through the real deepl-node client.
// Expected answers are written out by hand: what the fake must say, not what its own function says.
import { describe, it, expect, beforeAll, afterAll, beforeEach, vi } from 'vitest';
import * as deepl from 'deepl-node';
import { answerMarker, startFakeDeepL, fakeTranslate, type FakeDeepL } from '../fake-deepl/server';

const OPTS: deepl.TranslateTextOptions = {
  tagHandling: 'xml',
  splittingTags: ['s'],
  outlineDetection: false,
  splitSentences: 'nonewlines',
};
const SRC = `<s i="0">Hallo Welt.</s> <s i="1">Wie geht&apos;s?</s>`;
/** The fake's English for SRC: each sentence's text wrapped in EN(...), tags, entity and the space between kept. */
const SRC_EN = `<s i="0">EN(Hallo Welt.)</s> <s i="1">EN(Wie geht&apos;s?)</s>`;

describe('fake DeepL server', () => {
  let fake: FakeDeepL;
  let translator: deepl.Translator;
  const translate = (texts: string[], opts: deepl.TranslateTextOptions = { ...OPTS }) =>
    translator.translateText(texts, 'de', 'en-US', opts);

  beforeAll(async () => {
    fake = await startFakeDeepL();
    translator = new deepl.Translator('test-key:fx', { serverUrl: fake.url, maxRetries: 0 });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('keeps tags and attributes, wraps text nodes, keeps entities and outer whitespace', async () => {
    const [r] = await translate([SRC]);
    expect(r.text).toBe(SRC_EN);
    expect(r.detectedSourceLang).toBe('de');
    // fakeTranslate, which tests use to predict answers, gives the same strings.
    expect(fakeTranslate(SRC)).toBe(SRC_EN);
    expect(fakeTranslate('<p a="x>y"> A &amp; B <br/>C</p>')).toBe('<p a="x>y"> EN(A &amp; B) <br/>EN(C)</p>');
    expect(fakeTranslate('<s i="0">Hallo</s>')).toBe('<s i="0">EN(Hallo)</s>');
    expect(fakeTranslate('<s i="0"> \n </s><s i="1"/>')).toBe('<s i="0"> \n </s><s i="1"/>');
    expect(fakeTranslate('  Hallo  Welt \n')).toBe('  EN(Hallo  Welt) \n');
    expect(fakeTranslate('<b>Hund</b>', false)).toBe('EN(<b>Hund</b>)');
    expect(fakeTranslate('')).toBe('');
  });

  it('answers a text holding answerMarker(answer) with exactly that answer, the others as usual', async () => {
    const hostile = '<s i="0">Hi\u202e\u0000</s>';
    const res = await translate([`<s i="0">Hallo ${answerMarker(hostile)}</s>`, SRC, `<s i="0">${answerMarker('ab', 3)}</s>`]);
    expect(res.map((r) => r.text)).toEqual([hostile, SRC_EN, 'ababab']);
    expect(answerMarker('ab', 3)).toBe('[fake-answer:YWI*3]');
    expect(answerMarker('Hi')).toBe('[fake-answer:SGk]');
  });

  it('wraps the whole text when tag_handling is absent', async () => {
    const [r] = await translate(['<b>Hund</b>'], {});
    expect(r.text).toBe('EN(<b>Hund</b>)');
    expect(fake.requests[0].chars).toBe('<b>Hund</b>'.length);
  });

  it('answers one translation per text, in order, and logs params, auth key and billed chars', async () => {
    const res = await translate([SRC, '<s i="0">Eins &amp; zwei</s>']);
    expect(res.map((r) => r.text)).toEqual([SRC_EN, '<s i="0">EN(Eins &amp; zwei)</s>']);
    await translate(['<s i="0">Ja.</s>']);
    expect(fake.requestCount).toBe(2);
    expect(fake.allTranslateAttempts).toBe(2);
    const [first] = fake.requests;
    expect(first.texts).toHaveLength(2);
    expect(first.authKey).toBe('test-key:fx');
    expect(first.params).toMatchObject({
      source_lang: 'de', target_lang: 'en-US', tag_handling: 'xml', splitting_tags: 's',
      outline_detection: '0', split_sentences: 'nonewlines',
    });
    // Tags are not billed; entities count as the one character they stand for: "Hallo Welt." (11),
    // the space between the tags (1), "Wie geht's?" (11), then "Eins & zwei" (11).
    expect(first.chars).toBe(34);
    expect(res[0].billedCharacters).toBe(23);
    expect(res[1].billedCharacters).toBe(11);
    expect(fake.billedChars).toBe(34 + 3);
    const usage = await translator.getUsage();
    expect(usage.character?.count).toBe(37);
    expect(usage.character?.limit).toBe(500000);
  });

  it('lists languages in DeepL shape', async () => {
    expect((await translator.getSourceLanguages()).map((l) => l.code)).toEqual(['de', 'en']);
    expect((await translator.getTargetLanguages()).map((l) => l.code)).toEqual(['de', 'en-GB', 'en-US']);
  });

  it('rejects a missing key with 403 and unknown paths with 404', async () => {
    const noKey = await fetch(`${fake.url}/v2/translate`, { method: 'POST', body: new URLSearchParams({ text: 'x', target_lang: 'EN-US' }) });
    expect(noKey.status).toBe(403);
    expect(await noKey.json()).toHaveProperty('message');
    const unknown = await fetch(`${fake.url}/v2/nope`, { headers: { Authorization: 'DeepL-Auth-Key k' } });
    expect(unknown.status).toBe(404);
    expect(fake.requestCount).toBe(0);
    expect(fake.allTranslateAttempts).toBe(1);
  });

  it('answers 413 for a body over 128 KiB', async () => {
    await expect(translate(['a'.repeat(130 * 1024)])).rejects.toThrow(/413/);
    expect(fake.requestCount).toBe(0);
  });

  it('maps status faults to deepl-node errors and honours `times`', async () => {
    fake.setFault({ kind: 'status', status: 403 });
    await expect(translate([SRC])).rejects.toBeInstanceOf(deepl.AuthorizationError);
    fake.setFault({ kind: 'status', status: 456 });
    await expect(translate([SRC])).rejects.toBeInstanceOf(deepl.QuotaExceededError);
    fake.setFault({ kind: 'status', status: 429 });
    await expect(translate([SRC])).rejects.toBeInstanceOf(deepl.TooManyRequestsError);
    fake.setFault({ kind: 'status', status: 500, times: 1 });
    await expect(translate([SRC])).rejects.toBeInstanceOf(deepl.DeepLError);
    expect((await translate([SRC]))[0].text).toBe(SRC_EN);
    expect(fake.allTranslateAttempts).toBe(5);
    expect(fake.requestCount).toBe(1);
  });

  it('hangs until the client times out', async () => {
    fake.setFault({ kind: 'hang' });
    const impatient = new deepl.Translator('test-key:fx', { serverUrl: fake.url, maxRetries: 0, minTimeout: 300 });
    await expect(impatient.translateText([SRC], 'de', 'en-US', { ...OPTS })).rejects.toBeInstanceOf(deepl.ConnectionError);
    expect(fake.allTranslateAttempts).toBe(1);
    expect(fake.requestCount).toBe(0);
  });

  it('misalign drops the last sentence tag pair', async () => {
    fake.setFault({ kind: 'misalign' });
    const [r] = await translate([SRC]);
    expect(r.text).toBe(`<s i="0">EN(Hallo Welt.)</s> EN(Wie geht&apos;s?)`);
  });

  it('returns 456 once usageLimit would be exceeded', async () => {
    const small = await startFakeDeepL({ usageLimit: 5 });
    try {
      const t = new deepl.Translator('k', { serverUrl: small.url, maxRetries: 0 });
      expect((await t.translateText('Hallo', 'de', 'en-US')).text).toBe('EN(Hallo)');
      await expect(t.translateText('x', 'de', 'en-US')).rejects.toBeInstanceOf(deepl.QuotaExceededError);
      expect(small.billedChars).toBe(5);
    } finally {
      await small.close();
    }
  });

  it('delays every answer by the latency, on a clock the test moves', async () => {
    // Only the timers are faked: sockets and setImmediate run as usual, so the request really travels.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const slow = await startFakeDeepL();
    slow.setLatency(50);
    try {
      const t = new deepl.Translator('k', { serverUrl: slow.url, maxRetries: 0 });
      let answer: string | null = null;
      const done = t.translateText('Hallo', 'de', 'en-US').then((r) => (answer = r.text));
      while (slow.requestCount === 0) await new Promise((resolve) => setImmediate(resolve));
      await vi.advanceTimersByTimeAsync(49);
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(answer).toBeNull();
      await vi.advanceTimersByTimeAsync(1);
      await done;
      expect(answer).toBe('EN(Hallo)');
      vi.useRealTimers(); // the fake answers through setTimeout even without latency
      slow.setLatency(0);
      expect((await t.translateText('Welt', 'de', 'en-US')).text).toBe('EN(Welt)');
    } finally {
      vi.useRealTimers();
      await slow.close();
    }
  });
});
