// Reached only when an article goes away between proxy.ts's check and the page's render (see
// app/not-found.tsx). The page is rendered for Next's cache, where no request header can be read: the
// message cannot say why, but says what to do, and a 404 is never kept.
import ArticleNotFound from '@/app/_components/not-found/article-not-found';

export default function NotFound() {
  return <ArticleNotFound path={null} />;
}
