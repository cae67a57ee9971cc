// The reader as a page: the same HTML for every visitor (preferences are applied in the browser, editor
// controls fetched after load), translation kicked off after the response. Shared by /a/[slug],
// /a/[slug]/p/[range] and /s/[code]; everything it takes comes from the route's params.
import { after } from 'next/server';
import type { ReaderArticle } from '@/lib/articles/types';
import { translateArticle } from '@/lib/articles/translate-article';
import { getEnvOrThrow } from '@/lib/env';
import { publicOriginBehind } from '@/lib/net/trusted-proxies';
import type { ReaderMode } from '@/lib/reader/options';
import type { Passage } from '@/lib/sharing/passage';
import { ReaderView } from './reader-view';

export function ReaderPage(props: {
  article: ReaderArticle;
  /** An assignment's mode, used when the URL names none. */
  defaultMode?: ReaderMode | null;
  passage?: Passage;
  task?: string;
}) {
  const { article, passage, task } = props;
  const configured = getEnvOrThrow().PUBLIC_BASE_URL;
  // The German shows at once; missing English is fetched after the response and polled for.
  if (article.blocks.some((b) => b.translation.status === 'pending')) {
    after(() => translateArticle(article.id));
  }
  return (
    <ReaderView
      article={article}
      pageMode={props.defaultMode ?? null}
      passage={passage}
      task={task}
      origin={configured ? publicOriginBehind(() => null, false, undefined, configured) : null}
    />
  );
}
