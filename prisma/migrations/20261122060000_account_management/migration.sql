-- AlterEnum
ALTER TYPE "challenge_purpose" ADD VALUE 'reauthentication';

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "reauthenticated_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "account_events" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "site_id" VARCHAR(64) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "detail" VARCHAR(128),

    CONSTRAINT "account_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "account_events_user_id_at_idx" ON "account_events"("user_id", "at");

-- CreateIndex
CREATE INDEX "account_events_at_idx" ON "account_events"("at");

-- AddForeignKey
ALTER TABLE "account_events" ADD CONSTRAINT "account_events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
