-- Wrong editor passwords and sign-in links per client, shared by every app process (lib/auth/throttle.ts).

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "wrong" INTEGER NOT NULL,
    "waitMs" INTEGER NOT NULL,
    "retryAt" BIGINT NOT NULL,
    "lastWrongAt" BIGINT NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SignInThrottle_lastWrongAt_idx" ON "SignInThrottle"("lastWrongAt");
