-- The DeepL circuit breaker while it is open, shared by the app processes on this database (lib/translation/shared-breaker.ts).

-- CreateTable
CREATE TABLE "DeepLBreaker" (
    "fingerprint" TEXT NOT NULL PRIMARY KEY,
    "reason" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "since" BIGINT NOT NULL,
    "pauseMs" INTEGER NOT NULL,
    "retryAt" BIGINT,
    "checkUsageAt" BIGINT,
    "usageCount" BIGINT,
    "usageLimit" BIGINT,
    "writer" TEXT NOT NULL,
    "writtenAt" BIGINT NOT NULL
);

