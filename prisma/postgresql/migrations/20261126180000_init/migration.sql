-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Article" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "source" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemovedArticle" (
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "removedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RemovedArticle_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "articleId" INTEGER NOT NULL,
    "fromN" INTEGER NOT NULL,
    "toN" INTEGER NOT NULL,
    "task" TEXT NOT NULL,
    "mode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Block" (
    "id" SERIAL NOT NULL,
    "articleId" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "credit" TEXT,
    "sentences" TEXT NOT NULL,
    "cacheKey" TEXT NOT NULL,

    CONSTRAINT "Block_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TranslationCache" (
    "key" TEXT NOT NULL,
    "engine" TEXT NOT NULL,
    "targetLang" TEXT NOT NULL,
    "sentences" TEXT,
    "text" TEXT NOT NULL,
    "aligned" BOOLEAN NOT NULL,
    "billedChars" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TranslationCache_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "TranslationFailure" (
    "key" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "failedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TranslationFailure_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Learner" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Learner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VocabularyNote" (
    "id" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "termWord" TEXT NOT NULL DEFAULT '',
    "baseWord" TEXT NOT NULL DEFAULT '',
    "baseForm" TEXT NOT NULL DEFAULT '',
    "nounArticle" TEXT,
    "translation" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "context" TEXT NOT NULL DEFAULT '',
    "articleSlug" TEXT,
    "articleTitle" TEXT,
    "paragraph" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VocabularyNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppSecret_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "PageChange" (
    "id" TEXT NOT NULL,
    "tags" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PageChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LookupTake" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LookupTake_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TranslationClaim" (
    "key" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "chars" INTEGER NOT NULL,
    "claimedAt" BIGINT NOT NULL,

    CONSTRAINT "TranslationClaim_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AppProcess" (
    "id" TEXT NOT NULL,
    "seenAt" BIGINT NOT NULL,

    CONSTRAINT "AppProcess_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Article_slug_key" ON "Article"("slug");

-- CreateIndex
CREATE INDEX "Article_createdAt_idx" ON "Article"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_code_key" ON "Assignment"("code");

-- CreateIndex
CREATE INDEX "Assignment_createdAt_idx" ON "Assignment"("createdAt");

-- CreateIndex
CREATE INDEX "Block_cacheKey_idx" ON "Block"("cacheKey");

-- CreateIndex
CREATE UNIQUE INDEX "Block_articleId_n_key" ON "Block"("articleId", "n");

-- CreateIndex
CREATE INDEX "VocabularyNote_learnerId_createdAt_id_idx" ON "VocabularyNote"("learnerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "VocabularyNote_learnerId_termWord_idx" ON "VocabularyNote"("learnerId", "termWord");

-- CreateIndex
CREATE INDEX "VocabularyNote_learnerId_baseWord_idx" ON "VocabularyNote"("learnerId", "baseWord");

-- CreateIndex
CREATE UNIQUE INDEX "VocabularyNote_learnerId_dedupeKey_key" ON "VocabularyNote"("learnerId", "dedupeKey");

-- CreateIndex
CREATE INDEX "PageChange_at_idx" ON "PageChange"("at");

-- CreateIndex
CREATE INDEX "LookupTake_key_at_idx" ON "LookupTake"("key", "at");

-- CreateIndex
CREATE INDEX "LookupTake_at_idx" ON "LookupTake"("at");

-- CreateIndex
CREATE INDEX "TranslationClaim_owner_idx" ON "TranslationClaim"("owner");

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Block" ADD CONSTRAINT "Block_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VocabularyNote" ADD CONSTRAINT "VocabularyNote_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

