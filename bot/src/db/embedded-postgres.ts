import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { AtomicBatchQueryQueue } from './embedded-query-queue.js';

/**
 * The default database when DATABASE_URL is unset: PGlite (PostgreSQL compiled to WebAssembly) stored in DATA_DIR,
 * served on a loopback port by pglite-socket, so the app talks to it through `pg` exactly as to a real server and the
 * same migrations run everywhere. PGlite runs one session: statements of all connections are queued, and a
 * connection keeps the session for a whole protocol batch and a whole transaction (embedded-query-queue.ts), so
 * transactions are serialised across connections.
 */
export interface EmbeddedPostgres {
  url: string;
  /** The whole data directory as a tarball, e.g. a migrated database that tests start from instead of migrating. */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

/** `dataDir: null` keeps the database in memory, empty or started from a `dump()` of another one. */
export async function startEmbeddedPostgres(
  dataDir: string | null,
  options: { from?: Blob } = {},
): Promise<EmbeddedPostgres> {
  let db: PGlite;
  if (dataDir === null) {
    db = await PGlite.create(options.from ? { loadDataDir: options.from } : {});
  } else {
    const dir = path.resolve(dataDir, 'pgdata');
    await mkdir(dir, { recursive: true });
    db = await PGlite.create(dir);
  }
  // A pg pool needs more than the default single connection.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
  // Connections created after start() take the server's queue: swap in one that keeps protocol batches whole.
  (server as unknown as { queryQueue: AtomicBatchQueryQueue }).queryQueue = new AtomicBatchQueryQueue(db);
  await server.start();
  const conn = server.getServerConn();
  return {
    url: `postgres://postgres:postgres@${conn}/postgres?sslmode=disable`,
    dump: () => db.dumpDataDir('none'),
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
