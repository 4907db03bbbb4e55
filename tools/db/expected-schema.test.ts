import pg from 'pg';
import { expect } from 'vitest';
import { describeDatabase } from './describe-database';
import { expectedSchema } from './expected-schema';
import { test } from './test-database';

// Prisma features this project does not use yet (mapped enum values, serial ids, compound keys,
// quoted mixed-case names, scalar defaults), so the drift test keeps working as schema.prisma
// grows.
const schema = `
datasource db {
  provider = "postgresql"
}

enum Role {
  admin
  member @map("MEMBER")
}

model Team {
  id      Int      @id @default(autoincrement())
  name    String   @default("it's")
  role    Role     @default(member)
  score   Float    @default(1.5)
  active  Boolean  @default(true)
  price   Decimal
  at      DateTime @default(now())
  tags    String[]
  members Member[]

  @@unique([name, role])
}

model Member {
  teamId Int
  team   Team    @relation(fields: [teamId], references: [id])
  slot   Int     @db.SmallInt
  note   String? @db.Char(3)

  @@id([teamId, slot])
  @@map("members")
}
`;

// What Prisma 7.10's schema engine generates for that schema (`migrate diff --from-empty
// --to-schema`, less its CREATE SCHEMA "public").
const prismaGeneratedSql = `
CREATE TYPE "Role" AS ENUM ('admin', 'MEMBER');

CREATE TABLE "Team" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL DEFAULT 'it''s',
    "role" "Role" NOT NULL DEFAULT 'MEMBER',
    "score" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "price" DECIMAL(65,30) NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tags" TEXT[],

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "members" (
    "teamId" INTEGER NOT NULL,
    "slot" SMALLINT NOT NULL,
    "note" CHAR(3),

    CONSTRAINT "members_pkey" PRIMARY KEY ("teamId","slot")
);

CREATE UNIQUE INDEX "Team_name_role_key" ON "Team"("name", "role");

ALTER TABLE "members" ADD CONSTRAINT "members_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
`;

test('predicts what PostgreSQL reports for the tables Prisma generates', async ({ freshDatabase }) => {
  const client = new pg.Client({ connectionString: freshDatabase.url });
  await client.connect();
  try {
    await client.query(prismaGeneratedSql);
  } finally {
    await client.end();
  }
  expect(await describeDatabase(freshDatabase.url)).toEqual(expectedSchema(schema));
});

test('reports a schema that does not parse', () => {
  expect(() => expectedSchema('model {')).toThrow(/does not parse/);
});
