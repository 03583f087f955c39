import { defineConfig } from 'drizzle-kit';

// Migrations are generated from every module's schema.ts and committed; see docs/architecture.md.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/**/schema.ts', './src/modules/**/schema.ts'],
  out: './migrations',
  strict: true,
  verbose: true,
});
