-- The exports read a learner's notes a page at a time by (createdAt, id): with id in the index, each
-- page is one range seek instead of a scan and sort of all the learner's notes.
-- DropIndex
DROP INDEX "VocabularyNote_learnerId_createdAt_idx";

-- CreateIndex
CREATE INDEX "VocabularyNote_learnerId_createdAt_id_idx" ON "VocabularyNote"("learnerId", "createdAt", "id");
