import { getArticle } from '../../article';
import { parsePassage } from '@/lib/sharing/passage';

/** The article and the passage a /a/[slug]/p/[range] URL names, or null for a 404. */
export async function getPassage(slug: string, range: string) {
  const article = await getArticle(slug);
  if (!article) return null;
  const parsed = parsePassage(range, article.blocks.length);
  return parsed.ok ? { article, passage: parsed.passage } : null;
}
