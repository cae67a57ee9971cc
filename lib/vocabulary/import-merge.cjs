// The vocabulary import's row and merge rule as SQL, written once for both databases: the SQLite writer
// (import-writer.cjs, on a worker thread) and the PostgreSQL one (import-postgres.ts). Identifiers are
// quoted and the stored row is named by its table, as PostgreSQL needs and SQLite accepts.
'use strict';

/** The columns of one imported row, in the order the rows are built (notes-bulk.ts, rowsJson). */
const COLUMNS = [
  'id',
  'learnerId',
  'term',
  'dedupeKey',
  'termWord',
  'baseWord',
  'baseForm',
  'nounArticle',
  'translation',
  'note',
  'context',
  'articleSlug',
  'articleTitle',
  'paragraph',
  'createdAt',
  'updatedAt',
  'lemma',
];

const stored = (column) => `"VocabularyNote"."${column}"`;

// A note with a term and translation the learner has already (its dedupe key) is merged as saveNote
// merges (notes.ts, mergedFields): its empty fields are filled, what the learner wrote stays. Two rows
// of one file with the same key merge the same way. SET reads the row as it was before the update.
const ON_CONFLICT_MERGE = `ON CONFLICT ("learnerId", "dedupeKey") DO UPDATE SET
    "baseWord" = CASE WHEN ${stored('baseForm')} = '' THEN excluded."baseWord" ELSE ${stored('baseWord')} END,
    "baseForm" = CASE WHEN ${stored('baseForm')} = '' THEN excluded."baseForm" ELSE ${stored('baseForm')} END,
    "lemma" = CASE WHEN ${stored('baseForm')} = '' AND excluded."baseForm" <> '' THEN excluded."lemma" ELSE ${stored('lemma')} END,
    "nounArticle" = coalesce(${stored('nounArticle')}, excluded."nounArticle"),
    "note" = CASE WHEN ${stored('note')} = '' THEN excluded."note" ELSE ${stored('note')} END,
    "context" = CASE WHEN ${stored('context')} = '' THEN excluded."context" ELSE ${stored('context')} END,
    "updatedAt" = excluded."updatedAt"`;

const QUOTED_COLUMNS = COLUMNS.map((c) => `"${c}"`).join(', ');

module.exports = { COLUMNS, QUOTED_COLUMNS, ON_CONFLICT_MERGE };
