// The sentence-tag round trip: German sentences in <s i="k"> tags out, English sentences back.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const UNESCAPES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c]);
}

export function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    if (e[0] !== '#') return UNESCAPES[e.toLowerCase()];
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    // Past the last code point (&#x110000;) fromCodePoint throws: the whole batch would fail.
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** One DeepL text for one block: each sentence in its own tag, so the answer keeps the boundaries. */
export function tagSentences(sentences: readonly string[]): string {
  return sentences.map((s, i) => `<s i="${i}">${escapeXml(s)}</s>`).join(' ');
}

export type ParsedTranslation =
  | { aligned: true; sentences: string[]; text: string }
  | { aligned: false; text: string };

/**
 * Reads DeepL's answer for a tagged block. When every tag 0..count-1 comes back exactly once, in
 * order, with nothing but white space between them, the sentences are aligned one to one.
 * Otherwise the block falls back to one paragraph (tags stripped): never an error.
 */
export function parseTaggedTranslation(answer: string, count: number): ParsedTranslation {
  const sentences: string[] = [];
  const tag = /<s i="(\d+)">([\s\S]*?)<\/s>/g;
  let rest = '';
  let last = 0;
  let ok = true;
  for (let m = tag.exec(answer); m; m = tag.exec(answer)) {
    rest += answer.slice(last, m.index);
    last = tag.lastIndex;
    if (Number(m[1]) !== sentences.length || m[2].includes('<')) ok = false;
    sentences.push(unescapeXml(m[2]).trim());
  }
  rest += answer.slice(last);
  if (ok && sentences.length === count && rest.trim() === '') {
    return { aligned: true, sentences, text: sentences.join(' ') };
  }
  const text = unescapeXml(answer.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return { aligned: false, text };
}
