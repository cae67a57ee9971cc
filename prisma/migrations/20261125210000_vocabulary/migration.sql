-- CreateTable
CREATE TABLE "Learner" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "VocabularyNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VocabularyNote_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppSecret" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "VocabularyNote_learnerId_createdAt_idx" ON "VocabularyNote"("learnerId", "createdAt");

-- CreateIndex
CREATE INDEX "VocabularyNote_learnerId_termWord_idx" ON "VocabularyNote"("learnerId", "termWord");

-- CreateIndex
CREATE INDEX "VocabularyNote_learnerId_baseWord_idx" ON "VocabularyNote"("learnerId", "baseWord");

-- CreateIndex
CREATE UNIQUE INDEX "VocabularyNote_learnerId_dedupeKey_key" ON "VocabularyNote"("learnerId", "dedupeKey");

