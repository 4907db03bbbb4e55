-- AlterTable
ALTER TABLE "browser_trails" ADD COLUMN     "log_writes" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "ceremony_log_binding_hash_challenge_idx" ON "ceremony_log"("binding_hash", "challenge");
