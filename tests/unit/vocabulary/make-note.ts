// A vocabulary note for export tests: "Weltraumbahnhof" with empty fields, overridden as a test needs.
import type { VocabularyNote } from '@/lib/vocabulary/types';

export function makeNote(fields: Partial<VocabularyNote>): VocabularyNote {
  return {
    id: 'n1',
    term: 'Weltraumbahnhof',
    baseForm: '',
    lemma: '',
    nounArticle: null,
    translation: '',
    note: '',
    context: '',
    articleSlug: null,
    articleTitle: null,
    paragraph: null,
    createdAt: '2026-11-20T09:30:00.000Z',
    updatedAt: '2026-11-20T09:30:00.000Z',
    ...fields,
  };
}
