-- Selection look-ups counted per key for a minute, by every app process on the database (lib/vocabulary/rate-limit.ts).

-- CreateTable
CREATE TABLE "LookupTake" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "LookupTake_key_at_idx" ON "LookupTake"("key", "at");

-- CreateIndex
CREATE INDEX "LookupTake_at_idx" ON "LookupTake"("at");

