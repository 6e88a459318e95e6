import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { onServer } from './pg-admin.js';

/**
 * Each test file gets its own database, already migrated once for the whole run by global-setup.ts: on a real server
 * (DATABASE_URL, as in CI) a copy of the run's template database, dropped afterwards; otherwise a fresh in-memory
 * embedded PostgreSQL started from the run's migrated snapshot.
 */
export interface TestDatabase {
  /** The new database on the server; undefined for the embedded one. */
  url: string | undefined;
  /** The migrated embedded database to start from; undefined on a server. */
  snapshot: Blob | undefined;
  drop(): Promise<void>;
}

export async function freshDatabaseUrl(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  const prepared = preparedByGlobalSetup();
  if (!base) {
    const snapshot = prepared.snapshotFile ? new Blob([await readFile(prepared.snapshotFile)]) : undefined;
    return { url: undefined, snapshot, drop: async () => undefined };
  }
  const name = `bl_test_${randomBytes(6).toString('hex')}`;
  await onServer(base, async (admin) => {
    const template = prepared.template ? ` TEMPLATE ${prepared.template}` : '';
    await admin.query(`CREATE DATABASE ${name}${template}`);
  });
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    snapshot: undefined,
    drop: async () => {
      await onServer(base, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** What global-setup.ts made for this run; nothing outside a Vitest run (each database then migrates itself). */
function preparedByGlobalSetup(): { template: string | null; snapshotFile: string | null } {
  try {
    return inject('testDatabase') ?? { template: null, snapshotFile: null };
  } catch {
    return { template: null, snapshotFile: null };
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { template: string | null; snapshotFile: string | null };
  }
}
