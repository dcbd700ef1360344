-- DropIndex
DROP INDEX "Trajectory_orgId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Trajectory_orgId_createdAt_id_idx" ON "Trajectory"("orgId", "createdAt", "id");

-- Above: generated. The browser pages by keyset, (createdAt, id) < (last row's): with the id in
-- the index that is one index range (a deep page by time reads ~100 entries instead of a
-- sequential scan and sort of everything after the cursor).

-- Below: hand-written (the schema cannot express operator classes). The "function contains" /
-- "file contains" filters are ILIKE '%term%' on "seedFunction" / "seedFile"; without an index
-- that reads every row (~130 ms at 200k rows). Trigram GIN indexes, like the one on "searchText",
-- answer terms of 3+ characters from the index. pg_trgm already exists since
-- 20261201094820_trajectory_search_and_views; IF NOT EXISTS keeps this migration self-contained.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Trajectory_seedFunction_trgm_idx" ON "Trajectory" USING GIN ("seedFunction" gin_trgm_ops);
CREATE INDEX "Trajectory_seedFile_trgm_idx" ON "Trajectory" USING GIN ("seedFile" gin_trgm_ops);
