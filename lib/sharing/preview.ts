// What a chat app shows for a passage link: title, German description, and the image card text.
import type { ReaderArticle } from '../articles/types';
import { passageLabel, type Passage } from './passage';

const DESCRIPTION_CHARS = 200;

function trimTo(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))} …`;
}

export function passageBlocks(article: ReaderArticle, { from, to }: Passage) {
  return article.blocks.filter((b) => b.n >= from && b.n <= to);
}

export function passagePreview(article: ReaderArticle, passage: Passage, maxChars = DESCRIPTION_CHARS) {
  const blocks = passageBlocks(article, passage);
  const german = blocks.map((b) => b.text).join(' ');
  const english = blocks
    .map((b) => (b.translation.status === 'done' ? b.translation.text : ''))
    .filter(Boolean)
    .join(' ');
  return {
    title: `${article.title} ${passageLabel(passage)}`,
    description: trimTo(german, maxChars),
    german,
    english,
  };
}

export { trimTo };
