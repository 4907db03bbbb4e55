-- DropDuplicates: keep each browser's newest pending challenge per purpose
DELETE FROM "challenges" AS "older" USING "challenges" AS "newer"
WHERE "older"."binding_hash" = "newer"."binding_hash" AND "older"."purpose" = "newer"."purpose" AND "older"."created_at" < "newer"."created_at";

-- CreateIndex
CREATE UNIQUE INDEX "challenges_binding_hash_purpose_key" ON "challenges"("binding_hash", "purpose");
