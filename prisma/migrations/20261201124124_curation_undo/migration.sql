-- CreateTable
CREATE TABLE "CurationBatch" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "userId" TEXT,
    "action" TEXT NOT NULL,
    "affected" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMP(3),

    CONSTRAINT "CurationBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CurationChange" (
    "batchId" TEXT NOT NULL,
    "trajectoryId" TEXT NOT NULL,
    "included" BOOLEAN NOT NULL,
    "labels" TEXT[],

    CONSTRAINT "CurationChange_pkey" PRIMARY KEY ("batchId","trajectoryId")
);

-- CreateIndex
CREATE INDEX "CurationBatch_orgId_createdAt_idx" ON "CurationBatch"("orgId", "createdAt");

-- AddForeignKey
ALTER TABLE "CurationBatch" ADD CONSTRAINT "CurationBatch_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationBatch" ADD CONSTRAINT "CurationBatch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationChange" ADD CONSTRAINT "CurationChange_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "CurationBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
