-- Word statuses (known words per learner), article lemma counts for coverage, and notes' lemma keys
-- (lib/vocabulary/word-status.ts, lib/words/article-lemmas.ts, lib/words/backfill.ts).

-- AlterTable
ALTER TABLE "Article" ADD COLUMN "runningWords" INTEGER;

-- AlterTable
ALTER TABLE "VocabularyNote" ADD COLUMN "lemma" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "ArticleLemma" (
    "articleId" INTEGER NOT NULL,
    "lemma" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ArticleLemma_pkey" PRIMARY KEY ("articleId","lemma")
);

-- CreateTable
CREATE TABLE "WordStatus" (
    "learnerId" TEXT NOT NULL,
    "lemma" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WordStatus_pkey" PRIMARY KEY ("learnerId","lemma")
);

-- CreateIndex
CREATE INDEX "Article_runningWords_idx" ON "Article"("runningWords");

-- CreateIndex
CREATE INDEX "VocabularyNote_learnerId_lemma_idx" ON "VocabularyNote"("learnerId", "lemma");

-- CreateIndex
CREATE INDEX "VocabularyNote_lemma_idx" ON "VocabularyNote"("lemma");

-- AddForeignKey
ALTER TABLE "ArticleLemma" ADD CONSTRAINT "ArticleLemma_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WordStatus" ADD CONSTRAINT "WordStatus_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
