-- Translations in flight, claimed per cache key by the app process sending them, and each process's heartbeat (lib/translation/claims.ts).

-- CreateTable
CREATE TABLE "TranslationClaim" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "chars" INTEGER NOT NULL,
    "claimedAt" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "AppProcess" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seenAt" BIGINT NOT NULL
);

-- CreateIndex
CREATE INDEX "TranslationClaim_owner_idx" ON "TranslationClaim"("owner");

