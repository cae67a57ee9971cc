import Link from 'next/link';
import { listArticles } from '@/lib/articles/queries';
import { libraryPageSchema } from '@/lib/articles/schemas';
import { tagPage } from '@/lib/cache/pages';
import { ResumeHints } from '@/app/_components/resume-hints';
import { CoverageHints } from '@/app/_components/coverage-hints';
import { countOf } from '@/lib/text/count';

/** Pages are rendered when first asked for (proxy.ts maps `/?page=N` here) and kept in Next's cache. */
export function generateStaticParams() {
  return [];
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

type Props = { params: Promise<{ page: string }> };

export default async function LibraryPage({ params }: Props) {
  const page = libraryPageSchema.parse((await params).page);
  const { entries: articles, total, pages } = await listArticles(page);
  await tagPage({ library: true }, { final: true });
  return (
    <>
      <div className="page-head">
        <h1>Library</h1>
        <Link href="/import" className="button">
          Import an article
        </Link>
      </div>
      {articles.length === 0 ? (
        <p className="empty">
          No articles yet. <Link href="/import">Import a German article</Link> to read it beside its English.
        </p>
      ) : (
        <ul className="library" aria-label="Articles">
          {articles.map((a) => (
            <li key={a.slug} className="library-item">
              <h2 lang="de">
                <Link href={`/a/${a.slug}`}>{a.title}</Link>
              </h2>
              <p className="first-words" lang="de">
                {a.firstWords}
              </p>
              <p className="meta">
                {a.isDemo && <span className="badge">Demo</span>}
                {a.chapterCount !== undefined && <span className="badge">Book</span>}
                {a.chapterCount !== undefined && <span>{countOf(a.chapterCount, 'chapter')}</span>}
                <span>{countOf(a.blockCount, 'paragraph')}</span>
                <span>
                  {a.translatedCount === a.blockCount ? 'all translated' : `${a.translatedCount} of ${a.blockCount} translated`}
                </span>
                <time dateTime={a.createdAt.toISOString()}>{dateFormat.format(a.createdAt)}</time>
                <span data-coverage-for={a.slug} hidden className="coverage" />
                <a data-resume-for={a.slug} href={`/a/${a.slug}`} hidden className="resume" />
              </p>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav className="pager" aria-label="Library pages">
          {page > 1 && <Link href={page === 2 ? '/' : `/?page=${page - 1}`}>← Newer</Link>}
          <span>
            Page {Math.min(page, pages)} of {pages} · {total.toLocaleString('en')} articles
          </span>
          {page < pages && <Link href={`/?page=${page + 1}`}>Older →</Link>}
        </nav>
      )}
      <ResumeHints />
      <CoverageHints />
    </>
  );
}
