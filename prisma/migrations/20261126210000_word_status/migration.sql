-- Word statuses (known words per learner), article lemma counts for coverage, and notes' lemma keys
-- (lib/vocabulary/word-status.ts, lib/words/article-lemmas.ts, lib/words/backfill.ts).

-- AlterTable
ALTER TABLE "Article" ADD COLUMN "runningWords" INTEGER;

-- CreateTable
CREATE TABLE "ArticleLemma" (
    "articleId" INTEGER NOT NULL,
    "lemma" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("articleId", "lemma"),
    CONSTRAINT "ArticleLemma_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WordStatus" (
    "learnerId" TEXT NOT NULL,
    "lemma" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("learnerId", "lemma"),
    CONSTRAINT "WordStatus_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "VocabularyNote" ADD COLUMN "lemma" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "VocabularyNote_learnerId_lemma_idx" ON "VocabularyNote"("learnerId", "lemma");

-- CreateIndex
CREATE INDEX "VocabularyNote_lemma_idx" ON "VocabularyNote"("lemma");

-- CreateIndex
CREATE INDEX "Article_runningWords_idx" ON "Article"("runningWords");

