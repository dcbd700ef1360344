-- DropIndex
DROP INDEX "Trajectory_orgId_recall_idx";

-- DropIndex
DROP INDEX "Trajectory_orgId_patchLines_idx";

-- DropIndex
DROP INDEX "Trajectory_orgId_totalTokens_idx";

-- DropIndex
DROP INDEX "Trajectory_orgId_maxToolOutputTokens_idx";

-- DropIndex
DROP INDEX "Trajectory_orgId_truncationRatio_idx";

-- DropIndex
DROP INDEX "Trajectory_orgId_steps_idx";

-- DropIndex
DROP INDEX "Trajectory_orgId_costUsd_idx";

-- CreateIndex
CREATE INDEX "Trajectory_orgId_recall_id_idx" ON "Trajectory"("orgId", "recall", "id");

-- CreateIndex
CREATE INDEX "Trajectory_orgId_patchLines_id_idx" ON "Trajectory"("orgId", "patchLines", "id");

-- CreateIndex
CREATE INDEX "Trajectory_orgId_totalTokens_id_idx" ON "Trajectory"("orgId", "totalTokens", "id");

-- CreateIndex
CREATE INDEX "Trajectory_orgId_maxToolOutputTokens_id_idx" ON "Trajectory"("orgId", "maxToolOutputTokens", "id");

-- CreateIndex
CREATE INDEX "Trajectory_orgId_truncationRatio_id_idx" ON "Trajectory"("orgId", "truncationRatio", "id");

-- CreateIndex
CREATE INDEX "Trajectory_orgId_steps_id_idx" ON "Trajectory"("orgId", "steps", "id");

-- CreateIndex
CREATE INDEX "Trajectory_orgId_costUsd_id_idx" ON "Trajectory"("orgId", "costUsd", "id");

-- Hand-written (the schema cannot express DESC NULLS LAST): the descending sorts get the id
-- tie-breaker too. Without it, a top page sorted by a column where many rows share the top value
-- (recall = 1, truncation ratio = 1) has to read and sort every one of those rows by id.
DROP INDEX IF EXISTS "Trajectory_orgId_recall_desc_idx";
DROP INDEX IF EXISTS "Trajectory_orgId_patchLines_desc_idx";
DROP INDEX IF EXISTS "Trajectory_orgId_totalTokens_desc_idx";
DROP INDEX IF EXISTS "Trajectory_orgId_maxToolOutputTokens_desc_idx";
DROP INDEX IF EXISTS "Trajectory_orgId_truncationRatio_desc_idx";
DROP INDEX IF EXISTS "Trajectory_orgId_costUsd_desc_idx";
DROP INDEX IF EXISTS "Trajectory_orgId_steps_desc_idx";
CREATE INDEX "Trajectory_orgId_recall_desc_idx" ON "Trajectory" ("orgId", "recall" DESC NULLS LAST, "id" DESC);
CREATE INDEX "Trajectory_orgId_patchLines_desc_idx" ON "Trajectory" ("orgId", "patchLines" DESC NULLS LAST, "id" DESC);
CREATE INDEX "Trajectory_orgId_totalTokens_desc_idx" ON "Trajectory" ("orgId", "totalTokens" DESC NULLS LAST, "id" DESC);
CREATE INDEX "Trajectory_orgId_maxToolOutputTokens_desc_idx" ON "Trajectory" ("orgId", "maxToolOutputTokens" DESC NULLS LAST, "id" DESC);
CREATE INDEX "Trajectory_orgId_truncationRatio_desc_idx" ON "Trajectory" ("orgId", "truncationRatio" DESC NULLS LAST, "id" DESC);
CREATE INDEX "Trajectory_orgId_costUsd_desc_idx" ON "Trajectory" ("orgId", "costUsd" DESC NULLS LAST, "id" DESC);
CREATE INDEX "Trajectory_orgId_steps_desc_idx" ON "Trajectory" ("orgId", "steps" DESC NULLS LAST, "id" DESC);
