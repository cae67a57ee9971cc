// A book's page, /a/{book}: its title, source and table of contents, each chapter a link to its reader. The
// same HTML for every visitor; nothing here is translated (a chapter is, when first opened).
import type { ReaderArticle } from '@/lib/articles/types';
import { countOf } from '@/lib/text/count';
import { RemoveArticleButton } from './editor-forms';
import { EditorSessionProvider, ForEditor } from './reader/editor-session';

export function BookContents({ book }: { book: ReaderArticle }) {
  const chapters = book.chapters ?? [];
  const paragraphs = chapters.reduce((sum, c) => sum + c.blockCount, 0);
  return (
    <article className="book" data-book={book.slug}>
      <EditorSessionProvider slug={book.slug} failed={0}>
        <header className="reader-head">
          <p className="meta">Book</p>
          <h1 lang="de">{book.title}</h1>
          {book.source && <p className="meta source">{book.source}</p>}
          <p className="meta">
            {countOf(chapters.length, 'chapter')}, {countOf(paragraphs, 'paragraph')} · each chapter is translated when it is first opened
          </p>
        </header>
        <h2 id="contents-heading">Contents</h2>
        <ol className="book-contents" aria-labelledby="contents-heading">
          {chapters.map((c) => (
            <li key={c.n}>
              <a href={`/a/${c.slug}`} lang="de">
                {c.title}
              </a>{' '}
              <span className="meta">{countOf(c.blockCount, 'paragraph')}</span>
            </li>
          ))}
        </ol>
        <ForEditor editor={<RemoveArticleButton slug={book.slug} book />} />
      </EditorSessionProvider>
    </article>
  );
}
