// The reader as a page: preferences from the URL and cookies, translation kicked off after the
// response. Shared by /a/[slug], /a/[slug]/p/[range] and /s/[code].
import { cookies } from 'next/headers';
import { after } from 'next/server';
import type { ReaderArticle } from '@/lib/articles/types';
import { translateArticle } from '@/lib/articles/translate-article';
import { isEditorRequest } from '@/lib/auth/current-editor';
import { PREFERENCE_COOKIES, resolveMode, resolveTextSize, type ReaderMode } from '@/lib/reader/preferences';
import { pageOrigin } from '@/lib/sharing/origin';
import type { Passage } from '@/lib/sharing/passage';
import { ReaderView } from './reader-view';

export async function ReaderPage(props: {
  article: ReaderArticle;
  modeFromUrl: unknown;
  /** An assignment's mode, used when the URL names none. */
  defaultMode?: ReaderMode | null;
  passage?: Passage;
  task?: string;
}) {
  const { article, passage, task } = props;
  const jar = await cookies();
  const mode = resolveMode(props.modeFromUrl ?? props.defaultMode ?? undefined, jar.get(PREFERENCE_COOKIES.mode)?.value);
  const size = resolveTextSize(jar.get(PREFERENCE_COOKIES.size)?.value);
  // The German shows at once; missing English is fetched after the response and polled for.
  if (mode !== 'german' && article.blocks.some((b) => b.translation.status === 'pending')) {
    after(() => translateArticle(article.id));
  }
  return (
    <ReaderView
      article={article}
      mode={mode}
      size={size}
      passage={passage}
      task={task}
      origin={await pageOrigin()}
      canEdit={await isEditorRequest()}
    />
  );
}
