// Plain shapes of articles as the pages and the HTTP API show them.
import type { BlockKind } from '../text/segment';
import type { TranslationErrorCode } from '../translation/types';

export type BlockTranslation =
  | {
      status: 'done';
      source: 'deepl' | 'bundled';
      text: string;
      /** Present when DeepL kept the sentence tags: English sentence i translates German sentence i. */
      sentences?: Array<{ de: string; en: string }>;
    }
  | { status: 'pending' }
  | { status: 'failed'; code: TranslationErrorCode; error: string };

export interface ReaderBlock {
  n: number;
  kind: BlockKind;
  text: string;
  credit?: string;
  /** German sentences of `text`. */
  sentences: string[];
  translation: BlockTranslation;
}

/** A chapter as its book's contents page and its neighbours' links name it. */
export interface ChapterEntry {
  n: number;
  title: string;
  slug: string;
  /** Its numbered blocks (paragraphs, headings, captions, quotes). */
  blockCount: number;
}

export interface ReaderArticle {
  id: number;
  slug: string;
  title: string;
  source: string | null;
  isDemo: boolean;
  createdAt: Date;
  blocks: ReaderBlock[];
  /** A book (EPUB): no blocks of its own, these chapters. */
  chapters?: ChapterEntry[];
  /** A chapter: its book and the chapters before and after it. */
  book?: { slug: string; title: string; n: number; chapterCount: number; previous: ChapterEntry | null; next: ChapterEntry | null };
}

export interface LibraryEntry {
  slug: string;
  title: string;
  firstWords: string;
  blockCount: number;
  translatedCount: number;
  createdAt: Date;
  isDemo: boolean;
  /** A book's chapter count (its blockCount and translatedCount are its chapters'). */
  chapterCount?: number;
}
