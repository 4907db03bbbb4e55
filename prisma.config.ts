import { defineConfig } from 'prisma/config';

// `env('DATABASE_URL')` from prisma/config throws when the variable is unset, which would break
// `prisma generate` (it never connects) on a fresh clone and during `next build`. Commands that
// do connect report the missing URL themselves.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
