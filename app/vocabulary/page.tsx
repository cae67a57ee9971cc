import type { Metadata } from 'next';
import Link from 'next/link';
import { findLearnerId } from '@/lib/vocabulary/current-learner';
import { listNotes, noteArticles, type NoteSort } from '@/lib/vocabulary/notes';
import { DeviceLinker } from '../devices/device-controls';
import { ImportNotesForm } from './import-notes-form';
import { VocabularyList } from './vocabulary-list';

export const metadata: Metadata = { title: 'Your vocabulary' };
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 100;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export default async function VocabularyPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const search = one(params.q).slice(0, 200);
  const sort: NoteSort = one(params.sort) === 'az' ? 'az' : 'newest';
  const article = one(params.article);
  const learnerId = await findLearnerId();
  const [notes, articles] = await Promise.all([
    listNotes(learnerId, { search, sort, articleSlug: article || undefined }),
    noteArticles(learnerId),
  ]);
  const pages = Math.max(1, Math.ceil(notes.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, Number.parseInt(one(params.page), 10) || 1), pages);
  const shown = notes.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const filtered = Boolean(search || article);
  const pageHref = (n: number) => `/vocabulary?${new URLSearchParams({ ...(search && { q: search }), sort, ...(article && { article }), page: String(n) })}`;

  return (
    <>
      <div className="page-head">
        <h1>Your vocabulary</h1>
        <p className="meta">
          <a href="/api/vocabulary/export?format=csv" download>
            Export CSV
          </a>
          <a href="/api/vocabulary/export?format=anki" download>
            Export for Anki
          </a>
          <a href="/api/vocabulary/export?format=known" download>
            Export known words
          </a>
          <Link href="/devices">Use on another device</Link>
        </p>
      </div>
      <p className="lede">
        Words and phrases you saved while reading. Select German text in any article (or focus a sentence and press <kbd>w</kbd>) to add one.
        Your notes belong to this browser: to have them on another device too, make a code under “Use on another device”; export them to
        keep a copy.
      </p>
      <form className="vocab-filters" role="search" action="/vocabulary">
        <label className="field">
          <span>Search</span>
          <input type="search" name="q" defaultValue={search} placeholder="Word, translation or note" maxLength={200} />
        </label>
        <label className="field">
          <span>Sort</span>
          <select name="sort" defaultValue={sort}>
            <option value="newest">Newest first</option>
            <option value="az">A–Z</option>
          </select>
        </label>
        <label className="field">
          <span>Article</span>
          <select name="article" defaultValue={article}>
            <option value="">All articles</option>
            {articles.map((a) => (
              <option key={a.slug} value={a.slug}>
                {a.title} ({a.count})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button small">
          Show
        </button>
        {filtered && <Link href="/vocabulary">Clear</Link>}
      </form>
      <VocabularyList notes={shown} total={notes.length} filtered={filtered} />
      {pages > 1 && (
        <nav className="pager" aria-label="Pages">
          {page > 1 ? <Link href={pageHref(page - 1)}>← Previous</Link> : <span />}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link href={pageHref(page + 1)}>Next →</Link> : <span />}
        </nav>
      )}
      <DeviceLinker />
      <p>
        <Link href="/devices">Your devices</Link>: see and revoke the browsers that have your notes.
      </p>
      <ImportNotesForm />
    </>
  );
}
