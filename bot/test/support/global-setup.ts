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
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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
    project.provide('testDatabase', { template, snapshotFile: null });
    return () =>
      onServer(base, (admin) => admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`)).then(
        () => undefined,
      );
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'bridgeline-test-db-'));
  const snapshotFile = path.join(dir, 'migrated.tar');
  const db = await Database.open({ dataDir: null, poolSize: 2 });
  await (await JobQueue.start(db.url, log, { maintenance: false })).stop();
  await writeFile(snapshotFile, Buffer.from(await (await db.snapshot()).arrayBuffer()));
  await db.close();
  project.provide('testDatabase', { template: null, snapshotFile });
  return () => rm(dir, { recursive: true, force: true });
}
