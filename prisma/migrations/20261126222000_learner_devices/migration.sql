-- Devices signed in as a learner and the one-time codes that add them (lib/devices/, lib/vocabulary/learner.ts).

-- AlterTable
ALTER TABLE "Learner" ADD COLUMN "linkedAt" DATETIME;

-- CreateTable
CREATE TABLE "LearnerDevice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    CONSTRAINT "LearnerDevice_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeviceCode" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "DeviceCode_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LearnerDevice_learnerId_idx" ON "LearnerDevice"("learnerId");

-- CreateIndex
CREATE INDEX "DeviceCode_learnerId_idx" ON "DeviceCode"("learnerId");

-- CreateIndex
CREATE INDEX "DeviceCode_expiresAt_idx" ON "DeviceCode"("expiresAt");

