-- Devices signed in as a learner and the one-time codes that add them (lib/devices/, lib/vocabulary/learner.ts).

-- AlterTable
ALTER TABLE "Learner" ADD COLUMN "linkedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "LearnerDevice" (
    "id" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LearnerDevice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceCode" (
    "hash" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeviceCode_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE INDEX "LearnerDevice_learnerId_idx" ON "LearnerDevice"("learnerId");

-- CreateIndex
CREATE INDEX "DeviceCode_learnerId_idx" ON "DeviceCode"("learnerId");

-- CreateIndex
CREATE INDEX "DeviceCode_expiresAt_idx" ON "DeviceCode"("expiresAt");

-- AddForeignKey
ALTER TABLE "LearnerDevice" ADD CONSTRAINT "LearnerDevice_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceCode" ADD CONSTRAINT "DeviceCode_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;
