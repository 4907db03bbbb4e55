-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "method" VARCHAR(16) NOT NULL DEFAULT 'passkey';

-- AlterTable
ALTER TABLE "sign_in_events" ADD COLUMN     "method" VARCHAR(16) NOT NULL DEFAULT 'passkey';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "password_hash" TEXT;
