import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { botTestDefaults } from './vitest.config.js';

/**
 * The tests of what depends on which PostgreSQL runs: `npm run test:embedded` runs these on the embedded one (CI's
 * second pass, after every test ran on a real server). Each is here for a difference between the two:
 */
export const EMBEDDED_TESTS = [
  // the schema: migrations down and up, constraints, races between transactions (PGlite runs one session, whose
  // statements and transactions the embedded query queue serialises across connections)
  'test/db/migrations.test.ts',
  'test/db/races.test.ts',
  // locks and queues under concurrency: the pair lock, SKIP LOCKED claims and sweeps, pg-boss jobs
  'test/whatsapp/deliver-pair.test.ts',
  'test/whatsapp/delivery-queue.test.ts',
  'test/whatsapp/stalled-pairs.test.ts',
  'test/whatsapp/unconfirmed-sends.test.ts',
  // the webhook inbox: concurrent ingest, plain queries where a server gets prepared statements
  'test/whatsapp/webhook/webhook-ingest.test.ts',
  // what PostgreSQL refuses to store (NUL, lone surrogates, ids no index can hold), and every route fuzzed with it
  'test/http/api/poison-input.test.ts',
  'test/whatsapp/webhook/webhook-poison.test.ts',
  'test/fuzz/api-fuzz.test.ts',
  // live events: fanned out in the process after commit, where a server carries them by LISTEN/NOTIFY
  'test/http/api/access.test.ts',
  // the archive: sealing at commit through the embedded query queue, the append-only triggers, the purge's setting
  'test/archive/archive-chain.test.ts',
  'test/archive/retention.test.ts',
];

/** A project of database tests: each file on its own copy of the run's migrated database (see vitest.config.ts). */
export function databaseProject(name: string, include: string[]) {
  return defineProject({
    root: fileURLToPath(new URL('.', import.meta.url)),
    resolve: botTestDefaults.resolve,
    test: {
      name,
      include,
      exclude: ['test/e2e/**'],
      globalSetup: ['test/support/global-setup.ts'],
      environment: botTestDefaults.environment,
      testTimeout: botTestDefaults.testTimeout,
      hookTimeout: botTestDefaults.hookTimeout,
    },
  });
}

/** `bot-db`: API, database and integration tests, on the embedded database or the DATABASE_URL server. */
export default databaseProject('bot-db', ['test/**/*.test.ts']);
