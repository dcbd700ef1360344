import { defineConfig } from 'prisma/config';

// Used only by `prisma generate` (the client never needs an engine binary: it talks to
// Postgres through @prisma/adapter-pg). Migrations are applied by `specialist migrate`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
