// What a chat app shows for a passage link: title, German description, and the image card text.
import type { ReaderArticle } from '../articles/types';
import { passageLabel, type Passage } from './passage';

const DESCRIPTION_CHARS = 200;

export function trimTo(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))} …`;
}

function passageBlocks(article: ReaderArticle, { from, to }: Passage) {
  return article.blocks.filter((b) => b.n >= from && b.n <= to);
}

/** Title, description (the German, trimmed) and each block's German and English for the image card. */
export function passagePreview(article: ReaderArticle, passage: Passage, maxChars = DESCRIPTION_CHARS) {
  const blocks = passageBlocks(article, passage).map((b) => ({
    kind: b.kind,
    de: b.text,
    en: b.translation.status === 'done' ? b.translation.text : '',
  }));
  return {
    title: `${article.title} ${passageLabel(passage)}`,
    description: trimTo(blocks.map((b) => b.de).join(' — '), maxChars),
    blocks,
  };
}

/** The blocks' texts in order until `budget` characters, the last one trimmed. */
export function fitBlocks(texts: Array<{ kind: string; text: string }>, budget: number) {
  const out: Array<{ kind: string; text: string }> = [];
  for (const t of texts) {
    if (budget <= 20 || !t.text) break;
    out.push({ kind: t.kind, text: trimTo(t.text, budget) });
    budget -= t.text.length;
  }
  return out;
}

