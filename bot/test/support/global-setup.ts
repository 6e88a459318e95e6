import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { Database } from '../../src/db/database.js';
import { JobQueue } from '../../src/jobs/job-queue.js';
import { onServer } from './pg-admin.js';

/**
 * Migrates once per run instead of once per test file: the schema and the job queue's tables are made here, and every
 * test file starts from a copy (test-database.ts). On a server that copy is a template database; embedded, a
 * snapshot of a migrated PGlite data directory.
 *
 * Vitest runs a project's global setup for each project that lists it (bot-db and bot-e2e), one after the other, each
 * in its own module graph: the migrated database is made by the first and shared through the process, and removed
 * when the last of them tears down.
 */
interface Prepared {
  testDatabase: { template: string | null; snapshotFile: string | null };
  remove(): Promise<void>;
}
interface Shared {
  prepared: Promise<Prepared>;
  users: number;
}
const KEY = Symbol.for('bridgeline.test.migrated-database');
const slot = globalThis as unknown as { [KEY]?: Shared };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = (slot[KEY] ??= { prepared: prepare(), users: 0 });
  shared.users += 1;
  const prepared = await shared.prepared;
  project.provide('testDatabase', prepared.testDatabase);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete slot[KEY];
    await prepared.remove();
  };
}

async function prepare(): Promise<Prepared> {
  const base = process.env.DATABASE_URL;
  const log = pino({ level: 'silent' });
  if (base) {
    const template = `bl_template_${randomBytes(6).toString('hex')}`;
    await onServer(base, (admin) => admin.query(`CREATE DATABASE ${template}`));
    const url = new URL(base);
    url.pathname = `/${template}`;
    const db = await Database.open({ url: url.toString(), dataDir: null, poolSize: 2 });
    await (await JobQueue.start(db.url, log, { maintenance: false })).stop();
    await db.close();
    return {
      testDatabase: { template, snapshotFile: null },
      remove: () =>
        onServer(base, (admin) => admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`)).then(
          () => undefined,
        ),
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'bridgeline-test-db-'));
  const snapshotFile = path.join(dir, 'migrated.tar');
  const db = await Database.open({ dataDir: null, poolSize: 2 });
  await (await JobQueue.start(db.url, log, { maintenance: false })).stop();
  // Written out to the data files, so each copy starts without replaying the migrations from the WAL (~15% of a
  // copy's start).
  await db.query('CHECKPOINT');
  await writeFile(snapshotFile, Buffer.from(await (await db.snapshot()).arrayBuffer()));
  await db.close();
  return {
    testDatabase: { template: null, snapshotFile },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
