-- CreateTable
CREATE TABLE "WorkerBeat" (
    "id" TEXT NOT NULL,
    "beatAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkerBeat_pkey" PRIMARY KEY ("id")
);
