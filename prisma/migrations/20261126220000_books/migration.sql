-- Books (EPUB import): a book is an Article with isBook and no blocks, its chapters are Articles with bookId and
-- chapterN, slug "{book}/{n}" (lib/articles/import-book.ts). Removing the book removes its chapters.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Article" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "source" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "runningWords" INTEGER,
    "isBook" BOOLEAN NOT NULL DEFAULT false,
    "bookId" INTEGER,
    "chapterN" INTEGER,
    CONSTRAINT "Article_bookId_fkey" FOREIGN KEY ("bookId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Article" ("createdAt", "id", "isDemo", "runningWords", "slug", "source", "title") SELECT "createdAt", "id", "isDemo", "runningWords", "slug", "source", "title" FROM "Article";
DROP TABLE "Article";
ALTER TABLE "new_Article" RENAME TO "Article";
CREATE UNIQUE INDEX "Article_slug_key" ON "Article"("slug");
CREATE INDEX "Article_createdAt_idx" ON "Article"("createdAt");
CREATE INDEX "Article_runningWords_idx" ON "Article"("runningWords");
CREATE UNIQUE INDEX "Article_bookId_chapterN_key" ON "Article"("bookId", "chapterN");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

