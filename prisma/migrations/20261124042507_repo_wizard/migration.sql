-- AlterTable
ALTER TABLE "Repository" ADD COLUMN     "teacherKeyEncrypted" TEXT,
ADD COLUMN     "wizardStep" TEXT NOT NULL DEFAULT 'connect';
