-- Books (EPUB import): a book is an Article with isBook and no blocks, its chapters are Articles with bookId and
-- chapterN, slug "{book}/{n}" (lib/articles/import-book.ts). Removing the book removes its chapters.

-- AlterTable
ALTER TABLE "Article" ADD COLUMN "isBook" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "bookId" INTEGER,
ADD COLUMN "chapterN" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "Article_bookId_chapterN_key" ON "Article"("bookId", "chapterN");

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_bookId_fkey" FOREIGN KEY ("bookId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
