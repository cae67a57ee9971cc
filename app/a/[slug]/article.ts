import { cache } from 'react';
import { getArticleBySlug } from '@/lib/articles/queries';

/** One query per request, shared by the metadata and the page. */
export const getArticle = cache(getArticleBySlug);
