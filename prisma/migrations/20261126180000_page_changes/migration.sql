-- Changes to what the cached pages show, read by every app process on this database (lib/cache/page-changes.ts).

-- CreateTable
CREATE TABLE "PageChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tags" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PageChange_at_idx" ON "PageChange"("at");

