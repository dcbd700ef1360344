-- AlterTable
ALTER TABLE "Trajectory" ADD COLUMN     "searchText" TEXT;

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SavedView_orgId_shared_idx" ON "SavedView"("orgId", "shared");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_orgId_userId_name_key" ON "SavedView"("orgId", "userId", "name");

-- CreateIndex
CREATE INDEX "Trajectory_orgId_steps_idx" ON "Trajectory"("orgId", "steps");

-- CreateIndex
CREATE INDEX "Trajectory_orgId_costUsd_idx" ON "Trajectory"("orgId", "costUsd");

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search in the trajectory browser: every query term must occur (ILIKE '%term%') in
-- "searchText"; a trigram GIN index turns that into an index scan instead of reading every body.
-- Written by hand (the schema diff cannot express operator classes, extensions or triggers).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Rows inserted without "searchText" (older code paths, raw SQL, tests) still get the instance
-- id and PR text, the same shape the app writes (server/engine/dataset/search-text.ts).
CREATE OR REPLACE FUNCTION "trajectory_default_search_text"() RETURNS trigger AS $$
BEGIN
  IF NEW."searchText" IS NULL THEN
    NEW."searchText" := left(concat_ws(E'\n', NEW."instanceId", NULLIF(NEW."prText", '')), 100000);
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Trajectory_default_search_text" BEFORE INSERT ON "Trajectory"
  FOR EACH ROW EXECUTE FUNCTION "trajectory_default_search_text"();

-- Keep the heap narrow: once a row is toasted (over ~2 kB, as rows with message text are),
-- Postgres moves long text (search text, PR text) out until the row is <= 256 bytes instead of
-- 2 kB, so counts, histograms and sorts that never read that text scan fewer pages.
-- Set before the backfill so the rewritten rows get it.
ALTER TABLE "Trajectory" SET (toast_tuple_target = 256);

-- Backfill: existing rows have no messages in Postgres (they live in the blob store), so PR text.
UPDATE "Trajectory" SET "searchText" = left(concat_ws(E'\n', "instanceId", NULLIF("prText", '')), 100000) WHERE "searchText" IS NULL;

CREATE INDEX "Trajectory_searchText_trgm_idx" ON "Trajectory" USING GIN ("searchText" gin_trgm_ops);

-- Header sorts put empty values last in both directions: "ASC NULLS LAST" is the btree order of
-- the (orgId, column) indexes above, "DESC NULLS LAST" needs its own (a backward scan gives
-- DESC NULLS FIRST), otherwise a descending sort reads and sorts the whole organization.
-- Hand-written because the schema cannot express NULLS LAST.
CREATE INDEX "Trajectory_orgId_recall_desc_idx" ON "Trajectory" ("orgId", "recall" DESC NULLS LAST);
CREATE INDEX "Trajectory_orgId_patchLines_desc_idx" ON "Trajectory" ("orgId", "patchLines" DESC NULLS LAST);
CREATE INDEX "Trajectory_orgId_totalTokens_desc_idx" ON "Trajectory" ("orgId", "totalTokens" DESC NULLS LAST);
CREATE INDEX "Trajectory_orgId_maxToolOutputTokens_desc_idx" ON "Trajectory" ("orgId", "maxToolOutputTokens" DESC NULLS LAST);
CREATE INDEX "Trajectory_orgId_truncationRatio_desc_idx" ON "Trajectory" ("orgId", "truncationRatio" DESC NULLS LAST);
CREATE INDEX "Trajectory_orgId_costUsd_desc_idx" ON "Trajectory" ("orgId", "costUsd" DESC NULLS LAST);
CREATE INDEX "Trajectory_orgId_steps_desc_idx" ON "Trajectory" ("orgId", "steps" DESC NULLS LAST);

-- The label facet (distinct labels) reads only labelled rows, usually a small share.
CREATE INDEX "Trajectory_orgId_labelled_idx" ON "Trajectory" ("orgId") WHERE "labels" <> '{}';
