-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "binding_hash" VARCHAR(64);

-- CreateTable
CREATE TABLE "browser_trails" (
    "binding_hash" VARCHAR(64) NOT NULL,
    "trail_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "browser_trails_pkey" PRIMARY KEY ("binding_hash")
);

-- CreateTable
CREATE TABLE "trail_handoffs" (
    "token_hash" VARCHAR(64) NOT NULL,
    "trail_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "trail_handoffs_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "ceremony_log" (
    "id" UUID NOT NULL,
    "binding_hash" VARCHAR(64) NOT NULL,
    "site_id" VARCHAR(64) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "step" VARCHAR(16) NOT NULL,
    "outcome" VARCHAR(64) NOT NULL,
    "ui" VARCHAR(16),
    "challenge" VARCHAR(128),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "entry" JSONB NOT NULL,

    CONSTRAINT "ceremony_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sessions_binding_hash_idx" ON "sessions"("binding_hash");

-- CreateIndex
CREATE INDEX "browser_trails_trail_id_idx" ON "browser_trails"("trail_id");

-- CreateIndex
CREATE INDEX "browser_trails_created_at_idx" ON "browser_trails"("created_at");

-- CreateIndex
CREATE INDEX "trail_handoffs_trail_id_idx" ON "trail_handoffs"("trail_id");

-- CreateIndex
CREATE INDEX "trail_handoffs_expires_at_idx" ON "trail_handoffs"("expires_at");

-- CreateIndex
CREATE INDEX "ceremony_log_binding_hash_created_at_idx" ON "ceremony_log"("binding_hash", "created_at");

-- CreateIndex
CREATE INDEX "ceremony_log_created_at_idx" ON "ceremony_log"("created_at");
